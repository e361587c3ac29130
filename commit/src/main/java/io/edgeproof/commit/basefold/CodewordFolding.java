package io.edgeproof.commit.basefold;

import io.edgeproof.field.Ext3;
import io.edgeproof.field.Goldilocks;

/**
 * Folding of Reed-Solomon codewords, the step that halves the degree with a challenge r.
 *
 * <p>Codewords are evaluations on the subgroup of order 2^b in bit-reversed order, so positions 2j and
 * 2j+1 hold the values at x and -x, with x = w_b^bitrev_{b-1}(j). For P(X) = P_e(X^2) + X P_o(X^2), the
 * fold is P_e + r P_o, evaluated at x^2 from the pair as (A + B)/2 + r (A - B)/(2x); it lands at position j
 * of the folded codeword, again in bit-reversed order. On multilinear coefficients this is fixing the
 * lowest variable x_1 = r, as {@code Multilinear.fixFirstVariable} does on evaluation tables.
 *
 * <p>The prover never folds codewords: a folded layer is the encoding of the folded table (see
 * {@code BasefoldProver.foldAndOpen}); the verifier folds the queried pairs with {@link #foldPair}.
 */
final class CodewordFolding {
    private static final long[] ROOTS = new long[Goldilocks.TWO_ADICITY + 1];
    private static final long[] ROOTS_INV = new long[Goldilocks.TWO_ADICITY + 1];

    static {
        for (int b = 0; b <= Goldilocks.TWO_ADICITY; b++) {
            ROOTS[b] = Goldilocks.rootOfUnity(b);
            ROOTS_INV[b] = Goldilocks.inverse(ROOTS[b]);
        }
    }

    private CodewordFolding() {}

    /** The verifier's fold of one pair: (a + b)/2 + r (a - b) xInv / 2, xInv = 1/x for the pair's x. */
    static Ext3 foldPair(Ext3 a, Ext3 b, long xInv, Ext3 r) {
        long inv2 = (Goldilocks.P >>> 1) + 1;
        Ext3 sum = a.add(b).mulBase(inv2);
        Ext3 diff = a.sub(b).mulBase(Goldilocks.mul(xInv, inv2));
        return sum.add(r.mul(diff));
    }

    /** 1/x for pair j of a codeword of length 2^b: x = w_b^bitrev_{b-1}(j). */
    static long pairPointInverse(int b, int j) {
        return Goldilocks.pow(ROOTS_INV[b], bitReverse(j, b - 1));
    }

    /** The domain point at position {@code pos} of a codeword of length 2^b: w_b^bitrev_b(pos). */
    static long point(int b, int pos) {
        return Goldilocks.pow(ROOTS[b], bitReverse(pos, b));
    }

    static int bitReverse(int i, int bits) {
        return bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
    }
}
