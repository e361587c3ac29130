package io.edgeproof.zkml.zk;

import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import io.edgeproof.field.Goldilocks;
import io.edgeproof.transcript.Transcript;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds each check of a plan once its challenges are drawn; prover and verifier call the same code, so
 * their checks cannot differ. Cubes: a dense step's main check runs over (k, n, row), a tensor's domain
 * check over (col, row), the range table's over its 8 index bits; b is always the top variable.
 *
 * <ul>
 *   <li>Dense (zero-check at tau over (n, row), the inner sum over k spread by 2^-K):
 *       M_n (W x + sel bias_n) + sel 2^(s_n - 1) - 2^(s_n) (y + e+ - e-) - sum_l 2^(8l) r_l = 0.
 *   <li>Domain of a tensor (zero-check at tau, constraints combined with powers of lambda): a dense output's
 *       clamp e+ (y - 32767) = 0, e- (y + 32768) = 0 and excess e+ + e- = sum_l 2^(8l) u_l; the hidden
 *       input's x = x0 + 256 x1 - 2^15; each consuming Relu's z (z - y) = 0 (and 2z - y = w0 + 256 w1 when z is
 *       public); each LogUp inverse column's h prod_i (a_i - u_i) = sum_i prod_(j != i) (a_j - u_j) over its up
 *       to three lookups, a = alpha - offset read as a public operand (so each factor is one form).
 *   <li>Table: g(t) (alpha - t) = m(t).
 * </ul>
 */
final class ZkChecks {
    private ZkChecks() {}

    /** Where a check's challenges come from: the transcript, or placeholders for the plan's shape pass. */
    interface Challenges {
        long[] point(String label, int vars);

        Ext3 scalar(String label);

        Ext3 alpha();

        /** The lookup tables' column-compression challenge (drawn with alpha, before P2). */
        Ext3 zeta();

        Challenges PLACEHOLDER = new Challenges() {
            @Override
            public long[] point(String label, int vars) {
                return new long[3 * vars];
            }

            @Override
            public Ext3 scalar(String label) {
                return Ext3.ONE;
            }

            @Override
            public Ext3 alpha() {
                return Ext3.ONE;
            }

            @Override
            public Ext3 zeta() {
                return Ext3.ONE;
            }
        };

        static Challenges of(Transcript t, Ext3 alpha, Ext3 zeta) {
            return new Challenges() {
                @Override
                public long[] point(String label, int vars) {
                    return t.challengeExts(label, vars);
                }

                @Override
                public Ext3 scalar(String label) {
                    return t.challengeExt(label);
                }

                @Override
                public Ext3 alpha() {
                    return alpha;
                }

                @Override
                public Ext3 zeta() {
                    return zeta;
                }
            };
        }
    }

    static Check build(ZkPlan plan, int index, Challenges ch, PublicTensors pub) {
        ZkPlan.CheckRef ref = plan.checks.get(index);
        return switch (ref.kind()) {
            case DENSE -> ((ZkCircuit.Dense) plan.circuit.steps().get(ref.index())).isConv()
                    ? WindowChecks.conv(plan, ref.index(), ch, pub) : dense(plan, ref.index(), ch, pub);
            case POOL -> WindowChecks.pool(plan, ref.index(), ch, pub);
            case ELEMENTWISE -> ElementwiseChecks.requant(plan, ref.index(), ch, pub);
            case GATHER -> ElementwiseChecks.gather(plan, ref.index(), ch, pub);
            case LOOKUP_TABLE -> lookupTable(plan, ref.index(), ch);
            case DOMAIN -> domain(plan, ref.index(), ch, pub);
            case TABLE -> table(plan, ch);
            case SOFTMAX -> SoftmaxChecks.elements(plan, ref.index(), ch, pub);
            case SOFTMAX_SUM -> SoftmaxChecks.rowSums(plan, ref.index(), ch, pub);
            case MATMUL -> MatMulChecks.check(plan, ref.index(), ch, pub);
        };
    }

    private static final int K = 0b001, N = 0b010, ROWS = 0b100;

