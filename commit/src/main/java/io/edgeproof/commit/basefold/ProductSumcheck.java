package io.edgeproof.commit.basefold;

import io.edgeproof.field.Ext3;
import io.edgeproof.field.Goldilocks.BranchFree;
import io.edgeproof.field.Parallel;

/**
 * The sumcheck for sum_b P(b) W(b) over the hypercube, binding x_1 first (pairs (2j, 2j+1)), as used by
 * both halves of a Basefold opening. Each round polynomial has degree 2 and is sent as its values at 0, 1
 * and 2. P is a base or an extension table, W always an extension table (interleaved).
 *
 * <p>The prover kernels run over fixed chunks on the fork-join pool, each with its own partial sums, so
 * the result does not depend on the number of threads.
 */
final class ProductSumcheck {
    private static final int CHUNKS = 64;
    private static final int PARALLEL_MIN_PAIRS = 1 << 11;

    private ProductSumcheck() {}

    /** The round polynomial's values at 0, 1, 2, interleaved (9 words). */
    static long[] roundValues(long[] p, boolean pBase, long[] w) {
        int pairs = (w.length / 3) >>> 1;
        int chunks = pairs >= PARALLEL_MIN_PAIRS ? CHUNKS : 1;
        long[] partial = new long[9 * chunks];
        Parallel.forRange(chunks, 1, (from, to) -> {
            for (int c = from; c < to; c++) {
                int lo = (int) ((long) pairs * c / chunks);
                int hi = (int) ((long) pairs * (c + 1) / chunks);
                accumulate(p, pBase, w, lo, hi, partial, 9 * c);
            }
        });
        long[] sum = new long[9];
        for (int c = 0; c < chunks; c++) {
            for (int i = 0; i < 9; i++) {
                sum[i] = BranchFree.add(sum[i], partial[9 * c + i]);
            }
        }
        return sum;
    }

    private static void accumulate(long[] p, boolean pBase, long[] w, int lo, int hi, long[] out, int o) {
        long[] acc = new long[9];
        long[] a = new long[3];
        long[] b = new long[3];
        for (int j = lo; j < hi; j++) {
            int e = 6 * j;
            long w00 = w[e], w01 = w[e + 1], w02 = w[e + 2];
            long w10 = w[e + 3], w11 = w[e + 4], w12 = w[e + 5];
            long w20 = BranchFree.sub(BranchFree.add(w10, w10), w00);
            long w21 = BranchFree.sub(BranchFree.add(w11, w11), w01);
            long w22 = BranchFree.sub(BranchFree.add(w12, w12), w02);
            if (pBase) {
                long p0 = p[2 * j], p1 = p[2 * j + 1];
                long p2 = BranchFree.sub(BranchFree.add(p1, p1), p0);
                addScaled(acc, 0, p0, w00, w01, w02);
                addScaled(acc, 3, p1, w10, w11, w12);
                addScaled(acc, 6, p2, w20, w21, w22);
            } else {
                long p00 = p[e], p01 = p[e + 1], p02 = p[e + 2];
                long p10 = p[e + 3], p11 = p[e + 4], p12 = p[e + 5];
                addProduct(acc, 0, p00, p01, p02, w00, w01, w02);
                addProduct(acc, 3, p10, p11, p12, w10, w11, w12);
                addProduct(acc, 6, BranchFree.sub(BranchFree.add(p10, p10), p00),
                        BranchFree.sub(BranchFree.add(p11, p11), p01),
                        BranchFree.sub(BranchFree.add(p12, p12), p02), w20, w21, w22);
            }
        }
        System.arraycopy(acc, 0, out, o, 9);
    }

    /** acc[i..i+3) += s * (w0, w1, w2) for a base scalar s. */
    private static void addScaled(long[] acc, int i, long s, long w0, long w1, long w2) {
        acc[i] = BranchFree.add(acc[i], BranchFree.mul(s, w0));
        acc[i + 1] = BranchFree.add(acc[i + 1], BranchFree.mul(s, w1));
        acc[i + 2] = BranchFree.add(acc[i + 2], BranchFree.mul(s, w2));
    }

