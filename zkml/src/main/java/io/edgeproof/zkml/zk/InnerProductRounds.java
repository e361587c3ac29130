package io.edgeproof.zkml.zk;

import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import io.edgeproof.field.Goldilocks;
import io.edgeproof.field.Parallel;
import io.edgeproof.iop.sumcheck.ZkSumcheck;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

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
        long[] a = b0(check.forms().get(main.forms()[0]), INNER | 0b010);
        b = b0(check.forms().get(main.forms()[1]), INNER | 0b100);
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
        rest = outerSum();
        if (innerVars == 0) {
            outer = outerRounds();
        }
    }

    /** A form's values on b = 0 over {@code axes} (which hold every axis its operands read). */
    private long[] b0(Form form, int axes) {
        int size = 1 << check.cube().vars(axes);
        long[] out = new long[3 * size];
        for (int u = 0; u < size; u++) {
            Ext3 acc = Ext3.ofBase(form.constant());
            for (int j = 0; j < form.operands().length; j++) {
                int o = form.operands()[j];
                Operand op = check.operands().get(o);
                int at = check.projectWithin(u, axes, op.axes());
                Ext3 x = op.kind() == Operand.Kind.PUBLIC ? op.table().get(at)
                        : ext[o] ? Ext3.read(tables[o], at) : Ext3.ofBase(tables[o][at]);
                acc = acc.add(x.mulBase(form.coefficients()[j]));
            }
            acc.write(out, u);
        }
        return out;
    }

    /** Sum over (n, row) of every term but the inner product (on b = 0; b = 1 is zero). */
    private Ext3 outerSum() {
        Ext3 sum = Ext3.ZERO;
        for (int t = 1; t < check.terms().size(); t++) {
            Term term = check.terms().get(t);
            if (term.forms().length == 0) {
                continue;
            }
            long[] f = check.product(term.factor(), OUTER);
            long[][] forms = new long[term.forms().length][];
            for (int i = 0; i < forms.length; i++) {
                forms[i] = b0(check.forms().get(term.forms()[i]), OUTER);
            }
            for (int u = 0; u < f.length / 3; u++) {
                Ext3 p = term.coefficient().mul(Ext3.read(f, u));
                for (long[] form : forms) {
                    p = p.mul(Ext3.read(form, u));
                }
                sum = sum.add(p);
            }
        }
        return sum;
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
        int d = degree();
        Ext3[] acc = new Ext3[d + 1];
        java.util.Arrays.fill(acc, Ext3.ZERO);
        for (int j = 0; j < v.length / 6; j++) {
            Ext3 v0 = Ext3.read(v, 2 * j), dv = Ext3.read(v, 2 * j + 1).sub(v0);
            Ext3 b0 = Ext3.read(b, 2 * j), db = Ext3.read(b, 2 * j + 1).sub(b0);
            for (int t = 0; t <= d; t++) {
                acc[t] = acc[t].add(v0.mul(b0));
                v0 = v0.add(dv);
                b0 = b0.add(db);
            }
        }
        Ext3 constant = rest.mulBase(Goldilocks.pow(2, innerVars - 1 - round));
        long[] out = new long[3 * (d + 1)];
        for (int t = 0; t <= d; t++) {
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
        long[] eq = Multilinear.eqTable(bound);
        int kSize = 1 << innerVars;
        List<Operand> operands = new ArrayList<>();
        long[][] folded = new long[tables.length][];
        boolean[] foldedExt = new boolean[tables.length];
        for (int o = 0; o < check.operands().size(); o++) {
            Operand op = check.operands().get(o);
            boolean inner = (op.axes() & INNER) != 0 && innerVars > 0;
            if (op.kind() == Operand.Kind.PUBLIC) {
                operands.add(inner ? Operand.publicTable(PublicTable.ext(op.axes(),
                        foldInner(op.table().values(), op.table().ext(), eq, kSize))) : op);
            } else {
                operands.add(op);
                folded[o] = inner ? foldInner(tables[o], ext[o], eq, kSize) : tables[o];
                foldedExt[o] = inner || ext[o];
            }
        }
        int[] vars = check.cube().vars().clone();
        vars[0] = 0;
        Check reduced = new Check(check.name(), new Cube(vars), operands, check.forms(), check.terms(), check.reason(),
                false);
        List<long[]> instance = new ArrayList<>();
        List<int[]> factors = new ArrayList<>();
        List<Ext3> coefficients = new ArrayList<>();
        Map<List<PublicTable>, Integer> factorIndex = new IdentityHashMap<>();
        int[] formIndex = new int[check.forms().size()];
        for (int f = 0; f < formIndex.length; f++) {
            formIndex[f] = instance.size();
            instance.add(CheckProver.formTable(reduced, check.forms().get(f), folded, foldedExt, sigma));
        }
        for (Term t : check.terms()) {
            if (t.forms().length == 0) {
                continue;
            }
            Integer fi = factorIndex.get(t.factor());
            if (fi == null) {
                fi = instance.size();
                factorIndex.put(t.factor(), fi);
                instance.add(CheckProver.factorTable(reduced, t.factor()));
            }
            int[] fs = new int[1 + t.forms().length];
            fs[0] = fi;
            for (int i = 0; i < t.forms().length; i++) {
                fs[i + 1] = formIndex[t.forms()[i]];
            }
            factors.add(fs);
            coefficients.add(t.coefficient());
        }
        return new TableRounds(instance, factors, coefficients, degree());
    }

    /** sum_k eq(bound, k) t(k, rest): the table over the remaining axes (extension values). */
    private static long[] foldInner(long[] t, boolean isExt, long[] eq, int kSize) {
        int rest = (isExt ? t.length / 3 : t.length) / kSize;
        long[] out = new long[3 * rest];
        Parallel.forRange(rest, 1 << 6, (from, to) -> {
            for (int s = from; s < to; s++) {
                Ext3 acc = Ext3.ZERO;
                for (int k = 0; k < kSize; k++) {
                    int at = k + kSize * s;
                    Ext3 x = isExt ? Ext3.read(t, at) : Ext3.ofBase(t[at]);
                    acc = acc.add(Ext3.read(eq, k).mul(x));
                }
                acc.write(out, s);
            }
        });
        return out;
    }
}