    private static Check dense(ZkPlan plan, int step, Challenges ch, PublicTensors pub) {
        ZkCircuit.Dense d = (ZkCircuit.Dense) plan.circuit.steps().get(step);
        ZkPlan.DenseColumns cols = plan.dense[step];
        int kv = plan.circuit.featureVars(d), nv = plan.colVars(d.output()), rv = plan.rowVars(d.output());
        Builder b = new Builder(plan, Cube.of(kv, nv, rv), pub);
        PublicTable eq = PublicTable.ext(N | ROWS, Multilinear.eqTable(ch.point("zk-dense-tau", nv + rv)));
        long[] m = new long[1 << nv], pow = new long[1 << nv], half = new long[1 << nv];
        java.util.Arrays.fill(pow, 1);
        for (int n = 0; n < d.out(); n++) {
            m[n] = d.multipliers()[n];
            pow[n] = 1L << d.shifts()[n];
            half[n] = 1L << (d.shifts()[n] - 1);
        }
        PublicTable mult = PublicTable.base(N, m);
        PublicTable sel = PublicTable.base(ROWS, rowSelector(plan, d.output()));
        PublicTable spread = PublicTable.scalar(Ext3.ofBase(Goldilocks.inverse(Goldilocks.pow(2, kv))));
        int fw = b.form(new Lin().column(cols.weights(), K | N, 1));
        int fx = b.form(new Lin().reading(plan.readings[d.input()], K | ROWS, 1));
        int fb = b.form(new Lin().column(cols.bias(), N, 1));
        int ft = b.form(new Lin().reading(plan.readings[d.output()], N | ROWS, 1)
                .column(cols.excessHigh(), N | ROWS, 1).column(cols.excessLow(), N | ROWS, -1));
        Lin r = new Lin();
        for (int l = 0; l < cols.remainder().length; l++) {
            r.column(cols.remainder()[l], N | ROWS, 1L << (ZkPlan.LIMB_BITS * l));
        }
        int fr = b.form(r);
        b.term(Ext3.ONE, List.of(eq, mult), fw, fx);
        b.term(Ext3.ONE, List.of(spread, eq, sel, mult), fb);
        b.term(Ext3.ONE.neg(), List.of(spread, eq, PublicTable.base(N, pow)), ft);
        b.term(Ext3.ONE.neg(), List.of(spread, eq), fr);
        b.term(Ext3.ONE, List.of(spread, eq, sel, PublicTable.base(N, half)));
        return b.build("dense step " + step, ZkReason.DENSE_CONSTRAINT_VIOLATED, RoundShape.INNER_PRODUCT);
    }

    private static final int COL = 0b01, ALL = 0b11;

