package io.edgeproof.iop.gkr;

import io.edgeproof.field.Ext3;
import io.edgeproof.field.Parallel;
import io.edgeproof.iop.sumcheck.BranchFreeArithmetic;
import io.edgeproof.iop.sumcheck.MultilinearTable;
import io.edgeproof.iop.sumcheck.ParallelSums;
import io.edgeproof.iop.sumcheck.WideSums;

/**
 * The hot loops of {@link FractionLayerSumcheck}. The four tables pL, pR, qL, qR (or qL, qR when the
 * numerators are all one) are kept interleaved, one "working entry" of 12 (or 6) longs per index, so a fold
 * and the next round's sums touch one contiguous run of memory. Entry e of the children layer in the tree
 * is (p[e], p[e + M], q[e], q[e + M]); the first round and the first fold read the tree directly.
 *
 * <p>Per pair the sums take g at the low entry and g's leading coefficient on the pair's difference, each
 * weighted by the suffix eq table into 192-bit accumulators reduced once per chunk.
 */
final class FractionLayerKernels {
    /** Below this many items a loop runs on the calling thread. */
    private static final int MIN_CHUNK = 1 << 11;

    private final Ext3 lambda;
    private final long l0;
    private final long l1;
    private final long l2;
    private final long[] numerators;
    private final boolean baseNumerators;
    private final long[] denominators;
    /** When not null, the denominators are shift - shiftedValues[e] (a shifted tree's leaves). */
    private final long[] shiftedValues;
    private final long s0;
    private final long s1;
    private final long s2;
    private final boolean unit;
    private final int width;
    private final int half;

    /**
     * @param numerators the children layer's numerators, null when all one
     * @param denominators the children layer's denominators, or null when given as shift - values
     */
    FractionLayerKernels(Ext3 lambda, MultilinearTable numerators, long[] denominators, Ext3 shift, long[] values) {
        this.lambda = lambda;
        this.l0 = lambda.c0();
        this.l1 = lambda.c1();
        this.l2 = lambda.c2();
        this.unit = numerators == null;
        this.numerators = unit ? null : numerators.values();
        this.baseNumerators = !unit && !numerators.extension();
        this.denominators = denominators;
        this.shiftedValues = values;
        this.s0 = shift == null ? 0 : shift.c0();
        this.s1 = shift == null ? 0 : shift.c1();
        this.s2 = shift == null ? 0 : shift.c2();
        this.width = unit ? 6 : 12;
        this.half = values != null ? values.length / 2 : denominators.length / 6;
        if (!unit && numerators.size() != 2 * half) {
            throw new IllegalArgumentException("numerators and denominators of the layer differ in size");
        }
    }

    /** Longs per working entry. */
    int width() {
        return width;
    }

    /** Working entry e of the children layer, read from the tree. */
    long[] treeEntry(int e) {
        long[] v = new long[width];
        loadTree(e, v, 0);
        return v;
    }

    private void loadTree(int e, long[] dst, int o) {
        int qo = unit ? o : o + 6, l = 3 * e, r = 3 * (e + half);
        if (shiftedValues != null) {
            writePair(BranchFreeArithmetic.sub(s0, shiftedValues[e]), BranchFreeArithmetic.sub(s0, shiftedValues[e + half]),
                    s1, s2, dst, qo);
        } else {
            copyPair(denominators, l, r, dst, qo);
        }
        if (unit) {
            return;
        }
        if (baseNumerators) {
            writePair(numerators[e], numerators[e + half], 0, 0, dst, o);
        } else {
            copyPair(numerators, l, r, dst, o);
        }
    }

    /** dst[o..o+6) = (a, c1, c2), (b, c1, c2): two extension elements that differ only in component 0. */
    private static void writePair(long a, long b, long c1, long c2, long[] dst, int o) {
        dst[o] = a;
        dst[o + 1] = c1;
        dst[o + 2] = c2;
        dst[o + 3] = b;
        dst[o + 4] = c1;
        dst[o + 5] = c2;
    }

