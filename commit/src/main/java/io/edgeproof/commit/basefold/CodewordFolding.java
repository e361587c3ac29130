package io.edgeproof.commit.basefold;

import io.edgeproof.field.Ext3;
import io.edgeproof.field.Goldilocks;
import io.edgeproof.field.Goldilocks.BranchFree;
import io.edgeproof.field.Parallel;

/**
 * Folding of Reed-Solomon codewords, the step that halves the degree with a challenge r.
 *
 * <p>Codewords are evaluations on the subgroup of order 2^b in bit-reversed order, so positions 2j and
 * 2j+1 hold the values at x and -x, with x = w_b^bitrev_{b-1}(j). For P(X) = P_e(X^2) + X P_o(X^2), the
 * fold is P_e + r P_o, evaluated at x^2 from the pair as (A + B)/2 + r (A - B)/(2x); it lands at position j
 * of the folded codeword, again in bit-reversed order. On multilinear coefficients this is fixing the
 * lowest variable x_1 = r, as {@code Multilinear.fixFirstVariable} does on evaluation tables.
 *
 * <p>The prover needs 1/(2x) for every pair. Splitting j = hi 2^h + lo splits bitrev_{b-1}(j) into a part
 * from lo and one from hi, so 1/(2x) = LO[lo] * HI[hi] with two tables of about sqrt(2^b) entries instead
 * of one table as large as the codeword; HI[hi] is merged into r once per hi.
 */
final class CodewordFolding {
    private static final int MAX_LO_LOG = 11;
    private static final int PARALLEL_MIN_PAIRS = 1 << 12;

    private static final long[] ROOTS = new long[Goldilocks.TWO_ADICITY + 1];
    private static final long[] ROOTS_INV = new long[Goldilocks.TWO_ADICITY + 1];

    static {
        for (int b = 0; b <= Goldilocks.TWO_ADICITY; b++) {
            ROOTS[b] = Goldilocks.rootOfUnity(b);
            ROOTS_INV[b] = Goldilocks.inverse(ROOTS[b]);
        }
    }

    private CodewordFolding() {}

    /** Folds a base-field codeword of length 2^b into an extension codeword of length 2^(b-1). */
    static long[] foldBase(long[] codeword, Ext3 r) {
        return fold(codeword, true, r);
    }

    /** Folds an interleaved extension codeword. */
    static long[] foldExt(long[] codeword, Ext3 r) {
        return fold(codeword, false, r);
    }

    private static long[] fold(long[] codeword, boolean base, Ext3 r) {
        int length = base ? codeword.length : codeword.length / 3;
        int b = Integer.numberOfTrailingZeros(length);
        if (length < 2 || Integer.bitCount(length) != 1) {
            throw new IllegalArgumentException("cannot fold a codeword of length " + length);
        }
        int loLog = Math.min(b - 1, MAX_LO_LOG);
        int hiLog = b - 1 - loLog;
        long[] lo = new long[1 << loLog];
        long loRootInv = ROOTS_INV[loLog + 1];
        for (int i = 0; i < lo.length; i++) {
            lo[i] = Goldilocks.pow(loRootInv, bitReverse(i, loLog));
        }
        long rootInv = ROOTS_INV[b];
        long inv2 = Goldilocks.inverse(2);
        long[] out = new long[3 * (length >>> 1)];
        long r0 = r.c0(), r1 = r.c1(), r2 = r.c2();
        int grain = Math.max(1, PARALLEL_MIN_PAIRS >>> loLog);
        Parallel.forRange(1 << hiLog, grain, (from, to) -> {
            for (int hi = from; hi < to; hi++) {
                long scale = Goldilocks.mul(inv2, Goldilocks.pow(rootInv, bitReverse(hi, hiLog)));
                long s0 = BranchFree.mul(r0, scale), s1 = BranchFree.mul(r1, scale), s2 = BranchFree.mul(r2, scale);
                int start = hi << loLog;
                if (base) {
                    foldBaseRun(codeword, out, start, lo, s0, s1, s2);
                } else {
                    foldExtRun(codeword, out, start, lo, s0, s1, s2);
                }
            }
        });
        return out;
    }

    private static void foldBaseRun(long[] c, long[] out, int start, long[] lo, long s0, long s1, long s2) {
        for (int i = 0; i < lo.length; i++) {
            int j = start + i;
            long a = c[2 * j], bb = c[2 * j + 1];
            long sum = BranchFree.half(BranchFree.add(a, bb));
            long d = BranchFree.mul(BranchFree.sub(a, bb), lo[i]);
            out[3 * j] = BranchFree.add(sum, BranchFree.mul(d, s0));
            out[3 * j + 1] = BranchFree.mul(d, s1);
            out[3 * j + 2] = BranchFree.mul(d, s2);
        }
    }

    private static void foldExtRun(long[] c, long[] out, int start, long[] lo, long s0, long s1, long s2) {
        for (int i = 0; i < lo.length; i++) {
            int j = start + i;
            int x = 6 * j;
            long w = lo[i];
            long d0 = BranchFree.mul(BranchFree.sub(c[x], c[x + 3]), w);
            long d1 = BranchFree.mul(BranchFree.sub(c[x + 1], c[x + 4]), w);
            long d2 = BranchFree.mul(BranchFree.sub(c[x + 2], c[x + 5]), w);
            // d * s in F[X]/(X^3 - 2)
            long p0 = BranchFree.add(BranchFree.mul(d0, s0),
                    dbl(BranchFree.add(BranchFree.mul(d1, s2), BranchFree.mul(d2, s1))));
            long p1 = BranchFree.add(BranchFree.add(BranchFree.mul(d0, s1), BranchFree.mul(d1, s0)),
                    dbl(BranchFree.mul(d2, s2)));
            long p2 = BranchFree.add(BranchFree.add(BranchFree.mul(d0, s2), BranchFree.mul(d1, s1)),
                    BranchFree.mul(d2, s0));
            out[3 * j] = BranchFree.add(BranchFree.half(BranchFree.add(c[x], c[x + 3])), p0);
            out[3 * j + 1] = BranchFree.add(BranchFree.half(BranchFree.add(c[x + 1], c[x + 4])), p1);
            out[3 * j + 2] = BranchFree.add(BranchFree.half(BranchFree.add(c[x + 2], c[x + 5])), p2);
        }
    }

    private static long dbl(long a) {
        return BranchFree.add(a, a);
    }

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