    private static Check domain(ZkPlan plan, int tensor, Challenges ch, PublicTensors pub) {
        int cv = plan.colVars(tensor), rv = plan.rowVars(tensor);
        Builder b = new Builder(plan, Cube.of(cv, rv), pub);
        PublicTable eqTable = PublicTable.ext(ALL, Multilinear.eqTable(ch.point("zk-domain-tau", cv + rv)));
        Ext3 lambda = ch.scalar("zk-domain-lambda");
        List<PublicTable> eq = List.of(eqTable);
        Ext3 power = Ext3.ONE;
        ZkPlan.Reading y = plan.readings[tensor];
        for (int s = 0; s < plan.circuit.steps().size(); s++) {
            ZkCircuit.Step step = plan.circuit.steps().get(s);
            if (plan.dense[s] != null && step.output() == tensor) {
                ZkPlan.DenseColumns cols = plan.dense[s];
                int high = b.form(new Lin().column(cols.excessHigh(), ALL, 1));
                int low = b.form(new Lin().column(cols.excessLow(), ALL, 1));
                b.term(power = power.mul(lambda), eq, high, b.form(new Lin().reading(y, ALL, 1).constant(-32767)));
                b.term(power = power.mul(lambda), eq, low, b.form(new Lin().reading(y, ALL, 1).constant(32768)));
                Lin excess = new Lin().column(cols.excessHigh(), ALL, 1).column(cols.excessLow(), ALL, 1);
                for (int l = 0; l < cols.excess().length; l++) {
                    excess.column(cols.excess()[l], ALL, -(1L << (ZkPlan.LIMB_BITS * l)));
                }
                b.term(power = power.mul(lambda), eq, b.form(excess));
            }
            if (step instanceof ZkCircuit.MaxPool && step.output() == tensor) {
                // prod_j d_j = 0: the max is one of the window's values
                int[][] d = plan.pools[s].differences();
                int[] fd = new int[d.length];
                for (int j = 0; j < d.length; j++) {
                    fd[j] = b.form(new Lin().column(d[j][0], ALL, 1).column(d[j][1], ALL, ZkPlan.LIMB));
                }
                b.term(power = power.mul(lambda), eq, fd);
            }
            if (step instanceof ZkCircuit.Table table && table.output() == tensor) {
                // h (alpha - u) = 1, u = (x + 2^15) + zeta (y + (1 - sel) T[2^15])
                power = power.mul(lambda);
                ZkPlan.TableColumns tc = plan.tables[s];
                Ext3 zeta = ch.zeta();
                int fh = b.form(new Lin().column(tc.inverse(), ALL, 1));
                long[] padding = elementSelector(plan, tensor);
                for (int i = 0; i < padding.length; i++) {
                    padding[i] = 1 - padding[i];
                }
                b.term(power.mul(ch.alpha()), eq, fh);
                b.term(power.neg(), eq, fh, b.form(new Lin().reading(plan.readings[table.input()], ALL, 1)
                        .constant(ZkCircuit.Table.OFFSET)));
                b.term(power.mul(zeta).neg(), eq, fh, b.form(new Lin().reading(plan.readings[tensor], ALL, 1)));
                b.term(power.mul(zeta).mulBase(Goldilocks.fromSigned(table.table()[ZkCircuit.Table.OFFSET])).neg(),
                        List.of(eqTable, PublicTable.base(ALL, padding)), fh);
                b.term(power.neg(), eq);
            }
            if (step instanceof ZkCircuit.Relu relu && relu.input() == tensor) {
                ZkPlan.Reading z = plan.readings[relu.output()];
                int fz = b.form(new Lin().reading(z, ALL, 1));
                b.term(power = power.mul(lambda), eq, fz, b.form(new Lin().reading(z, ALL, 1).reading(y, ALL, -1)));
                if (plan.circuit.isOutput(relu.output())) {
                    int[] w = plan.reluLimbs[s];
                    b.term(power = power.mul(lambda), eq, b.form(new Lin().reading(z, ALL, 2).reading(y, ALL, -1)
                            .column(w[0], ALL, -1).column(w[1], ALL, -ZkPlan.LIMB)));
                }
            }
        }
        if (tensor == 0 && plan.inputHidden) {
            b.term(power = power.mul(lambda), eq, b.form(new Lin().column(plan.inputColumn, ALL, 1)
                    .reading(y, ALL, -1)));
        }
        Ext3 alpha = ch.alpha();
        PublicTable alphaTable = PublicTable.scalar(alpha);
        for (ZkPlan.Inverse inv : plan.inverses) {
            if (inv.tensor() != tensor) {
                continue;
            }
            // h prod_i (a_i - u_i) - sum_i prod_(j != i) (a_j - u_j) = 0, a = alpha - offset (a public operand)
            power = power.mul(lambda);
            int k = inv.lookups().size();
            int[] f = new int[k + 1];
            f[0] = b.form(new Lin().column(inv.column(), ALL, 1));
            for (int i = 0; i < k; i++) {
                ZkPlan.Lookup l = inv.lookups().get(i);
                f[i + 1] = b.difference(l.offsets() == null ? alphaTable : alphaMinus(COL, alpha, l.offsets()),
                        new Lin().column(l.column(), ALL, 1));
            }
            b.term(power, eq, f);
            for (int i = 0; i < k; i++) {
                int[] others = new int[k - 1];
                for (int j = 0, at = 0; j < k; j++) {
                    if (j != i) {
                        others[at++] = f[j + 1];
                    }
                }
                b.term(power.neg(), eq, others);
            }
        }
        return b.build("elements of tensor " + tensor, ZkReason.ELEMENT_CONSTRAINT_VIOLATED, RoundShape.TABULATED);
    }

