package io.edgeproof.commit.merkle;

import io.edgeproof.transcript.HashFunction;
import io.edgeproof.transcript.Hasher;
import io.edgeproof.transcript.VerificationException;
import java.security.MessageDigest;

/**
 * Checks a {@link MerkleMultiProof} against a root: recomputes the opened leaves' digests and walks up
 * level by level, taking a sibling from the proof exactly where {@link MerkleTree#open} put one. Shapes
 * are checked before any hashing, and the proof must be used up exactly.
 */
public final class MerkleVerifier {
    private MerkleVerifier() {}

    public static void verify(byte[] root, MerkleShape shape, int[] sortedIndices, MerkleMultiProof proof,
            HashFunction hash) throws VerificationException {
        if (root.length != Hasher.DIGEST_BYTES) {
            throw new VerificationException(MerkleReason.SHAPE_MISMATCH, "root has " + root.length + " bytes");
        }
        try {
            checkIndices(sortedIndices, shape.numLeaves());
        } catch (IllegalArgumentException e) {
            throw new VerificationException(MerkleReason.INDEX_OUT_OF_RANGE, e.getMessage());
        }
        int n = sortedIndices.length;
        if (proof.rows().length != (long) n * shape.rowLongs() || proof.salts().length != (long) n * shape.saltBytes()) {
            throw new VerificationException(MerkleReason.SHAPE_MISMATCH, "opening holds " + proof.rows().length
                    + " words and " + proof.salts().length + " salt bytes for " + n + " leaves of " + shape);
        }
        int available = proof.siblingCount();
        if (available > n * shape.depth()) {
            throw new VerificationException(MerkleReason.PATH_LENGTH_MISMATCH,
                    available + " siblings exceed what " + n + " leaves at depth " + shape.depth() + " can need");
        }
        LeafHasher h = new LeafHasher(hash.newHasher(), shape.rowLongs(), shape.saltBytes());
        int[] known = sortedIndices.clone();
        byte[] digests = new byte[n * Hasher.DIGEST_BYTES];
        for (int k = 0; k < n; k++) {
            h.leaf(proof.rows(), k, proof.salts(), k, digests, k * Hasher.DIGEST_BYTES);
        }
        byte[] siblings = proof.siblings();
        int used = 0;
        int size = n;
        for (int level = 0; level < shape.depth(); level++) {
            int next = 0;
            for (int k = 0; k < size; k++) {
                int idx = known[k];
                int mine = k * Hasher.DIGEST_BYTES;
                int out = next * Hasher.DIGEST_BYTES;
                if ((idx & 1) == 0 && k + 1 < size && known[k + 1] == idx + 1) {
                    h.node(digests, mine, digests, mine + Hasher.DIGEST_BYTES, digests, out);
                    k++;
                } else {
                    if (used == available) {
                        throw new VerificationException(MerkleReason.PATH_LENGTH_MISMATCH,
                                "opening ran out of siblings at level " + level);
                    }
                    int sib = used++ * Hasher.DIGEST_BYTES;
                    if ((idx & 1) == 0) {
                        h.node(digests, mine, siblings, sib, digests, out);
                    } else {
                        h.node(siblings, sib, digests, mine, digests, out);
                    }
                }
                known[next++] = idx >>> 1;
            }
            size = next;
        }
        if (used != available) {
            throw new VerificationException(MerkleReason.PATH_LENGTH_MISMATCH,
                    (available - used) + " unused siblings in the opening");
        }
        if (!MessageDigest.isEqual(java.util.Arrays.copyOf(digests, Hasher.DIGEST_BYTES), root)) {
            throw new VerificationException(MerkleReason.ROOT_MISMATCH, "recomputed root differs from the commitment");
        }
    }

    static void checkIndices(int[] sortedIndices, int numLeaves) {
        if (sortedIndices.length == 0) {
            throw new IllegalArgumentException("no leaves to open");
        }
        for (int k = 0; k < sortedIndices.length; k++) {
            int idx = sortedIndices[k];
            if (idx < 0 || idx >= numLeaves || (k > 0 && idx <= sortedIndices[k - 1])) {
                throw new IllegalArgumentException("leaf indices must be strictly increasing in [0, " + numLeaves
                        + "), got " + idx + " at position " + k);
            }
        }
    }
}
