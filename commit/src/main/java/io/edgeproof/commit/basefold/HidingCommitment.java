package io.edgeproof.commit.basefold;

import io.edgeproof.transcript.Hasher;
import io.edgeproof.transcript.StatementBinder;
import java.util.Arrays;

/**
 * The public, hiding commitment to a multilinear polynomial f of {@code numVariables} variables: the salted
 * Merkle root of the codeword of f', a polynomial with {@code extraVariables} more (top) variables whose
 * block at x_top = 0 is f and whose other blocks are uniformly random. Claims on f at z are claims on f'
 * at (z, 0..0). See {@link HidingBasefold}.
 */
public record HidingCommitment(byte[] root, int numVariables, int extraVariables) {
    public HidingCommitment {
        if (root == null || root.length != Hasher.DIGEST_BYTES) {
            throw new IllegalArgumentException("a commitment root has " + Hasher.DIGEST_BYTES + " bytes");
        }
        if (numVariables < 0 || extraVariables < 1 || numVariables + extraVariables > BasefoldParams.MAX_VARIABLES) {
            throw new IllegalArgumentException("need numVariables >= 0, extraVariables >= 1 and at most "
                    + BasefoldParams.MAX_VARIABLES + " committed variables, got " + numVariables + " + " + extraVariables);
        }
        root = root.clone();
    }

    @Override
    public byte[] root() {
        return root.clone();
    }

    /** Variables of the committed (randomised) polynomial f'. */
    public int committedVariables() {
        return numVariables + extraVariables;
    }

    /** The commitment to f' as the folding core sees it. */
    BasefoldCommitment inner() {
        return new BasefoldCommitment(root, committedVariables());
    }

    /** Absorbs the commitment: callers bind it to their statement before any challenge. */
    public void bindTo(StatementBinder binder) {
        binder.u64("basefold-hiding-commitment-vars", numVariables)
                .u64("basefold-hiding-commitment-extra", extraVariables)
                .bytes("basefold-hiding-commitment-root", root);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HidingCommitment c && c.numVariables == numVariables && c.extraVariables == extraVariables
                && Arrays.equals(c.root, root);
    }

    @Override
    public int hashCode() {
        return (31 * Arrays.hashCode(root) + numVariables) * 31 + extraVariables;
    }

    @Override
    public String toString() {
        return "HidingCommitment[" + numVariables + " + " + extraVariables + " vars, root "
                + java.util.HexFormat.of().formatHex(root) + "]";
    }
}
