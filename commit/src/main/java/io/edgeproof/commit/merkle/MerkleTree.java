package io.edgeproof.commit.merkle;

import io.edgeproof.field.Parallel;
import io.edgeproof.transcript.HashFunction;
import io.edgeproof.transcript.Hasher;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A binary Merkle tree over rows of field elements (one row per leaf, e.g. a whole folding coset), kept in
 * memory by the prover to open many leaves at once.
 *
 * <p>All digests live in one byte array, level by level from the leaves (level 0) to the root, so a tree
 * over 2^19 leaves is two arrays, not a million objects. Leaves and each wide level are hashed in
 * parallel, each task with its own {@link Hasher}. With a positive salt length every leaf gets fresh
 * random salt bytes, which makes the root and the unopened leaves' digests hide the rows (used for
 * hiding commitments); the salts of opened leaves travel with the opening.
 */
public final class MerkleTree {
    private static final int PARALLEL_LEAVES = 1 << 10;

    private final MerkleShape shape;
    private final byte[] nodes;
    private final int[] levelOffsets;
    private final long[] rows;
    private final byte[] salts;

    private MerkleTree(MerkleShape shape, byte[] nodes, int[] levelOffsets, long[] rows, byte[] salts) {
        this.shape = shape;
        this.nodes = nodes;
        this.levelOffsets = levelOffsets;
        this.rows = rows;
        this.salts = salts;
    }

    /** A tree without salts over {@code rows.length / rowLongs} leaves (a power of two). */
    public static MerkleTree build(long[] rows, int rowLongs, HashFunction hash) {
        return build(rows, rowLongs, hash, 0, null);
    }

    /**
     * A tree whose leaves carry {@code saltBytes} random bytes each, drawn from {@code random} (pass a
     * {@link java.security.SecureRandom} for hiding).
     */
    public static MerkleTree build(long[] rows, int rowLongs, HashFunction hash, int saltBytes, RandomGenerator random) {
        if (rowLongs <= 0 || rows.length % rowLongs != 0) {
            throw new IllegalArgumentException("rows of " + rowLongs + " words do not tile " + rows.length + " words");
        }
        MerkleShape shape = new MerkleShape(rows.length / rowLongs, rowLongs, saltBytes);
        int leaves = shape.numLeaves();
        byte[] salts = new byte[leaves * saltBytes];
        if (saltBytes > 0) {
            random.nextBytes(salts);
        }
        int depth = shape.depth();
        int[] offsets = new int[depth + 1];
        int total = 0;
        for (int level = 0; level <= depth; level++) {
            offsets[level] = total;
            total += (leaves >>> level) * Hasher.DIGEST_BYTES;
        }
        byte[] nodes = new byte[total];
        Parallel.forRange(leaves, PARALLEL_LEAVES, (from, to) -> {
            LeafHasher h = new LeafHasher(hash.newHasher(), rowLongs, saltBytes);
            for (int i = from; i < to; i++) {
                h.leaf(rows, i, salts, i, nodes, i * Hasher.DIGEST_BYTES);
            }
        });
        for (int level = 1; level <= depth; level++) {
            int below = offsets[level - 1];
            int here = offsets[level];
            Parallel.forRange(leaves >>> level, PARALLEL_LEAVES, (from, to) -> {
                LeafHasher h = new LeafHasher(hash.newHasher(), rowLongs, saltBytes);
                for (int i = from; i < to; i++) {
                    int left = below + 2 * i * Hasher.DIGEST_BYTES;
                    h.node(nodes, left, nodes, left + Hasher.DIGEST_BYTES, nodes, here + i * Hasher.DIGEST_BYTES);
                }
            });
        }
        return new MerkleTree(shape, nodes, offsets, rows, salts);
    }

    public MerkleShape shape() {
        return shape;
    }

    public byte[] root() {
        return Arrays.copyOfRange(nodes, levelOffsets[shape.depth()], levelOffsets[shape.depth()] + Hasher.DIGEST_BYTES);
    }

    /**
     * Opens the leaves at {@code sortedIndices} (strictly increasing, see {@link #sortedDistinct}): their
     * rows and salts, and each needed sibling once.
     */
    public MerkleMultiProof open(int[] sortedIndices) {
        MerkleVerifier.checkIndices(sortedIndices, shape.numLeaves());
        int rowLongs = shape.rowLongs();
        int saltBytes = shape.saltBytes();
        long[] openedRows = new long[sortedIndices.length * rowLongs];
        byte[] openedSalts = new byte[sortedIndices.length * saltBytes];
        for (int k = 0; k < sortedIndices.length; k++) {
            System.arraycopy(rows, sortedIndices[k] * rowLongs, openedRows, k * rowLongs, rowLongs);
            System.arraycopy(salts, sortedIndices[k] * saltBytes, openedSalts, k * saltBytes, saltBytes);
        }
        byte[] siblings = new byte[sortedIndices.length * shape.depth() * Hasher.DIGEST_BYTES];
        int count = 0;
        int[] known = sortedIndices.clone();
        int size = known.length;
        for (int level = 0; level < shape.depth(); level++) {
            int next = 0;
            for (int k = 0; k < size; k++) {
                int idx = known[k];
                if ((idx & 1) == 0 && k + 1 < size && known[k + 1] == idx + 1) {
                    k++; // both children known: no sibling needed
                } else {
                    int off = levelOffsets[level] + (idx ^ 1) * Hasher.DIGEST_BYTES;
                    System.arraycopy(nodes, off, siblings, count * Hasher.DIGEST_BYTES, Hasher.DIGEST_BYTES);
                    count++;
                }
                known[next++] = idx >>> 1;
            }
            size = next;
        }
        return new MerkleMultiProof(openedRows, openedSalts, Arrays.copyOf(siblings, count * Hasher.DIGEST_BYTES));
    }

    /** The distinct values of {@code indices}, in increasing order. */
    public static int[] sortedDistinct(int[] indices) {
        int[] sorted = indices.clone();
        Arrays.sort(sorted);
        int distinct = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[distinct++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, distinct);
    }
}