    /** dst[o..o+6) = the extension elements at long offsets l and r of src. */
    private static void copyPair(long[] src, int l, int r, long[] dst, int o) {
        dst[o] = src[l];
        dst[o + 1] = src[l + 1];
        dst[o + 2] = src[l + 2];
        dst[o + 3] = src[r];
        dst[o + 4] = src[r + 1];
        dst[o + 5] = src[r + 2];
    }

    /** The first round's sums t(0), t(infinity) and, if asked, t(1), read from the tree. */
    long[] treeSums(long[] weights, boolean withOne) {
        if (shiftedValues != null && (unit || baseNumerators)) {
            return shiftedTreeSums(weights, withOne);
        }
        int points = withOne ? 3 : 2;
        return ParallelSums.sum(half / 2, points, (from, to, out, at) -> {
            long[] v = new long[2 * width];
            long[] scratch = new long[width + 3];
            long[] acc = new long[9 * points];
            for (int j = from; j < to; j++) {
                loadTree(2 * j, v, 0);
                loadTree(2 * j + 1, v, width);
                addPair(v, 0, width, weights, j, acc, withOne, scratch);
            }
            reduceInto(acc, out, at);
        });
    }

    /**
     * {@link #treeSums} over leaves q = s - v with unit or base numerators (a row selector). With
     * x = s0 - v_L, y = s0 - v_R, a = p_L, b = p_R at an entry, mu = (0, s1, s2) and k = (4 s1 s2, 2 s2^2, s1^2)
     * (so qL qR = xy + (x + y) mu + k):
     * <pre>  g = (a y + b x) + (a + b) mu + lambda (x y + (x + y) mu + k)</pre>
     * and the leading coefficient is da dy + db dx + lambda dx dy (mu and k are the same on both entries).
     * Every weighted sum is of a base scalar, and the eq weights sum to one; unit numerators (a = b = 1) need
     * only the sums of x y, x + y and dx dy.
     */
    private long[] shiftedTreeSums(long[] weights, boolean withOne) {
        long[] v = shiftedValues;
        long[] p = unit ? null : numerators;
        // scalar sums: x0 y0, x0 + y0, dx dy [, a0 y0 + b0 x0, a0 + b0, da dy + db dx]
        // then when withOne: x1 y1, x1 + y1 [, a1 y1 + b1 x1, a1 + b1]
        int oneAt = unit ? 3 : 6;
        int scalars = withOne ? (unit ? 5 : 10) : oneAt;
        long[] s = ParallelSums.sum(half / 2, scalars, (from, to, out, at) -> {
            long[] acc = new long[9 * scalars];
            for (int j = from; j < to; j++) {
                int e = 2 * j, w = 3 * j;
                long x0 = BranchFreeArithmetic.sub(s0, v[e]), y0 = BranchFreeArithmetic.sub(s0, v[e + half]);
                long x1 = BranchFreeArithmetic.sub(s0, v[e + 1]), y1 = BranchFreeArithmetic.sub(s0, v[e + 1 + half]);
                long w0 = weights[w], w1 = weights[w + 1], w2 = weights[w + 2];
                long dx = BranchFreeArithmetic.sub(x1, x0), dy = BranchFreeArithmetic.sub(y1, y0);
                addScaled(acc, 0, w0, w1, w2, BranchFreeArithmetic.mul(x0, y0));
                addScaled(acc, 9, w0, w1, w2, BranchFreeArithmetic.add(x0, y0));
                addScaled(acc, 18, w0, w1, w2, BranchFreeArithmetic.mul(dx, dy));
                if (withOne) {
                    addScaled(acc, 9 * oneAt, w0, w1, w2, BranchFreeArithmetic.mul(x1, y1));
                    addScaled(acc, 9 * oneAt + 9, w0, w1, w2, BranchFreeArithmetic.add(x1, y1));
                }
                if (p != null) {
                    long a0 = p[e], b0 = p[e + half], a1 = p[e + 1], b1 = p[e + 1 + half];
                    long da = BranchFreeArithmetic.sub(a1, a0), db = BranchFreeArithmetic.sub(b1, b0);
                    addScaled(acc, 27, w0, w1, w2, BranchFreeArithmetic.add(BranchFreeArithmetic.mul(a0, y0),
                            BranchFreeArithmetic.mul(b0, x0)));
                    addScaled(acc, 36, w0, w1, w2, BranchFreeArithmetic.add(a0, b0));
                    addScaled(acc, 45, w0, w1, w2, BranchFreeArithmetic.add(BranchFreeArithmetic.mul(da, dy),
                            BranchFreeArithmetic.mul(db, dx)));
                    if (withOne) {
                        addScaled(acc, 9 * oneAt + 18, w0, w1, w2, BranchFreeArithmetic.add(
                                BranchFreeArithmetic.mul(a1, y1), BranchFreeArithmetic.mul(b1, x1)));
                        addScaled(acc, 9 * oneAt + 27, w0, w1, w2, BranchFreeArithmetic.add(a1, b1));
                    }
                }
            }
            reduceInto(acc, out, at);
        });
        Ext3 mu = Ext3.of(0, s1, s2);
        Ext3 k = Ext3.of(BranchFreeArithmetic.mul(4, BranchFreeArithmetic.mul(s1, s2)),
                BranchFreeArithmetic.dbl(BranchFreeArithmetic.mul(s2, s2)), BranchFreeArithmetic.mul(s1, s1));
        Ext3 lambdaMu = lambda.mul(mu);
        Ext3 lambdaK = lambda.mul(k);
        long[] sums = new long[withOne ? 9 : 6];
        atEntry(s, 0, unit ? -1 : 3, mu, lambdaMu, lambdaK).write(sums, 0);
        Ext3 leading = lambda.mul(Ext3.read(s, 2));
        (unit ? leading : Ext3.read(s, 5).add(leading)).write(sums, 1);
        if (withOne) {
            atEntry(s, oneAt, unit ? -1 : oneAt + 2, mu, lambdaMu, lambdaK).write(sums, 2);
        }
        return sums;
    }

