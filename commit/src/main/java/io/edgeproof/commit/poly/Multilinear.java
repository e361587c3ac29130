package io.edgeproof.commit.poly;

import io.edgeproof.field.Ext3;
import io.edgeproof.field.Ext3Vec;
import io.edgeproof.field.Goldilocks.BranchFree;
import io.edgeproof.field.Parallel;

/**
 * Kernels on multilinear polynomials given by their evaluation tables over the boolean hypercube.
 *
 * <p>Convention used everywhere in EdgeProof: a table of size 2^n holds f(b) at index
 * {@code b = b_1 + 2 b_2 + ... + 2^(n-1) b_n}, so variable x_1 is the least significant bit, and a point
 * {@code r} is an interleaved extension vector with r_1 first. Sumchecks and Basefold folding bind x_1
 * first, pairing entries {@code (2j, 2j+1)}.
 */
public final class Multilinear {
    private static final int PARALLEL_MIN = 1 << 12;

    private Multilinear() {}

    public static int numVariables(int tableLength) {
        if (tableLength <= 0 || Integer.bitCount(tableLength) != 1) {
            throw new IllegalArgumentException("a multilinear table needs a power-of-two length, got " + tableLength);
        }
        return Integer.numberOfTrailingZeros(tableLength);
    }

    /** eq(r, b) for every b in {0,1}^n, as an interleaved extension table of length 2^n. */
    public static long[] eqTable(long[] point) {
        return eqTable(point, 0, Ext3Vec.length(point));
    }

    /** eq(x, z[from..to)) over the hypercube of to - from variables (x_1 lowest), built in parallel. */
    public static long[] eqTable(long[] z, int from, int to) {
        int size = 1 << (to - from);
        long[] t = new long[3 * size];
        t[0] = 1;
        // After variables from..k-1 the first 2^(k-from) entries hold eq over them; entry j splits into
        // j (x_k = 0, times 1 - z_k) and j + 2^(k-from) (x_k = 1, times z_k).
        for (int k = from; k < to; k++) {
            int half = 1 << (k - from);
            long z0 = z[3 * k], z1 = z[3 * k + 1], z2 = z[3 * k + 2];
            Parallel.forRange(half, PARALLEL_MIN, (lo, hi) -> {
                for (int j = lo; j < hi; j++) {
                    long a0 = t[3 * j], a1 = t[3 * j + 1], a2 = t[3 * j + 2];
                    long m0 = ExtMath.mul0(a0, a1, a2, z0, z1, z2);
                    long m1 = ExtMath.mul1(a0, a1, a2, z0, z1, z2);
                    long m2 = ExtMath.mul2(a0, a1, a2, z0, z1, z2);
                    int u = 3 * (j + half);
                    t[u] = m0;
                    t[u + 1] = m1;
                    t[u + 2] = m2;
                    t[3 * j] = BranchFree.sub(a0, m0);
                    t[3 * j + 1] = BranchFree.sub(a1, m1);
                    t[3 * j + 2] = BranchFree.sub(a2, m2);
                }
            });
        }
        return t;
    }

    /** eq(x, y) = prod_i (x_i y_i + (1 - x_i)(1 - y_i)) for two points of the same dimension. */
    public static Ext3 eq(long[] x, long[] y) {
        int n = Ext3Vec.length(x);
        if (Ext3Vec.length(y) != n) {
            throw new IllegalArgumentException("eq of points with different dimensions");
        }
        Ext3 acc = Ext3.ONE;
        for (int i = 0; i < n; i++) {
            Ext3 xi = Ext3.read(x, i);
            Ext3 yi = Ext3.read(y, i);
            Ext3 xy = xi.mul(yi);
            // x y + (1 - x)(1 - y) = 1 - x - y + 2 x y
            Ext3 term = Ext3.ONE.sub(xi).sub(yi).add(xy).add(xy);
            acc = acc.mul(term);
        }
        return acc;
    }

