package io.edgeproof.zkml.zk;

import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import io.edgeproof.field.Goldilocks;
import io.edgeproof.field.Parallel;
import io.edgeproof.iop.sumcheck.ZkSumcheck;
import java.util.ArrayList;
import java.util.List;

/**
 * The rounds of a {@link RoundShape.Contraction} check without tabulating its cube. Its term 0 is
 * coef * F(outer) * P(k, q) * A(k, outer) * X(q), P a product of pair tables P_a(k_partner(a), q_a); every
 * other term reads only the outer axes, so it adds a constant per inner round.
 * <ol>
 *   <li>k (if any): a product sumcheck of a(k) = coef sum_outer F A(k, .) and G(k) = sum_q X(q) P(k, q), G
 *       contracted one q axis at a time (a window map is a few small tables, so G costs O(|X| times the
 *       largest pair table's k side));
 *   <li>q: a product sumcheck of X(q) and a~(kappa) P~(kappa, q), P~(kappa, .) an outer product of vectors;
 *   <li>the outer cube and b, every table folded at (kappa, xi) ({@link OuterCube}).
 * </ol>
 * Cost: O(|X| + |A| + |outer cube| x tables), never |k| x |q|.
 */
final class ContractionRounds implements ZkSumcheck.RoundSource {
    private final Check check;
    private final RoundShape.Contraction shape;
    private final long[][] tables;
    private final boolean[] ext;
    private final Ext3[] sigma;
    private final int inner;
    private final int kVars;
    private final int innerVars;
    private final List<PublicTable> pairs = new ArrayList<>();
    private final long[] bound;
    private final Ext3 rest;
    private final long[] x;
    private Ext3 kScale;
    private long[] left;
    private long[] right;
    private int round;
    private TableRounds outer;

    ContractionRounds(Check check, RoundShape.Contraction shape, long[][] tables, boolean[] ext, Ext3[] sigma) {
        this.check = check;
        this.shape = shape;
        this.tables = tables;
        this.ext = ext;
        this.sigma = sigma;
        Cube cube = check.cube();
        requirePartnersInOrder(cube, shape);
        inner = shape.kAxes() | shape.qAxes();
        int outerAxes = ((1 << cube.axes()) - 1) & ~inner;
        kVars = cube.vars(shape.kAxes());
        innerVars = cube.vars(inner);
        bound = new long[3 * innerVars];
        Term main = check.terms().get(0);
        List<PublicTable> outerTables = new ArrayList<>();
        for (PublicTable t : main.factor()) {
            (((t.axes() & inner) == 0) ? outerTables : pairs).add(t);
        }
        rest = OuterCube.sum(check, tables, ext, 1, outerAxes);
        x = OuterCube.b0(check, check.forms().get(shape.qForm()), tables, ext, shape.qAxes());
        long[] f = check.product(outerTables, outerAxes);
        if (shape.kForm() < 0) {
            Ext3 s = Ext3.ZERO;
            for (int u = 0; u < f.length / 3; u++) {
                s = s.add(Ext3.read(f, u));
            }
            kScale = main.coefficient().mul(s);
        } else {
            left = kSide(check.forms().get(shape.kForm()), main.coefficient(), f, outerAxes);
            right = contract();
            if (kVars == 0) {
                kScale = Ext3.read(left, 0);
            }
        }
        if (innerVars == 0) {
            outer = OuterCube.rounds(check, tables, ext, sigma, inner, bound, check.degree());
        } else if (kVars == 0) {
            startQ();
        }
    }

    /**
     * The contraction turns the q axes, in order, into their partners: so the partners must be the k axes in
     * increasing order, each once, for the result to be indexed like a table over the k axes.
     */
    private static void requirePartnersInOrder(Cube cube, RoundShape.Contraction shape) {
        int last = -1, covered = 0;
        for (int a = 0; a < cube.axes(); a++) {
            int p = shape.partner()[a];
            if ((shape.qAxes() & (1 << a)) == 0 || p < 0) {
                continue;
            }
            if (p <= last || (shape.kAxes() & (1 << p)) == 0) {
                throw new IllegalArgumentException("q axis " + a + " has partner " + p + " out of order");
            }
            last = p;
            covered |= 1 << p;
        }
        int inner = shape.kAxes() | shape.qAxes();
        if (covered != shape.kAxes() || inner != (1 << Integer.bitCount(inner)) - 1
                || Integer.highestOneBit(shape.kAxes()) >= Math.max(1, Integer.lowestOneBit(shape.qAxes()))) {
            throw new IllegalArgumentException("the k axes, then the q axes, must be the lowest axes, every k axis"
                    + " partnered");
        }
    }