    /**
     * sum w g from the weighted sums of x y, (x + y) at s[xy..xy+2) and of (a y + b x), (a + b) at s[ab..ab+2),
     * or for unit numerators (ab = -1) their values x + y and 2 (the weights sum to one).
     */
    private Ext3 atEntry(long[] s, int xy, int ab, Ext3 mu, Ext3 lambdaMu, Ext3 lambdaK) {
        Ext3 xPlusY = Ext3.read(s, xy + 1);
        Ext3 ayPlusBx = ab < 0 ? xPlusY : Ext3.read(s, ab);
        Ext3 aPlusB = ab < 0 ? Ext3.of(2, 0, 0) : Ext3.read(s, ab + 1);
        return ayPlusBx.add(mu.mul(aPlusB)).add(lambda.mul(Ext3.read(s, xy))).add(lambdaMu.mul(xPlusY)).add(lambdaK);
    }

    /** acc[at..at+9) += (w0, w1, w2) a for a base scalar a. */
    private static void addScaled(long[] acc, int at, long w0, long w1, long w2, long a) {
        WideSums.addProduct(acc, at, w0, a);
        WideSums.addProduct(acc, at + 3, w1, a);
        WideSums.addProduct(acc, at + 6, w2, a);
    }

    /**
     * Binds the first variable of the current tables ({@code entries} working entries in {@code source}, or
     * the tree when null) to r, writing the folded tables to {@code target}; then, unless weights is null,
     * returns the next round's sums over the folded pairs, computed in the same pass.
     */
    long[] foldAndSum(long[] source, int entries, Ext3 r, long[] target, long[] weights, boolean withOne) {
        long r0 = r.c0(), r1 = r.c1(), r2 = r.c2();
        long[] rc = {r0, r1, r2, BranchFreeArithmetic.dbl(r1), BranchFreeArithmetic.dbl(r2)};
        int folded = entries / 2;
        if (weights == null) {
            Parallel.forRange(folded, MIN_CHUNK, (from, to) -> {
                long[] v = new long[2 * width];
                for (int e = from; e < to; e++) {
                    foldPairOf(source, 2 * e, v, rc, target, e);
                }
            });
            return null;
        }
        int points = withOne ? 3 : 2;
        return ParallelSums.sum(folded / 2, points, (from, to, out, at) -> {
            long[] v = new long[2 * width];
            long[] scratch = new long[width + 3];
            long[] acc = new long[9 * points];
            for (int j = from; j < to; j++) {
                foldPairOf(source, 4 * j, v, rc, target, 2 * j);
                foldPairOf(source, 4 * j + 2, v, rc, target, 2 * j + 1);
                addPair(target, 2 * j * width, (2 * j + 1) * width, weights, j, acc, withOne, scratch);
            }
            reduceInto(acc, out, at);
        });
    }

