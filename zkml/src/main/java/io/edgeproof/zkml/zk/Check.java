package io.edgeproof.zkml.zk;

import io.edgeproof.field.Ext3;
import io.edgeproof.field.Goldilocks;
import io.edgeproof.transcript.VerificationException;
import java.util.List;

/**
 * One masked zero-claim sumcheck: sum over the cube and b of sum_terms coef (1 - b) factor prod forms equals a
 * public value (minus the sum of the constant terms), which the verifier computes itself. Built by the same
 * code on both sides after the check's challenges are drawn ({@link ZkChecks}); {@link CheckProver} and
 * {@link CheckVerifier} run it. {@code reason} names what a failure means.
 */
record Check(String name, Cube cube, List<Operand> operands, List<Form> forms, List<Term> terms,
             VerificationException.Reason reason, RoundShape shape) {
    /** {@code shape}: how the prover runs the rounds (the verifier's work is the same for every shape). */
    Check {
        operands = List.copyOf(operands);
        forms = List.copyOf(forms);
        terms = List.copyOf(terms);
        for (Form f : forms) {
            for (int o : f.operands()) {
                if (o < 0 || o >= operands.size()) {
                    throw new IllegalArgumentException("form reads operand " + o + " of " + operands.size());
                }
            }
        }
        for (Operand op : operands) {
            if (op.order() != null && !(shape instanceof RoundShape.Tabulated)) {
                throw new IllegalArgumentException("an operand in its own bit order needs a tabulated check");
            }
        }
        for (Term t : terms) {
            for (int f : t.forms()) {
                if (f < 0 || f >= forms.size()) {
                    throw new IllegalArgumentException("term reads form " + f + " of " + forms.size());
                }
            }
        }
    }

    /** Variables of the sumcheck: the cube's and b. */
    int numVariables() {
        return cube.numVariables() + 1;
    }

    /** Round degree: the largest number of factors of a term (its public factor counts as one). */
    int degree() {
        int d = 1;
        for (Term t : terms) {
            d = Math.max(d, 1 + t.forms().length);
        }
        return d;
    }

    /** The public value the non-constant terms must sum to: minus the sum of the constant terms. */
    Ext3 claimedSum() {
        Ext3 sum = Ext3.ZERO;
        for (Term t : terms) {
            if (t.forms().length == 0) {
                int axes = t.factorAxes();
                Ext3 total = Ext3.ZERO;
                long[] product = product(t.factor(), axes);
                for (int i = 0; i < product.length / 3; i++) {
                    total = total.add(Ext3.read(product, i));
                }
                long spread = Goldilocks.pow(2, cube.numVariables() - cube.vars(axes));
                sum = sum.add(t.coefficient().mul(total).mulBase(spread));
            }
        }
        return sum.neg();
    }

    /** The pointwise product of public tables over the union of their axes (interleaved extension values). */
    long[] product(List<PublicTable> tables, int axes) {
        int size = 1 << cube.vars(axes);
        long[] out = new long[3 * size];
        for (int u = 0; u < size; u++) {
            Ext3 v = Ext3.ONE;
            for (PublicTable t : tables) {
                v = v.mul(t.get(projectWithin(u, axes, t.axes())));
            }
            v.write(out, u);
        }
        return out;
    }

    /** The index in a table over {@code sub} of entry {@code u} of a table over {@code union} (sub within union). */
    int projectWithin(int u, int union, int sub) {
        int out = 0;
        int at = 0;
        int from = 0;
        for (int a = 0; a < cube.axes(); a++) {
            int bit = 1 << a;
            if ((union & bit) == 0) {
                continue;
            }
            int v = cube.vars()[a];
            if ((sub & bit) != 0) {
                out |= ((u >>> from) & ((1 << v) - 1)) << at;
                at += v;
            }
            from += v;
        }
        return out;
    }

    /** (1 - c) times the factor's multilinear extension at the final point's cube coordinates. */
    Ext3 factorAt(List<PublicTable> tables, long[] point) {
        Ext3 c = Ext3.read(point, cube.numVariables());
        return Ext3.ONE.sub(c).mul(productAt(tables, point));
    }

    /**
     * The multilinear extension of the product of tables at a point of the cube: tables that share no axis
     * are independent, so it is the product over the groups of tables linked by shared axes of each group's
     * product table evaluated on its own axes (a window's separable map stays a few small tables).
     */
    Ext3 productAt(List<PublicTable> tables, long[] point) {
        Ext3 v = Ext3.ONE;
        for (List<PublicTable> component : components(tables)) {
            int axes = 0;
            for (PublicTable t : component) {
                axes |= t.axes();
            }
            long[] product = product(component, axes);
            v = v.mul(io.edgeproof.commit.poly.Multilinear.evaluateExt(product, cube.restrict(point, axes)));
        }
        return v;
    }

    /** The tables grouped by shared axes (connected components; a table over no axis is its own group). */
    static List<List<PublicTable>> components(List<PublicTable> tables) {
        List<List<PublicTable>> groups = new java.util.ArrayList<>();
        List<Integer> masks = new java.util.ArrayList<>();
        for (PublicTable t : tables) {
            List<PublicTable> merged = new java.util.ArrayList<>(List.of(t));
            int axes = t.axes();
            for (int g = groups.size() - 1; g >= 0; g--) {
                if ((masks.get(g) & axes) != 0) {
                    merged.addAll(groups.remove(g));
                    axes |= masks.remove(g);
                }
            }
            groups.add(merged);
            masks.add(axes);
        }
        return groups;
    }

    /** A form's value from its operands' values at the final point. */
    Ext3 formAt(Form f, Ext3[] operandValues) {
        Ext3 v = Ext3.ofBase(f.constant());
        for (int i = 0; i < f.operands().length; i++) {
            v = v.add(operandValues[f.operands()[i]].mulBase(f.coefficients()[i]));
        }
        return v;
    }

    /** The summand at the final point, from the operands' values there. */
    Ext3 summandAt(long[] point, Ext3[] operandValues) {
        Ext3 sum = Ext3.ZERO;
        java.util.IdentityHashMap<List<PublicTable>, Ext3> factors = new java.util.IdentityHashMap<>();
        for (Term t : terms) {
            if (t.forms().length == 0) {
                continue;
            }
            Ext3 v = t.coefficient().mul(factors.computeIfAbsent(t.factor(), f -> factorAt(f, point)));
            for (int f : t.forms()) {
                v = v.mul(formAt(forms.get(f), operandValues));
            }
            sum = sum.add(v);
        }
        return sum;
    }
}
