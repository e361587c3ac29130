package io.edgeproof.commit.basefold;

import io.edgeproof.transcript.Hasher;
import io.edgeproof.transcript.StatementBinder;
import java.util.Arrays;

/**
 * The public commitment to one multilinear polynomial: the Merkle root of its codeword and its number of
 * variables (which fixes the codeword length and leaf shape).
 */
public record BasefoldCommitment(byte[] root, int numVariables) {
    public BasefoldCommitment {
        if (root == null || root.length != Hasher.DIGEST_BYTES) {
            throw new IllegalArgumentException("a commitment root has " + Hasher.DIGEST_BYTES + " bytes");
        }
        if (numVariables < 0 || numVariables > BasefoldParams.MAX_VARIABLES) {
            throw new IllegalArgumentException("numVariables must be in [0, " + BasefoldParams.MAX_VARIABLES + "]");
        }
        root = root.clone();
    }

    @Override
    public byte[] root() {
        return root.clone();
    }

    /** Absorbs the commitment: callers bind it to their statement before any challenge. */
    public void bindTo(StatementBinder binder) {
        binder.u64("basefold-commitment-vars", numVariables).bytes("basefold-commitment-root", root);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BasefoldCommitment c && c.numVariables == numVariables && Arrays.equals(c.root, root);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(root) + numVariables;
    }

    @Override
    public String toString() {
        return "BasefoldCommitment[" + numVariables + " vars, root " + java.util.HexFormat.of().formatHex(root) + "]";
    }
}