    /** target entry o = fold of source entries e, e + 1 (from the tree through v when source is null). */
    private void foldPairOf(long[] source, int e, long[] v, long[] rc, long[] target, int o) {
        long[] s = source;
        int lo = e * width;
        if (source == null && shiftedValues != null && (unit || baseNumerators)) {
            foldShiftedLeaves(e, rc, target, o * width);
            return;
        }
        if (source == null) {
            loadTree(e, v, 0);
            loadTree(e + 1, v, width);
            s = v;
            lo = 0;
        }
        int hi = lo + width, out = o * width;
        for (int c = 0; c < width; c += 3) {
            foldExt(s, lo + c, hi + c, rc, target, out + c);
        }
    }

    /**
     * The fold of leaf entries e, e + 1 of a shifted tree with unit or base numerators: every difference is a
     * base element (q = s - v differ only in v), so lo + r d costs three base products, not nine.
     */
    private void foldShiftedLeaves(int e, long[] rc, long[] dst, int o) {
        int qo = unit ? o : o + 6;
        foldBaseDifference(s0, s1, s2, shiftedValues[e], shiftedValues[e + 1], true, rc, dst, qo);
        foldBaseDifference(s0, s1, s2, shiftedValues[e + half], shiftedValues[e + 1 + half], true, rc, dst, qo + 3);
        if (!unit) {
            foldBaseDifference(0, 0, 0, numerators[e], numerators[e + 1], false, rc, dst, o);
            foldBaseDifference(0, 0, 0, numerators[e + half], numerators[e + 1 + half], false, rc, dst, o + 3);
        }
    }

    /**
     * dst[o..o+3) = lo + r (hi - lo) for lo = c - a, hi = c - b when {@code shifted} (c = (c0, c1, c2)),
     * else lo = a, hi = b: the difference is the base element a - b, or b - a.
     */
    private static void foldBaseDifference(long c0, long c1, long c2, long a, long b, boolean shifted, long[] rc,
                                           long[] dst, int o) {
        long lo0 = shifted ? BranchFreeArithmetic.sub(c0, a) : a;
        long d = shifted ? BranchFreeArithmetic.sub(a, b) : BranchFreeArithmetic.sub(b, a);
        dst[o] = BranchFreeArithmetic.add(lo0, BranchFreeArithmetic.mul(d, rc[0]));
        dst[o + 1] = BranchFreeArithmetic.add(c1, BranchFreeArithmetic.mul(d, rc[1]));
        dst[o + 2] = BranchFreeArithmetic.add(c2, BranchFreeArithmetic.mul(d, rc[2]));
    }

