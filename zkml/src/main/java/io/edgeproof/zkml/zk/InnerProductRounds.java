package io.edgeproof.zkml.zk;

import io.edgeproof.field.Ext3;
import io.edgeproof.field.Goldilocks;
import io.edgeproof.field.Parallel;
import io.edgeproof.iop.sumcheck.ZkSumcheck;

/**
 * The rounds of an inner-product check (the dense check) without tabulating its cube: axis 0 (the inner
 * index k) is bound first, and while it is, the summand's only k-dependent term is
 * F(n, row) A(k, n) B(k, row) on b = 0 (the (1 - b) factor kills b = 1), i.e. a product sumcheck of
 * V(k, row) = sum_n F(n, row) A(k, n) and B(k, row) (Thaler's matrix-product trick), while every other term
 * adds a constant per round (its sum times the number of free k points). Then A, B and every public table
 * on axis 0 are folded at the bound point and the remaining cube (n, row, b) is small ({@link TableRounds}).
 * Cost: two passes over A plus the small cube, instead of the whole (k, n, row, b) cube times its tables.
 */
final class InnerProductRounds implements ZkSumcheck.RoundSource {
    private static final int INNER = 0b001, OUTER = 0b110;

    private final Check check;
    private final long[][] tables;
    private final boolean[] ext;
    private final Ext3[] sigma;
    private final int innerVars;
    private final long[] bound;
    private int round;
    private long[] v;
    private long[] b;
    private final Ext3 rest;
    private TableRounds outer;

    InnerProductRounds(Check check, long[][] tables, boolean[] ext, Ext3[] sigma) {
        this.check = check;
        this.tables = tables;
        this.ext = ext;
        this.sigma = sigma;
        Cube cube = check.cube();
        innerVars = cube.vars()[0];
        bound = new long[3 * innerVars];
        Term main = check.terms().get(0);
        long[] a = OuterCube.b0(check, check.forms().get(main.forms()[0]), tables, ext, INNER | 0b010);
        b = OuterCube.b0(check, check.forms().get(main.forms()[1]), tables, ext, INNER | 0b100);
        long[] f = check.product(main.factor(), OUTER);
        Ext3 coef = main.coefficient();
        int kSize = 1 << innerVars, nSize = 1 << cube.vars()[1], rSize = 1 << cube.vars()[2];
        v = new long[3 * kSize * rSize];
        Parallel.forRange(kSize * rSize, 1 << 8, (from, to) -> {
            for (int i = from; i < to; i++) {
                int k = i & (kSize - 1), r = i >>> innerVars;
                Ext3 acc = Ext3.ZERO;
                for (int n = 0; n < nSize; n++) {
                    acc = acc.add(Ext3.read(f, n + nSize * r).mul(Ext3.read(a, k + kSize * n)));
                }
                coef.mul(acc).write(v, i);
            }
        });
        rest = OuterCube.sum(check, tables, ext, 1, OUTER);
        if (innerVars == 0) {
            outer = outerRounds();
        }
    }

    @Override
    public int numVariables() {
        return check.numVariables();
    }

    @Override
    public int degree() {
        return check.degree();
    }

    @Override
    public long[] roundEvaluations() {
        if (outer != null) {
            return outer.roundEvaluations();
        }
        return productRound(v, b, degree(), rest.mulBase(Goldilocks.pow(2, innerVars - 1 - round)));
    }

    /**
     * Evaluations at t = 0..degree of sum over pairs j of a_j(t) b_j(t) + constant, where a_j, b_j are the lines
     * through the j-th pair of the two interleaved extension tables (the round of an inner product whose other
     * terms are already summed into {@code constant}).
     */
    static long[] productRound(long[] a, long[] b, int degree, Ext3 constant) {
        Ext3[] acc = new Ext3[degree + 1];
        java.util.Arrays.fill(acc, Ext3.ZERO);
        for (int j = 0; j < a.length / 6; j++) {
            Ext3 a0 = Ext3.read(a, 2 * j), da = Ext3.read(a, 2 * j + 1).sub(a0);
            Ext3 b0 = Ext3.read(b, 2 * j), db = Ext3.read(b, 2 * j + 1).sub(b0);
            for (int t = 0; t <= degree; t++) {
                acc[t] = acc[t].add(a0.mul(b0));
                a0 = a0.add(da);
                b0 = b0.add(db);
            }
        }
        long[] out = new long[3 * (degree + 1)];
        for (int t = 0; t <= degree; t++) {
            acc[t].add(constant).write(out, t);
        }
        return out;
    }

    @Override
    public void bind(Ext3 r) {
        if (outer != null) {
            outer.bind(r);
            return;
        }
        r.write(bound, round);
        v = fold(v, r);
        b = fold(b, r);
        if (++round == innerVars) {
            outer = outerRounds();
            v = null;
            b = null;
        }
    }

    private static long[] fold(long[] t, Ext3 r) {
        long[] next = new long[t.length / 2];
        for (int j = 0; j < next.length / 3; j++) {
            Ext3 lo = Ext3.read(t, 2 * j);
            lo.add(r.mul(Ext3.read(t, 2 * j + 1).sub(lo))).write(next, j);
        }
        return next;
    }

    /** The remaining cube (n, row, b): every table read on axis 0 folded at the bound point, then tabulated. */
    private TableRounds outerRounds() {
        return OuterCube.rounds(check, tables, ext, sigma, INNER, bound, degree());
    }
}