    /**
     * f(r) for a base-field table and an extension point, in O(2^n) by folding x_1 first (in parallel,
     * ping-ponging between two buffers so that large tables allocate twice, not once per variable).
     */
    public static Ext3 evaluate(long[] baseTable, long[] point) {
        int n = numVariables(baseTable.length);
        requireDimension(point, n);
        if (n == 0) {
            return Ext3.ofBase(baseTable[0]);
        }
        long[] folded = fixFirstVariable(baseTable, Ext3.read(point, 0));
        return Ext3.read(foldRemaining(folded, point, 1), 0);
    }

    /** f(r) for an interleaved extension table. */
    public static Ext3 evaluateExt(long[] extTable, long[] point) {
        int n = numVariables(Ext3Vec.length(extTable));
        requireDimension(point, n);
        if (n == 0) {
            return Ext3.read(extTable, 0);
        }
        long[] folded = fixFirstVariableExt(extTable, Ext3.read(point, 0));
        return Ext3.read(foldRemaining(folded, point, 1), 0);
    }

    /** Fixes variables {@code from..} of {@code work} (an owned extension table, overwritten) to the point. */
    private static long[] foldRemaining(long[] work, long[] point, int from) {
        long[] src = work;
        long[] dst = new long[work.length / 2];
        int half = Ext3Vec.length(work);
        for (int i = from; i < Ext3Vec.length(point); i++) {
            half >>>= 1;
            foldExt(src, dst, half, Ext3.read(point, i));
            long[] t = src;
            src = dst;
            dst = t;
        }
        return src;
    }

    /** The table of f(r, x_2, ..., x_n): entry j = t[2j] + r (t[2j+1] - t[2j]). */
    public static long[] fixFirstVariable(long[] baseTable, Ext3 r) {
        int half = baseTable.length >>> 1;
        long[] out = Ext3Vec.allocate(half);
        long r0 = r.c0(), r1 = r.c1(), r2 = r.c2();
        Parallel.forRange(half, PARALLEL_MIN, (from, to) -> {
            for (int j = from; j < to; j++) {
                long lo = baseTable[2 * j];
                long d = BranchFree.sub(baseTable[2 * j + 1], lo);
                out[3 * j] = BranchFree.add(lo, BranchFree.mul(d, r0));
                out[3 * j + 1] = BranchFree.mul(d, r1);
                out[3 * j + 2] = BranchFree.mul(d, r2);
            }
        });
        return out;
    }

    /** The same for an interleaved extension table. */
    public static long[] fixFirstVariableExt(long[] extTable, Ext3 r) {
        int half = Ext3Vec.length(extTable) >>> 1;
        long[] out = Ext3Vec.allocate(half);
        foldExt(extTable, out, half, r);
        return out;
    }

    /** dst[j] = src[2j] + r (src[2j+1] - src[2j]) for j < half (interleaved extension). */
    private static void foldExt(long[] src, long[] dst, int half, Ext3 r) {
        long r0 = r.c0(), r1 = r.c1(), r2 = r.c2();
        Parallel.forRange(half, PARALLEL_MIN, (from, to) -> {
            for (int j = from; j < to; j++) {
                int i = 6 * j;
                long a0 = src[i], a1 = src[i + 1], a2 = src[i + 2];
                long d0 = BranchFree.sub(src[i + 3], a0);
                long d1 = BranchFree.sub(src[i + 4], a1);
                long d2 = BranchFree.sub(src[i + 5], a2);
                dst[3 * j] = BranchFree.add(a0, ExtMath.mul0(d0, d1, d2, r0, r1, r2));
                dst[3 * j + 1] = BranchFree.add(a1, ExtMath.mul1(d0, d1, d2, r0, r1, r2));
                dst[3 * j + 2] = BranchFree.add(a2, ExtMath.mul2(d0, d1, d2, r0, r1, r2));
            }
        });
    }

    private static void requireDimension(long[] point, int n) {
        if (Ext3Vec.length(point) != n || point.length % 3 != 0) {
            throw new IllegalArgumentException("point has " + (point.length / 3) + " coordinates, polynomial has " + n + " variables");
        }
    }
}