    /** dst[o..o+3) = lo + r (hi - lo) for the extension elements at long offsets lo and hi of src. */
    private static void foldExt(long[] src, int lo, int hi, long[] rc, long[] dst, int o) {
        long lo0 = src[lo], lo1 = src[lo + 1], lo2 = src[lo + 2];
        long d0 = BranchFreeArithmetic.sub(src[hi], lo0);
        long d1 = BranchFreeArithmetic.sub(src[hi + 1], lo1);
        long d2 = BranchFreeArithmetic.sub(src[hi + 2], lo2);
        dst[o] = BranchFreeArithmetic.dot3Plus(d0, rc[0], d1, rc[4], d2, rc[3], lo0);
        dst[o + 1] = BranchFreeArithmetic.dot3Plus(d0, rc[1], d1, rc[0], d2, rc[4], lo1);
        dst[o + 2] = BranchFreeArithmetic.dot3Plus(d0, rc[2], d1, rc[1], d2, rc[0], lo2);
    }

    /** acc += w_j (g(lo), leading coefficient of g on (lo, hi), and g(hi) if withOne). */
    private void addPair(long[] v, int lo, int hi, long[] weights, int j, long[] acc, boolean withOne,
                         long[] scratch) {
        summand(v, lo, scratch, width);
        addWeighted(scratch, width, weights, j, acc, 0);
        for (int c = 0; c < width; c++) {
            scratch[c] = BranchFreeArithmetic.sub(v[hi + c], v[lo + c]);
        }
        if (unit) {
            lambdaProductPlus(scratch, 0, 0, 0, 0, scratch, width);
        } else {
            summand(scratch, 0, scratch, width);
        }
        addWeighted(scratch, width, weights, j, acc, 9);
        if (withOne) {
            summand(v, hi, scratch, width);
            addWeighted(scratch, width, weights, j, acc, 18);
        }
    }

    /**
     * g at the working entry at v[o..): pL qR + qL (pR + lambda qR), or qL + qR + lambda qL qR for unit
     * numerators. The same bilinear form applied to differences gives the leading coefficient (non-unit).
     */
    private void summand(long[] v, int o, long[] g, int at) {
        if (unit) {
            lambdaProductPlus(v, o, BranchFreeArithmetic.add(v[o], v[o + 3]), BranchFreeArithmetic.add(v[o + 1], v[o + 4]),
                    BranchFreeArithmetic.add(v[o + 2], v[o + 5]), g, at);
            return;
        }
        long q0 = v[o + 9], q1 = v[o + 10], q2 = v[o + 11];
        long q1d = BranchFreeArithmetic.dbl(q1), q2d = BranchFreeArithmetic.dbl(q2);
        long u0 = BranchFreeArithmetic.dot3Plus(l0, q0, l1, q2d, l2, q1d, v[o + 3]);
        long u1 = BranchFreeArithmetic.dot3Plus(l0, q1, l1, q0, l2, q2d, v[o + 4]);
        long u2 = BranchFreeArithmetic.dot3Plus(l0, q2, l1, q1, l2, q0, v[o + 5]);
        long u1d = BranchFreeArithmetic.dbl(u1), u2d = BranchFreeArithmetic.dbl(u2);
        long a0 = v[o], a1 = v[o + 1], a2 = v[o + 2], c0 = v[o + 6], c1 = v[o + 7], c2 = v[o + 8];
        g[at] = BranchFreeArithmetic.dot6(a0, q0, a1, q2d, a2, q1d, c0, u0, c1, u2d, c2, u1d);
        g[at + 1] = BranchFreeArithmetic.dot6(a0, q1, a1, q0, a2, q2d, c0, u1, c1, u0, c2, u2d);
        g[at + 2] = BranchFreeArithmetic.dot6(a0, q2, a1, q1, a2, q0, c0, u2, c1, u1, c2, u0);
    }

