package io.edgeproof.zkml.zk;

import io.edgeproof.field.Ext3;
import io.edgeproof.field.Parallel;
import io.edgeproof.iop.sumcheck.ZkSumcheck;
import java.util.List;

/**
 * Round polynomials of sum_b sum_terms coef prod tables(b) over extension tables of one size, binding the
 * lowest variable first: the second phase of {@link InnerProductRounds}, on the small cube left once the
 * inner index is bound. Linear in the tables' size per round.
 */
final class TableRounds implements ZkSumcheck.RoundSource {
    private final long[][] tables;
    private final int[][] factors;
    private final Ext3[] coefficients;
    private final int degree;
    private final int numVariables;
    private int size;

    TableRounds(List<long[]> tables, List<int[]> factors, List<Ext3> coefficients, int degree) {
        this.tables = tables.toArray(new long[0][]);
        this.factors = factors.toArray(new int[0][]);
        this.coefficients = coefficients.toArray(new Ext3[0]);
        this.degree = degree;
        this.size = this.tables[0].length / 3;
        this.numVariables = Integer.numberOfTrailingZeros(size);
    }

    @Override
    public int numVariables() {
        return numVariables;
    }

    @Override
    public int degree() {
        return degree;
    }

    @Override
    public long[] roundEvaluations() {
        int pairs = size / 2;
        int chunks = Math.max(1, Math.min(64, pairs / 256));
        long[][] partial = new long[chunks][];
        Parallel.forRange(chunks, 1, (c0, c1) -> {
            for (int c = c0; c < c1; c++) {
                partial[c] = sums(c * (long) pairs / chunks, (c + 1) * (long) pairs / chunks);
            }
        });
        long[] out = new long[3 * (degree + 1)];
        for (long[] p : partial) {
            for (int t = 0; t <= degree; t++) {
                Ext3.read(out, t).add(Ext3.read(p, t)).write(out, t);
            }
        }
        return out;
    }

    private long[] sums(long from, long to) {
        Ext3[] acc = new Ext3[degree + 1];
        java.util.Arrays.fill(acc, Ext3.ZERO);
        Ext3[] values = new Ext3[tables.length * (degree + 1)];
        for (int j = (int) from; j < to; j++) {
            for (int i = 0; i < tables.length; i++) {
                Ext3 lo = Ext3.read(tables[i], 2 * j);
                Ext3 diff = Ext3.read(tables[i], 2 * j + 1).sub(lo);
                Ext3 v = lo;
                for (int t = 0; t <= degree; t++) {
                    values[i * (degree + 1) + t] = v;
                    v = v.add(diff);
                }
            }
            for (int k = 0; k < factors.length; k++) {
                for (int t = 0; t <= degree; t++) {
                    Ext3 p = coefficients[k];
                    for (int f : factors[k]) {
                        p = p.mul(values[f * (degree + 1) + t]);
                    }
                    acc[t] = acc[t].add(p);
                }
            }
        }
        long[] out = new long[3 * (degree + 1)];
        for (int t = 0; t <= degree; t++) {
            acc[t].write(out, t);
        }
        return out;
    }

    @Override
    public void bind(Ext3 r) {
        int half = size / 2;
        for (int i = 0; i < tables.length; i++) {
            long[] next = new long[3 * half];
            for (int j = 0; j < half; j++) {
                Ext3 lo = Ext3.read(tables[i], 2 * j);
                lo.add(r.mul(Ext3.read(tables[i], 2 * j + 1).sub(lo))).write(next, j);
            }
            tables[i] = next;
        }
        size = half;
    }
}