    /** acc[i..i+3) += a * b in F[X]/(X^3 - 2). */
    private static void addProduct(long[] acc, int i, long a0, long a1, long a2, long b0, long b1, long b2) {
        long r0 = BranchFree.add(BranchFree.mul(a0, b0),
                dbl(BranchFree.add(BranchFree.mul(a1, b2), BranchFree.mul(a2, b1))));
        long r1 = BranchFree.add(BranchFree.add(BranchFree.mul(a0, b1), BranchFree.mul(a1, b0)),
                dbl(BranchFree.mul(a2, b2)));
        long r2 = BranchFree.add(BranchFree.add(BranchFree.mul(a0, b2), BranchFree.mul(a1, b1)),
                BranchFree.mul(a2, b0));
        acc[i] = BranchFree.add(acc[i], r0);
        acc[i + 1] = BranchFree.add(acc[i + 1], r1);
        acc[i + 2] = BranchFree.add(acc[i + 2], r2);
    }

    private static long dbl(long a) {
        return BranchFree.add(a, a);
    }

    /** The table of T(r, x_2, ...): entry j = t[2j] + r (t[2j+1] - t[2j]), as an extension table. */
    static long[] fixFirstVariable(long[] t, boolean base, Ext3 r) {
        int half = (base ? t.length : t.length / 3) >>> 1;
        long[] out = new long[3 * half];
        long r0 = r.c0(), r1 = r.c1(), r2 = r.c2();
        Parallel.forRange(half, PARALLEL_MIN_PAIRS, (from, to) -> {
            for (int j = from; j < to; j++) {
                if (base) {
                    long lo = t[2 * j];
                    long d = BranchFree.sub(t[2 * j + 1], lo);
                    out[3 * j] = BranchFree.add(lo, BranchFree.mul(d, r0));
                    out[3 * j + 1] = BranchFree.mul(d, r1);
                    out[3 * j + 2] = BranchFree.mul(d, r2);
                } else {
                    int e = 6 * j;
                    long d0 = BranchFree.sub(t[e + 3], t[e]);
                    long d1 = BranchFree.sub(t[e + 4], t[e + 1]);
                    long d2 = BranchFree.sub(t[e + 5], t[e + 2]);
                    long p0 = BranchFree.add(BranchFree.mul(d0, r0),
                            dbl(BranchFree.add(BranchFree.mul(d1, r2), BranchFree.mul(d2, r1))));
                    long p1 = BranchFree.add(BranchFree.add(BranchFree.mul(d0, r1), BranchFree.mul(d1, r0)),
                            dbl(BranchFree.mul(d2, r2)));
                    long p2 = BranchFree.add(BranchFree.add(BranchFree.mul(d0, r2), BranchFree.mul(d1, r1)),
                            BranchFree.mul(d2, r0));
                    out[3 * j] = BranchFree.add(t[e], p0);
                    out[3 * j + 1] = BranchFree.add(t[e + 1], p1);
                    out[3 * j + 2] = BranchFree.add(t[e + 2], p2);
                }
            }
        });
        return out;
    }

    /** h(r) for the degree-2 polynomial with h(0), h(1), h(2) given (Lagrange on 0, 1, 2). */
    static Ext3 evaluate(Ext3 h0, Ext3 h1, Ext3 h2, Ext3 r) {
        Ext3 rm1 = r.sub(Ext3.ONE);
        Ext3 rm2 = rm1.sub(Ext3.ONE);
        long inv2 = Ext3.ofBase(2).inverse().c0();
        // h0 (r-1)(r-2)/2 - h1 r (r-2) + h2 r (r-1)/2
        Ext3 t0 = h0.mul(rm1).mul(rm2).mulBase(inv2);
        Ext3 t1 = h1.mul(r).mul(rm2);
        Ext3 t2 = h2.mul(r).mul(rm1).mulBase(inv2);
        return t0.sub(t1).add(t2);
    }
}
