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

    /**
     * Folds a codeword of length 2^b (base, or interleaved extension) by the challenges r_1..r_a in one
     * pass, into an extension codeword of length 2^(b-a): each coset of 2^a consecutive positions is
     * folded round after round in a small local buffer, so no intermediate codeword is ever written.
     *
     * <p>In round i the pair t of coset c has 1/(2x) = T_i[t] X_c^(2^i) with X_c = w_b^-bitrev_{b-a}(c) and
     * T_i[t] = w_{a-i}^-bitrev_{a-i-1}(t) / 2 (split the bit reversal of c 2^(a-i-1) + t into its two
     * parts). X_c itself is LO[lo] HI[hi] for c = hi 2^h + lo. Per coset that is a few multiplications on
     * top of the folds themselves.
     */
    static long[] foldRounds(long[] codeword, boolean base, Ext3[] r) {
        int a = r.length;
        int length = base ? codeword.length : codeword.length / 3;
        int b = Integer.numberOfTrailingZeros(length);
        if (Integer.bitCount(length) != 1 || a < 1 || a > b) {
            throw new IllegalArgumentException("cannot fold a codeword of length " + length + " by " + a + " rounds");
        }
        int outLog = b - a;
        long inv2 = (Goldilocks.P >>> 1) + 1;
        long[][] inner = new long[a][];
        for (int i = 0; i < a; i++) {
            int pairsLog = a - i - 1;
            inner[i] = new long[1 << pairsLog];
            for (int t = 0; t < inner[i].length; t++) {
                inner[i][t] = Goldilocks.mul(inv2, Goldilocks.pow(ROOTS_INV[a - i], bitReverse(t, pairsLog)));
            }
        }
        int loLog = Math.min(outLog, MAX_LO_LOG);
        int hiLog = outLog - loLog;
        long[] lo = new long[1 << loLog];
        for (int i = 0; i < lo.length; i++) {
            lo[i] = Goldilocks.pow(ROOTS_INV[b], (long) bitReverse(i, loLog) << hiLog);
        }
        long[] hi = new long[1 << hiLog];
        for (int i = 0; i < hi.length; i++) {
            hi[i] = Goldilocks.pow(ROOTS_INV[b], bitReverse(i, hiLog));
        }
        long[] out = new long[3 << outLog];
        long[] rr = new long[3 * a];
        for (int i = 0; i < a; i++) {
            r[i].write(rr, i);
        }
        long[] tensor = base ? challengeTensor(r) : null;
        Parallel.forRange(1 << outLog, Math.max(1, PARALLEL_MIN_PAIRS >>> a), (from, to) -> {
            long[] buf = new long[3 << a];
            for (int c = from; c < to; c++) {
                long x = BranchFree.mul(lo[c & (lo.length - 1)], hi[c >>> loLog]);
                if (base) {
                    foldBaseCoset(codeword, c, a, x, inner, tensor, buf, out);
                } else {
                    foldCoset(codeword, c, a, x, inner, rr, buf, out);
                }
            }
        });
        return out;
    }

    /** R_S = prod_{i in S} r_i for every subset S of the a challenges (bit i of S = r_{i+1}), interleaved. */
    private static long[] challengeTensor(Ext3[] r) {
        long[] t = new long[3 << r.length];
        Ext3.ONE.write(t, 0);
        for (int i = 0; i < r.length; i++) {
            for (int sub = 0; sub < (1 << i); sub++) {
                Ext3.read(t, sub).mul(r[i]).write(t, sub + (1 << i));
            }
        }
        return t;
    }

    /**
     * A base-field coset folded without extension arithmetic until the end: folding is linear in the
     * challenges, so the a-fold is sum_S R_S F_S where the base values F_S come from a butterfly network
     * on the coset ((A + B)/2 keeps S, (A - B)/(2x) adds the round's challenge to S). In place: after
     * round i, position t holds its 2^(i+1) components at [t 2^(i+1), (t+1) 2^(i+1)).
     */
    private static void foldBaseCoset(long[] cw, int c, int a, long x, long[][] inner, long[] tensor, long[] buf,
            long[] out) {
        int size = 1 << a;
        System.arraycopy(cw, c * size, buf, 0, size);
        for (int i = 0; i < a; i++) {
            int comps = 1 << i;
            long[] ti = inner[i];
            for (int t = 0; t < (size >>> (i + 1)); t++) {
                long k = BranchFree.mul(ti[t], x);
                int base = t << (i + 1);
                for (int sub = 0; sub < comps; sub++) {
                    long u = buf[base + sub], v = buf[base + comps + sub];
                    buf[base + sub] = BranchFree.half(BranchFree.add(u, v));
                    buf[base + comps + sub] = BranchFree.mul(BranchFree.sub(u, v), k);
                }
            }
            x = BranchFree.mul(x, x);
        }
        long o0 = 0, o1 = 0, o2 = 0;
        for (int sub = 0; sub < size; sub++) {
            long f = buf[sub];
            o0 = BranchFree.add(o0, BranchFree.mul(f, tensor[3 * sub]));
            o1 = BranchFree.add(o1, BranchFree.mul(f, tensor[3 * sub + 1]));
            o2 = BranchFree.add(o2, BranchFree.mul(f, tensor[3 * sub + 2]));
        }
        out[3 * c] = o0;
        out[3 * c + 1] = o1;
        out[3 * c + 2] = o2;
    }

    /** An extension coset folded round by round in {@code buf}, each round with its challenge. */
    private static void foldCoset(long[] cw, int c, int a, long x, long[][] inner, long[] rr, long[] buf, long[] out) {
        int size = 1 << a;
        System.arraycopy(cw, 3 * c * size, buf, 0, 3 * size);
        for (int i = 0; i < a; i++) {
            long s0 = BranchFree.mul(rr[3 * i], x);
            long s1 = BranchFree.mul(rr[3 * i + 1], x);
            long s2 = BranchFree.mul(rr[3 * i + 2], x);
            long[] ti = inner[i];
            for (int t = 0; t < (size >>> (i + 1)); t++) {
                foldExtPair(buf, 6 * t, ti[t], s0, s1, s2, buf, 3 * t);
            }
            x = BranchFree.mul(x, x);
        }
        System.arraycopy(buf, 0, out, 3 * c, 3);
    }

    /** dst[o..o+3) = (A + B)/2 + (A - B) w s for A = src[i..i+3), B = src[i+3..i+6); dst may alias src. */
    private static void foldExtPair(long[] src, int i, long w, long s0, long s1, long s2, long[] dst, int o) {
        long a0 = src[i], a1 = src[i + 1], a2 = src[i + 2];
        long b0 = src[i + 3], b1 = src[i + 4], b2 = src[i + 5];
        long d0 = BranchFree.mul(BranchFree.sub(a0, b0), w);
        long d1 = BranchFree.mul(BranchFree.sub(a1, b1), w);
        long d2 = BranchFree.mul(BranchFree.sub(a2, b2), w);
        dst[o] = BranchFree.add(BranchFree.half(BranchFree.add(a0, b0)), ExtMath.mul0(d0, d1, d2, s0, s1, s2));
        dst[o + 1] = BranchFree.add(BranchFree.half(BranchFree.add(a1, b1)), ExtMath.mul1(d0, d1, d2, s0, s1, s2));
        dst[o + 2] = BranchFree.add(BranchFree.half(BranchFree.add(a2, b2)), ExtMath.mul2(d0, d1, d2, s0, s1, s2));
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
