package io.edgeproof.iop.sumcheck;

import io.edgeproof.field.Ext3;
import java.util.List;

/**
 * The tables a sumcheck prover folds round by round, with the two per-pair kernels every prover of a sum of
 * products needs: each table's line through a pair (2j, 2j+1) at a few nodes X, and a term's product of
 * factors at one node. Base tables stay in the base field until the first fold, so products of base
 * factors cost base multiplications. Loaded values are laid out {@code values[3 (points i + x) + c]}
 * (table i, node x, component c; base tables fill component 0 only).
 */
final class PairTables {
    private final long[][] tables;
    private final boolean[] ext;
    private int size;

    PairTables(List<MultilinearTable> tables, int numVariables) {
        int n = tables.size();
        this.tables = new long[n][];
        this.ext = new boolean[n];
        for (int i = 0; i < n; i++) {
            this.tables[i] = tables.get(i).values();
            this.ext[i] = tables.get(i).extension();
        }
        size = 1 << numVariables;
    }

    /** The factor indices of every term. */
    static int[][] factorsOf(SumcheckExpression expression) {
        List<SumcheckTerm> terms = expression.terms();
        int[][] factors = new int[terms.size()][];
        for (int k = 0; k < factors.length; k++) {
            factors[k] = terms.get(k).factors();
        }
        return factors;
    }

    int count() {
        return tables.length;
    }

    /** Entries per table in the current round (halved by every fold). */
    int size() {
        return size;
    }

    /** values[3 (points i + x) + c] = lo + x (hi - lo) for table i on pair j, x = 0..points-1, by repeated addition. */
    void loadPair(int j, int points, long[] values) {
        for (int i = 0; i < tables.length; i++) {
            long[] table = tables[i];
            boolean extension = ext[i];
            int base = 3 * points * i;
            int components = extension ? 3 : 1;
            for (int c = 0; c < components; c++) {
                long lo = extension ? table[6 * j + c] : table[2 * j];
                long hi = extension ? table[6 * j + 3 + c] : table[2 * j + 1];
                long diff = BranchFreeArithmetic.sub(hi, lo);
                long v = lo;
                for (int x = 0; x < points; x++) {
                    values[base + 3 * x + c] = v;
                    v = BranchFreeArithmetic.add(v, diff);
                }
            }
        }
    }

    /**
     * out[at..at+3) = (or, when {@code add}, +=) prod_f values at (factor f, node), laid out as by
     * {@link #loadPair} with {@code stride} points per table. Returns true when the product is a base
     * element (only out[at] is then touched): every factor was a base table.
     */
    boolean product(int[] factors, long[] values, int stride, int node, long[] out, int at, boolean add) {
        int first = factors[0];
        int o = 3 * (stride * first + node);
        long p0 = values[o], p1 = values[o + 1], p2 = values[o + 2];
        boolean base = !ext[first];
        for (int f = 1; f < factors.length; f++) {
            int factor = factors[f];
            o = 3 * (stride * factor + node);
            long v0 = values[o], v1 = values[o + 1], v2 = values[o + 2];
            if (!ext[factor]) {
                p0 = BranchFreeArithmetic.mul(p0, v0);
                if (!base) {
                    p1 = BranchFreeArithmetic.mul(p1, v0);
                    p2 = BranchFreeArithmetic.mul(p2, v0);
                }
            } else if (base) {
                p1 = BranchFreeArithmetic.mul(p0, v1);
                p2 = BranchFreeArithmetic.mul(p0, v2);
                p0 = BranchFreeArithmetic.mul(p0, v0);
                base = false;
            } else {
                long v1d = BranchFreeArithmetic.dbl(v1), v2d = BranchFreeArithmetic.dbl(v2);
                long q0 = BranchFreeArithmetic.dot3(p0, v0, p1, v2d, p2, v1d);
                long q1 = BranchFreeArithmetic.dot3(p0, v1, p1, v0, p2, v2d);
                long q2 = BranchFreeArithmetic.dot3(p0, v2, p1, v1, p2, v0);
                p0 = q0;
                p1 = q1;
                p2 = q2;
            }
        }
        if (add) {
            out[at] = BranchFreeArithmetic.add(out[at], p0);
            if (!base) {
                out[at + 1] = BranchFreeArithmetic.add(out[at + 1], p1);
                out[at + 2] = BranchFreeArithmetic.add(out[at + 2], p2);
            }
        } else {
            out[at] = p0;
            out[at + 1] = p1;
            out[at + 2] = p2;
        }
        return base;
    }

    /** Binds the lowest variable of every table to r; every table is in the extension afterwards. */
    void fold(Ext3 r) {
        int half = size >>> 1;
        for (int i = 0; i < tables.length; i++) {
            tables[i] = Folding.fold(tables[i], ext[i], half, r);
            ext[i] = true;
        }
        size = half;
    }

    /** After the last fold: finals[3 (at + i) ..] = table i's single entry. */
    void writeFinals(long[] finals, int at) {
        for (int i = 0; i < tables.length; i++) {
            System.arraycopy(tables[i], 0, finals, 3 * (at + i), 3);
        }
    }
}