    /** a(k) = coef sum_outer F(outer) A(k, outer), F summed first over the outer axes A does not read. */
    private long[] kSide(Form form, Ext3 coef, long[] f, int outerAxes) {
        int formAxes = 0;
        for (int o : form.operands()) {
            formAxes |= check.operands().get(o).axes();
        }
        int shared = formAxes & outerAxes;
        Cube cube = check.cube();
        long[] fShared = new long[3 << cube.vars(shared)];
        for (int u = 0; u < f.length / 3; u++) {
            int v = check.projectWithin(u, outerAxes, shared);
            Ext3.read(fShared, v).add(Ext3.read(f, u)).write(fShared, v);
        }
        long[] a = OuterCube.b0(check, form, tables, ext, shape.kAxes() | shared);
        int kSize = 1 << kVars;
        int sSize = 1 << cube.vars(shared);
        long[] out = new long[3 * kSize];
        Parallel.forRange(kSize, 1 << 6, (from, to) -> {
            for (int k = from; k < to; k++) {
                Ext3 acc = Ext3.ZERO;
                for (int v = 0; v < sSize; v++) {
                    acc = acc.add(Ext3.read(fShared, v).mul(Ext3.read(a, k + kSize * v)));
                }
                coef.mul(acc).write(out, k);
            }
        });
        return out;
    }

    /** G(k) = sum_q X(q) prod_a P_a(k_partner(a), q_a), one q axis at a time (the q bits are replaced by k bits). */
    private long[] contract() {
        Cube cube = check.cube();
        long[] t = x;
        int low = 0; // bits already turned into k bits, at the bottom of t
        for (int a = 0; a < cube.axes(); a++) {
            if ((shape.qAxes() & (1 << a)) == 0) {
                continue;
            }
            int qv = cube.vars()[a];
            int partner = shape.partner()[a];
            int kv = partner < 0 ? 0 : cube.vars()[partner];
            PublicTable p = pair(a);
            int lowSize = 1 << low, qSize = 1 << qv, kSize = 1 << kv;
            int high = t.length / 3 / (lowSize * qSize);
            long[] in = t;
            long[] out = new long[3 * lowSize * kSize * high];
            Parallel.forRange(high, 1, (from, to) -> {
                for (int h = from; h < to; h++) {
                    for (int k = 0; k < kSize; k++) {
                        for (int l = 0; l < lowSize; l++) {
                            Ext3 acc = Ext3.ZERO;
                            for (int q = 0; q < qSize; q++) {
                                Ext3 m = p == null ? Ext3.ONE : p.get(k + kSize * q);
                                acc = acc.add(m.mul(Ext3.read(in, l + lowSize * (q + qSize * h))));
                            }
                            acc.write(out, l + lowSize * (k + kSize * h));
                        }
                    }
                }
            });
            t = out;
            low += kv;
        }
        return t;
    }

    /** The pair table of q axis {@code a} (over it and its partner), or null if none reads it. */
    private PublicTable pair(int a) {
        PublicTable found = null;
        for (PublicTable t : pairs) {
            if ((t.axes() & (1 << a)) != 0) {
                if (found != null) {
                    throw new IllegalStateException(check.name() + ": two pair tables on one q axis");
                }
                found = t;
            }
        }
        return found;
    }

    /** Phase q: X and kScale P~(kappa, q), the pair tables evaluated at kappa on their k side. */
    private void startQ() {
        Cube cube = check.cube();
        long[] p = {kScale.c0(), kScale.c1(), kScale.c2()};
        for (int a = 0; a < cube.axes(); a++) {
            if ((shape.qAxes() & (1 << a)) == 0) {
                continue;
            }
            int qSize = 1 << cube.vars()[a];
            PublicTable pair = pair(a);
            long[] vector = new long[3 * qSize];
            int partner = shape.partner()[a];
            if (pair == null) {
                for (int q = 0; q < qSize; q++) {
                    vector[3 * q] = 1;
                }
            } else if (partner < 0) {
                for (int q = 0; q < qSize; q++) {
                    pair.get(q).write(vector, q);
                }
            } else {
                long[] eq = Multilinear.eqTable(cube.restrict(bound, 1 << partner));
                vector = OuterCube.foldLow(pair.values(), pair.ext(), eq);
            }
            long[] next = new long[p.length * qSize];
            int n = p.length / 3;
            for (int q = 0; q < qSize; q++) {
                Ext3 v = Ext3.read(vector, q);
                for (int i = 0; i < n; i++) {
                    Ext3.read(p, i).mul(v).write(next, i + n * q);
                }
            }
            p = next;
        }
        left = x;
        right = p;
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
        return InnerProductRounds.productRound(left, right, degree(),
                rest.mulBase(Goldilocks.pow(2, innerVars - 1 - round)));
    }

    @Override
    public void bind(Ext3 r) {
        if (outer != null) {
            outer.bind(r);
            return;
        }
        r.write(bound, round);
        left = Multilinear.fixFirstVariableExt(left, r);
        right = Multilinear.fixFirstVariableExt(right, r);
        round++;
        if (round == innerVars) {
            outer = OuterCube.rounds(check, tables, ext, sigma, inner, bound, degree());
            left = null;
            right = null;
        } else if (round == kVars) {
            kScale = Ext3.read(left, 0);
            startQ();
        }
    }
}