    /**
     * g[at..at+3) = lambda a b + c for a = v[o..o+3), b = v[o+3..o+6): with c = a + b it is g at a unit
     * working entry (qL, qR); with c = 0, on differences (dqL, dqR), g's leading coefficient.
     */
    private void lambdaProductPlus(long[] v, int o, long c0, long c1, long c2, long[] g, int at) {
        long a0 = v[o], a1 = v[o + 1], a2 = v[o + 2], b0 = v[o + 3], b1 = v[o + 4], b2 = v[o + 5];
        long b1d = BranchFreeArithmetic.dbl(b1), b2d = BranchFreeArithmetic.dbl(b2);
        long la0 = BranchFreeArithmetic.dot3(l0, a0, l1, BranchFreeArithmetic.dbl(a2), l2, BranchFreeArithmetic.dbl(a1));
        long la1 = BranchFreeArithmetic.dot3(l0, a1, l1, a0, l2, BranchFreeArithmetic.dbl(a2));
        long la2 = BranchFreeArithmetic.dot3(l0, a2, l1, a1, l2, a0);
        g[at] = BranchFreeArithmetic.dot3Plus(la0, b0, la1, b2d, la2, b1d, c0);
        g[at + 1] = BranchFreeArithmetic.dot3Plus(la0, b1, la1, b0, la2, b2d, c1);
        g[at + 2] = BranchFreeArithmetic.dot3Plus(la0, b2, la1, b1, la2, b0, c2);
    }

    /** acc[at..at+9) += w_j g, with g at g[gi..gi+3). */
    private static void addWeighted(long[] g, int gi, long[] weights, int j, long[] acc, int at) {
        int w = 3 * j;
        long g0 = g[gi], g1 = g[gi + 1], g2 = g[gi + 2];
        long g1d = BranchFreeArithmetic.dbl(g1), g2d = BranchFreeArithmetic.dbl(g2);
        long w0 = weights[w], w1 = weights[w + 1], w2 = weights[w + 2];
        WideSums.addDot3(acc, at, w0, g0, w1, g2d, w2, g1d);
        WideSums.addDot3(acc, at + 3, w0, g1, w1, g0, w2, g2d);
        WideSums.addDot3(acc, at + 6, w0, g2, w1, g1, w2, g0);
    }

    private static void reduceInto(long[] acc, long[] out, int at) {
        for (int k = 0; k < acc.length / 3; k++) {
            out[at + k] = WideSums.reduce(acc, 3 * k);
        }
    }

    /** The explicit instance's final evaluations: eq(r, rho), pL, pR, qL, qR from the last working entry. */
    long[] finals(long[] entry, Ext3 eq) {
        long[] finals = new long[15];
        eq.write(finals, 0);
        if (unit) {
            finals[3] = 1;
            finals[6] = 1;
            System.arraycopy(entry, 0, finals, 9, 6);
        } else {
            System.arraycopy(entry, 0, finals, 3, 12);
        }
        return finals;
    }

    /** eq(r_{>i}, .) for every round i, r_{i+1} as least significant bit; round i's table has 2^(n-1-i) entries. */
    static long[][] suffixEqTables(long[] point) {
        int n = point.length / 3;
        long[][] eq = new long[n][];
        if (n == 0) {
            return eq;
        }
        eq[n - 1] = new long[] {1, 0, 0};
        for (int i = n - 1; i > 0; i--) {
            long[] next = eq[i];
            long[] table = new long[2 * next.length];
            long[] r = {point[3 * i], point[3 * i + 1], point[3 * i + 2]};
            Parallel.forRange(next.length / 3, MIN_CHUNK, (from, to) -> {
                for (int j = from; j < to; j++) {
                    BranchFreeArithmetic.mulExt(next, j, r, 0, table, 2 * j + 1); // x_{i+1} = 1: times r_{i+1}
                    for (int c = 0; c < 3; c++) {                                // x_{i+1} = 0: times 1 - r_{i+1}
                        table[6 * j + c] = BranchFreeArithmetic.sub(next[3 * j + c], table[6 * j + 3 + c]);
                    }
                }
            });
            eq[i - 1] = table;
        }
        return eq;
    }
}