    private static Check table(ZkPlan plan, Challenges ch) {
        Builder b = new Builder(plan, Cube.of(ZkPlan.TABLE_VARS), null);
        PublicTable eq = PublicTable.ext(1, Multilinear.eqTable(ch.point("zk-table-tau", ZkPlan.TABLE_VARS)));
        long[] t = new long[1 << ZkPlan.TABLE_VARS];
        for (int i = 0; i < t.length; i++) {
            t[i] = i;
        }
        int fg = b.form(new Lin().column(plan.tableInverse, 1, 1));
        int fm = b.form(new Lin().column(plan.multiplicities, 1, 1));
        b.term(Ext3.ONE, List.of(eq, alphaMinus(1, ch.alpha(), t)), fg);
        b.term(Ext3.ONE.neg(), List.of(eq), fm);
        return b.build("range table", ZkReason.RANGE_TABLE_VIOLATED, RoundShape.TABULATED);
    }

    /** A lookup or softmax step's table side: g(j) (alpha - j - zeta T[j]) = m(j) over the 2^16 rows. */
    private static Check lookupTable(ZkPlan plan, int step, Challenges ch) {
        int[] table = plan.lookupTable(step);
        ZkPlan.TableColumns tc = plan.tables[step];
        Builder b = new Builder(plan, Cube.of(ZkCircuit.Table.VARS), null);
        PublicTable eq = PublicTable.ext(1, Multilinear.eqTable(ch.point("zk-lookup-tau", ZkCircuit.Table.VARS)));
        Ext3 alpha = ch.alpha(), zeta = ch.zeta();
        long[] rows = new long[3 << ZkCircuit.Table.VARS];
        for (int j = 0; j < 1 << ZkCircuit.Table.VARS; j++) {
            alpha.sub(zeta.mulBase(Goldilocks.fromSigned(table[j]))).addBase(Goldilocks.neg(j)).write(rows, j);
        }
        b.term(Ext3.ONE, List.of(eq, PublicTable.ext(1, rows)), b.form(new Lin().column(tc.tableInverse(), 1, 1)));
        b.term(Ext3.ONE.neg(), List.of(eq), b.form(new Lin().column(tc.multiplicities(), 1, 1)));
        return b.build("table of step " + step, ZkReason.LOOKUP_TABLE_VIOLATED, RoundShape.TABULATED);
    }

    /** 1 on the real elements of a tensor's padded block (real rows and columns), 0 on padding. */
    static long[] elementSelector(ZkPlan plan, int tensor) {
        ZkCircuit.Tensor t = plan.circuit.tensor(tensor);
        long[] sel = new long[1 << plan.tensorVars(tensor)];
        for (int b = 0; b < plan.batch; b++) {
            for (int i = 0; i < t.size(); i++) {
                sel[t.blockIndex(b, i)] = 1;
            }
        }
        return sel;
    }

    /** alpha - values[i], an extension table over {@code axes}. */
    static PublicTable alphaMinus(int axes, Ext3 alpha, long[] values) {
        long[] out = new long[3 * values.length];
        for (int i = 0; i < values.length; i++) {
            alpha.addBase(Goldilocks.neg(values[i])).write(out, i);
        }
        return PublicTable.ext(axes, out);
    }

    /** 1 on the rows holding samples' rows, 0 on padding rows. */
    static long[] rowSelector(ZkPlan plan, int tensor) {
        return plan.circuit.tensor(tensor).rowSelector(plan.batch);
    }

    /** An affine combination being assembled: (source, axes) -> coefficient, and a constant. */
    static final class Lin {
        final List<long[]> parts = new ArrayList<>(); // {source, axes, coefficient}
        long constant;
        /** The bit order of every column read (null: cube order); see {@link Operand#hidden(int, int[])}. */
        int[] order;

        /** Reads every column in the bit order of these axes' fields (low to high). */
        Lin ordered(int[] fields) {
            order = fields;
            return this;
        }

        Lin column(int column, int axes, long coefficient) {
            parts.add(new long[] {column, axes, Goldilocks.fromSigned(coefficient)});
            return this;
        }

