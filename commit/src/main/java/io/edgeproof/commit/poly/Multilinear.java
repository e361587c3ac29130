package io.edgeproof.commit.poly;

import io.edgeproof.field.Ext3;
import io.edgeproof.field.Ext3Vec;
import io.edgeproof.field.Goldilocks;

/**
 * Kernels on multilinear polynomials given by their evaluation tables over the boolean hypercube.
 *
 * <p>Convention used everywhere in EdgeProof: a table of size 2^n holds f(b) at index
 * {@code b = b_1 + 2 b_2 + ... + 2^(n-1) b_n}, so variable x_1 is the least significant bit, and a point
 * {@code r} is an interleaved extension vector with r_1 first. Sumchecks and Basefold folding bind x_1
 * first, pairing entries {@code (2j, 2j+1)}.
 */
public final class Multilinear {
    private Multilinear() {}

    public static int numVariables(int tableLength) {
        if (tableLength <= 0 || Integer.bitCount(tableLength) != 1) {
            throw new IllegalArgumentException("a multilinear table needs a power-of-two length, got " + tableLength);
        }
        return Integer.numberOfTrailingZeros(tableLength);
    }

    /** eq(r, b) for every b in {0,1}^n, as an interleaved extension table of length 2^n. */
    public static long[] eqTable(long[] point) {
        int n = Ext3Vec.length(point);
        long[] table = Ext3Vec.allocate(1 << n);
        table[0] = 1;
        long[] tmp = new long[3];
        // After processing variables 1..k the first 2^k entries hold eq over those variables; entry
        // j splits into j (x_k = 0, times 1 - r_k) and j + 2^k (x_k = 1, times r_k).
        for (int k = 0; k < n; k++) {
            int half = 1 << k;
            for (int j = 0; j < half; j++) {
                Ext3Vec.mul(table, j, point, k, tmp, 0);      // t * r_k
                Ext3Vec.sub(table, j, tmp, 0, table, j);      // t * (1 - r_k)
                System.arraycopy(tmp, 0, table, 3 * (j + half), 3);
            }
        }
        return table;
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

    /** f(r) for a base-field table and an extension point, in O(2^n) by folding x_1 first. */
    public static Ext3 evaluate(long[] baseTable, long[] point) {
        int n = numVariables(baseTable.length);
        requireDimension(point, n);
        if (n == 0) {
            return Ext3.ofBase(baseTable[0]);
        }
        long[] folded = fixFirstVariable(baseTable, Ext3.read(point, 0));
        for (int i = 1; i < n; i++) {
            folded = fixFirstVariableExt(folded, Ext3.read(point, i));
        }
        return Ext3.read(folded, 0);
    }

    /** f(r) for an interleaved extension table. */
    public static Ext3 evaluateExt(long[] extTable, long[] point) {
        int n = numVariables(Ext3Vec.length(extTable));
        requireDimension(point, n);
        long[] folded = extTable;
        for (int i = 0; i < n; i++) {
            folded = fixFirstVariableExt(folded, Ext3.read(point, i));
        }
        return Ext3.read(folded, 0);
    }

    /** The table of f(r, x_2, ..., x_n): entry j = t[2j] + r (t[2j+1] - t[2j]). */
    public static long[] fixFirstVariable(long[] baseTable, Ext3 r) {
        int half = baseTable.length >>> 1;
        long[] out = Ext3Vec.allocate(half);
        long r0 = r.c0(), r1 = r.c1(), r2 = r.c2();
        for (int j = 0; j < half; j++) {
            long lo = baseTable[2 * j];
            long d = Goldilocks.sub(baseTable[2 * j + 1], lo);
            out[3 * j] = Goldilocks.add(lo, Goldilocks.mul(d, r0));
            out[3 * j + 1] = Goldilocks.mul(d, r1);
            out[3 * j + 2] = Goldilocks.mul(d, r2);
        }
        return out;
    }

    /** The same for an interleaved extension table. */
    public static long[] fixFirstVariableExt(long[] extTable, Ext3 r) {
        int half = Ext3Vec.length(extTable) >>> 1;
        long[] out = Ext3Vec.allocate(half);
        long[] rv = new long[] {r.c0(), r.c1(), r.c2()};
        for (int j = 0; j < half; j++) {
            Ext3Vec.sub(extTable, 2 * j + 1, extTable, 2 * j, out, j);
            Ext3Vec.mul(out, j, rv, 0, out, j);
            Ext3Vec.add(out, j, extTable, 2 * j, out, j);
        }
        return out;
    }

    private static void requireDimension(long[] point, int n) {
        if (Ext3Vec.length(point) != n || point.length % 3 != 0) {
            throw new IllegalArgumentException("point has " + (point.length / 3) + " coordinates, polynomial has " + n + " variables");
        }
    }
}
