package io.edgeproof.commit.merkle;

/**
 * What a verifier must know about a tree besides its root: the number of leaves (a power of two), the
 * number of u64 words per leaf row (k base elements, or 3k for k extension elements) and the salt length
 * per leaf (0 for a plain, binding-only tree).
 */
public record MerkleShape(int numLeaves, int rowLongs, int saltBytes) {
    public static final int MAX_SALT_BYTES = 64;

    public MerkleShape {
        if (numLeaves <= 0 || Integer.bitCount(numLeaves) != 1) {
            throw new IllegalArgumentException("a Merkle tree needs a power-of-two number of leaves, got " + numLeaves);
        }
        if (rowLongs <= 0) {
            throw new IllegalArgumentException("leaf rows need at least one word");
        }
        if (saltBytes < 0 || saltBytes > MAX_SALT_BYTES) {
            throw new IllegalArgumentException("salt length must be in [0, " + MAX_SALT_BYTES + "]");
        }
    }

    public int depth() {
        return Integer.numberOfTrailingZeros(numLeaves);
    }
}