        Lin reading(ZkPlan.Reading r, int axes, long scale) {
            long s = Goldilocks.fromSigned(scale);
            for (int i = 0; i < r.sources().length; i++) {
                parts.add(new long[] {r.sources()[i], axes, Goldilocks.mul(s, r.coefficients()[i])});
            }
            constant = Goldilocks.add(constant, Goldilocks.mul(s, r.constant()));
            return this;
        }

        Lin constant(long c) {
            constant = Goldilocks.add(constant, Goldilocks.fromSigned(c));
            return this;
        }
    }

    /** Collects a check's operands (one per column or public tensor), forms and terms. */
    static final class Builder {
        final ZkPlan plan;
        final Cube cube;
        final PublicTensors pub;
        final List<Operand> operands = new ArrayList<>();
        final Map<String, Integer> bySource = new HashMap<>();
        final List<Form> forms = new ArrayList<>();
        final List<Term> terms = new ArrayList<>();

        Builder(ZkPlan plan, Cube cube, PublicTensors pub) {
            this.plan = plan;
            this.cube = cube;
            this.pub = pub;
        }

        /**
         * The operand of a source; a hidden column brings its whole group (each check reveals every column of a
         * group it reads, so the group's claim is one evaluation of its block).
         */
        int operand(int source, int axes, int[] order) {
            if (source >= 0 && plan.column(source).poly() != null) {
                for (int member : plan.groupOf(source).columns()) {
                    bySource.computeIfAbsent(key(member, axes, order), k -> {
                        operands.add(order == null ? Operand.hidden(member, axes) : Operand.hidden(member, order));
                        return operands.size() - 1;
                    });
                }
            }
            return bySource.computeIfAbsent(key(source, axes, order), k -> {
                if (source < 0) {
                    operands.add(Operand.publicTable(PublicTable.base(axes, cubeOrder(pub.table(-1 - source), axes, order))));
                } else {
                    operands.add(Operand.clear(source, axes));
                }
                return operands.size() - 1;
            });
        }

        /** A public tensor laid out in the fields of {@code order}, as a table over its axes in cube order. */
        private long[] cubeOrder(long[] table, int axes, int[] order) {
            if (order == null) {
                return table;
            }
            long[] out = new long[table.length];
            for (int u = 0; u < out.length; u++) {
                out[u] = table[cube.reorder(u, axes, order)];
            }
            return out;
        }

        private static String key(int source, int axes, int[] order) {
            return source + "/" + axes + "/" + java.util.Arrays.toString(order);
        }

        int form(Lin lin) {
            return form(new java.util.LinkedHashMap<>(), lin, 1);
        }

        /** The form a - u for a public table a (one operand of its own) and an affine combination u. */
        int difference(PublicTable a, Lin u) {
            operands.add(Operand.publicTable(a));
            Map<Integer, Long> coefs = new java.util.LinkedHashMap<>();
            coefs.put(operands.size() - 1, 1L);
            return form(coefs, u, Goldilocks.neg(1));
        }

        /** Adds sign * lin to the operand coefficients {@code coefs} and records the form. */
        private int form(Map<Integer, Long> coefs, Lin lin, long sign) {
            for (long[] p : lin.parts) {
                coefs.merge(operand((int) p[0], (int) p[1], lin.order), Goldilocks.mul(sign, p[2]), Goldilocks::add);
            }
            int[] ops = new int[coefs.size()];
            long[] cs = new long[coefs.size()];
            int i = 0;
            for (Map.Entry<Integer, Long> e : coefs.entrySet()) {
                ops[i] = e.getKey();
                cs[i++] = e.getValue();
            }
            forms.add(new Form(ops, cs, Goldilocks.mul(sign, lin.constant)));
            return forms.size() - 1;
        }

        void term(Ext3 coefficient, List<PublicTable> factor, int... formIds) {
            terms.add(Term.of(coefficient, factor, formIds));
        }

        Check build(String name, ZkReason reason, RoundShape shape) {
            return new Check(name, cube, operands, forms, terms, reason, shape);
        }
    }
}
