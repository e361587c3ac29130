package io.edgeproof.zkml.zk;

import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import io.edgeproof.field.Parallel;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the structured provers ({@link InnerProductRounds}, {@link ContractionRounds}) share: the b = 0 values
 * of a form over some axes, the sum over the outer cube of the terms that do not read the inner axes (a
 * constant in every inner round), and, once the inner axes (always the lowest) are bound, the remaining
 * cube (outer axes and b) with every operand and public table folded at the bound point, tabulated for
 * {@link TableRounds}.
 */
final class OuterCube {
    private OuterCube() {}

    /** A form's values on b = 0 over {@code axes} (which hold every axis its operands read). */
    static long[] b0(Check check, Form form, long[][] tables, boolean[] ext, int axes) {
        int size = 1 << check.cube().vars(axes);
        long[] out = new long[3 * size];
        Parallel.forRange(size, 1 << 10, (from, to) -> {
            for (int u = from; u < to; u++) {
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
        });
        return out;
    }

    /** Sum over {@code outer} (on b = 0) of every term after {@code first} with forms; none may read other axes. */
    static Ext3 sum(Check check, long[][] tables, boolean[] ext, int first, int outer) {
        Ext3 sum = Ext3.ZERO;
        for (int t = first; t < check.terms().size(); t++) {
            Term term = check.terms().get(t);
            if (term.forms().length == 0) {
                continue;
            }
            if ((term.factorAxes() & ~outer) != 0) {
                throw new IllegalStateException(check.name() + ": term " + t + " reads an inner axis");
            }
            long[] f = check.product(term.factor(), outer);
            long[][] forms = new long[term.forms().length][];
            for (int i = 0; i < forms.length; i++) {
                forms[i] = b0(check, check.forms().get(term.forms()[i]), tables, ext, outer);
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

    /**
     * The rounds of the outer cube once the inner axes are bound at {@code bound} (their coordinates, in cube
     * order): operands and public tables on inner axes folded there (a factor table must read only inner or
     * only outer axes), the reduced check tabulated.
     */
    static TableRounds rounds(Check check, long[][] tables, boolean[] ext, Ext3[] sigma, int inner, long[] bound,
                              int degree) {
        Cube cube = check.cube();
        List<Operand> operands = new ArrayList<>();
        long[][] folded = new long[tables.length][];
        boolean[] foldedExt = new boolean[tables.length];
        for (int o = 0; o < check.operands().size(); o++) {
            Operand op = check.operands().get(o);
            int axes = op.axes() & inner;
            boolean fold = cube.vars(axes) > 0;
            long[] eq = fold ? Multilinear.eqTable(cube.restrict(bound, axes)) : null;
            if (op.kind() == Operand.Kind.PUBLIC) {
                operands.add(fold ? Operand.publicTable(PublicTable.ext(op.axes(),
                        foldLow(op.table().values(), op.table().ext(), eq))) : op);
            } else {
                operands.add(op);
                folded[o] = fold ? foldLow(tables[o], ext[o], eq) : tables[o];
                foldedExt[o] = fold || ext[o];
            }
        }
        int[] vars = cube.vars().clone();
        for (int a = 0; a < vars.length; a++) {
            if ((inner & (1 << a)) != 0) {
                vars[a] = 0;
            }
        }
        Map<List<PublicTable>, List<PublicTable>> factors = new IdentityHashMap<>();
        List<Term> terms = new ArrayList<>();
        for (Term t : check.terms()) {
            List<PublicTable> f = factors.computeIfAbsent(t.factor(), k -> foldFactor(check, k, inner, bound));
            terms.add(new Term(t.coefficient(), f, t.forms()));
        }
        Check reduced = new Check(check.name(), new Cube(vars), operands, check.forms(), terms, check.reason(),
                RoundShape.TABULATED);
        List<long[]> instance = new ArrayList<>();
        List<int[]> products = new ArrayList<>();
        List<Ext3> coefficients = new ArrayList<>();
        Map<List<PublicTable>, Integer> factorIndex = new IdentityHashMap<>();
        int[] formIndex = new int[check.forms().size()];
        for (int f = 0; f < formIndex.length; f++) {
            formIndex[f] = instance.size();
            instance.add(CheckProver.formTable(reduced, check.forms().get(f), folded, foldedExt, sigma));
        }
        for (Term t : terms) {
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
            products.add(fs);
            coefficients.add(t.coefficient());
        }
        return new TableRounds(instance, products, coefficients, degree);
    }

    /** A factor with its inner tables replaced by one scalar: their product's extension at the bound point. */
    private static List<PublicTable> foldFactor(Check check, List<PublicTable> factor, int inner, long[] bound) {
        List<PublicTable> out = new ArrayList<>();
        List<PublicTable> innerTables = new ArrayList<>();
        for (PublicTable t : factor) {
            if ((t.axes() & inner) == 0 || check.cube().vars(t.axes() & inner) == 0) {
                out.add(t);
            } else if ((t.axes() & ~inner) == 0) {
                innerTables.add(t);
            } else {
                throw new IllegalStateException(check.name() + ": a factor table reads inner and outer axes");
            }
        }
        if (!innerTables.isEmpty()) {
            out.add(PublicTable.scalar(check.productAt(innerTables, bound)));
        }
        return List.copyOf(out);
    }

    /** sum_low eq(low) t(low, rest) over the table's lowest eq-size variables (extension values). */
    static long[] foldLow(long[] t, boolean isExt, long[] eq) {
        int low = eq.length / 3;
        int rest = (isExt ? t.length / 3 : t.length) / low;
        long[] out = new long[3 * rest];
        Parallel.forRange(rest, 1 << 6, (from, to) -> {
            for (int s = from; s < to; s++) {
                Ext3 acc = Ext3.ZERO;
                for (int k = 0; k < low; k++) {
                    int at = k + low * s;
                    Ext3 x = isExt ? Ext3.read(t, at) : Ext3.ofBase(t[at]);
                    acc = acc.add(Ext3.read(eq, k).mul(x));
                }
                acc.write(out, s);
            }
        });
        return out;
    }
}
