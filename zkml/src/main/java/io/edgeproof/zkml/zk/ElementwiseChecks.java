package io.edgeproof.zkml.zk;

import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import io.edgeproof.field.Goldilocks;
import java.util.List;

/**
 * The checks of the element-wise requantized ops and of gathers, built like {@link ZkChecks}' (same code on
 * both sides, after the challenges). Per-element constants are public tables over the output's padded block
 * (one sample's constants at every real sample, zero on padding); a map (a pool's window sum, a broadcast,
 * a gather) is never applied to a committed tensor: its input is read over its own axis q, through
 * T(q) = sum over the map's pairs (o, q) of eq(tau, o) C(o), a public table the verifier builds in
 * O(batch x pairs).
 *
 * <ul>
 *   <li>Element-wise, a zero-claim sumcheck at a random tau over the output's block o (and q with a map):
 *       sum_o eq(tau, o) (CA X1 [X2] + CB X2 + H - 2^s (y + e+ - e-) - r) = 0, H = offset + 2^(s-1) on real
 *       elements, CA = CB = H = 0 on padding (which forces y, e+, e-, r to zero there). A pool's X1 = S x and
 *       an Add's broadcast X2 = S b enter as sum_q x(q) T(q). A Mul's broadcast operand is a committed copy c
 *       (CA X1 c is no sum over q), tied to b with a challenge lambda: + lambda (sum_q b T - sum_o eq c) = 0,
 *       T with weights 1; c is int16 since S is a gather. The clamp and range constraints are the dense
 *       layer's, in the output's domain check.
 *   <li>Gather: sum_o eq(tau, o) (y(o) - fill F(o)) = sum_q x(q) T(q), F = the real outputs reading the
 *       fill; every real output reads one input or the fill (checked when the key is decoded), so y is
 *       int16 without a range check and padding entries are zero.
 * </ul>
 */
final class ElementwiseChecks {
    private ElementwiseChecks() {}

    private static final int Q = 1, O = 2, SINGLE = 1;

    static Check requant(ZkPlan plan, int step, ZkChecks.Challenges ch, PublicTensors pub) {
        ZkCircuit.Elementwise e = (ZkCircuit.Elementwise) plan.circuit.steps().get(step);
        ZkPlan.DenseColumns cols = plan.dense[step];
        int y = e.output();
        int ov = plan.tensorVars(y);
        int mapped = e.mappedInput();
        int qv = mapped < 0 ? 0 : plan.tensorVars(mapped);
        int o = mapped < 0 ? SINGLE : O;
        ZkChecks.Builder b = new ZkChecks.Builder(plan, mapped < 0 ? Cube.of(ov) : Cube.of(qv, ov), pub);
        long[] tau = ch.point("zk-elementwise-tau", ov);
        PublicTable eqTable = PublicTable.ext(o, Multilinear.eqTable(tau));
        List<PublicTable> eq = mapped < 0 ? List.of(eqTable) : List.of(spread(qv), eqTable);
        long[] half = new long[e.ca().length];
        for (int i = 0; i < half.length; i++) {
            half[i] = Goldilocks.add(Goldilocks.fromSigned(e.offset()[i]), 1L << (e.shift() - 1));
        }
        PublicTable ca = PublicTable.base(o, perElement(plan, y, signed(e.ca())));
        boolean add = e.kind() == io.edgeproof.zkml.proof.DenseCircuit.ElementwiseKind.ADD;
        boolean mul = e.kind() == io.edgeproof.zkml.proof.DenseCircuit.ElementwiseKind.MUL;
        RoundShape shape = RoundShape.TABULATED;
        int copy = plan.broadcastCopies[step];
        if (mapped >= 0) {
            // a pool's S x, a broadcast Add's CB S b, or (weight lambda) a broadcast Mul's copy c = S b
            Ext3 lambda = copy >= 0 ? ch.scalar("zk-elementwise-lambda") : Ext3.ONE;
            long[] c = copy >= 0 ? ones(e.ca().length) : e.mappedInput() == e.input() ? e.ca() : e.cb();
            int fq = b.form(new ZkChecks.Lin().reading(plan.readings[mapped], Q, 1));
            b.term(lambda, List.of(PublicTable.ext(Q, mapWeights(plan, y, mapped, e.mapOut(), e.mapIn(),
                    tau, c)), spread(ov)), fq);
            if (copy >= 0) {
                b.term(lambda.neg(), eq, b.form(new ZkChecks.Lin().column(copy, o, 1)));
            }
            shape = new RoundShape.Contraction(0, Q, new int[] {-1, -1}, -1, fq);
        }
        if (mapped != e.input()) {
            int f1 = b.form(new ZkChecks.Lin().reading(plan.readings[e.input()], o, 1));
            if (mul) {
                ZkChecks.Lin x2 = copy >= 0 ? new ZkChecks.Lin().column(copy, o, 1)
                        : new ZkChecks.Lin().reading(plan.readings[e.input2()], o, 1);
                b.term(Ext3.ONE, concat(eq, ca), f1, b.form(x2));
            } else {
                b.term(Ext3.ONE, concat(eq, ca), f1);
            }
        }
        if (add && mapped < 0) {
            b.term(Ext3.ONE, concat(eq, PublicTable.base(o, perElement(plan, y, signed(e.cb())))),
                    b.form(new ZkChecks.Lin().reading(plan.readings[e.input2()], o, 1)));
        }
        int ft = b.form(new ZkChecks.Lin().reading(plan.readings[y], o, 1)
                .column(cols.excessHigh(), o, 1).column(cols.excessLow(), o, -1));
        ZkChecks.Lin r = new ZkChecks.Lin();
        for (int l = 0; l < cols.remainder().length; l++) {
            r.column(cols.remainder()[l], o, 1L << (ZkPlan.LIMB_BITS * l));
        }
        b.term(Ext3.ofBase(1L << e.shift()).neg(), eq, ft);
        b.term(Ext3.ONE.neg(), eq, b.form(r));
        b.term(Ext3.ONE, concat(eq, PublicTable.base(o, perElement(plan, y, half))));
        return b.build("element-wise step " + step, ZkReason.ELEMENTWISE_CONSTRAINT_VIOLATED, shape);
    }

    static Check gather(ZkPlan plan, int step, ZkChecks.Challenges ch, PublicTensors pub) {
        ZkCircuit.Gather g = (ZkCircuit.Gather) plan.circuit.steps().get(step);
        int y = g.output();
        int ov = plan.tensorVars(y), qv = plan.tensorVars(g.input());
        ZkChecks.Builder b = new ZkChecks.Builder(plan, Cube.of(qv, ov), pub);
        long[] tau = ch.point("zk-gather-tau", ov);
        int n = g.index().length, pairs = 0;
        for (int i : g.index()) {
            pairs += i >= 0 ? 1 : 0;
        }
        int[] out = new int[pairs], in = new int[pairs];
        long[] fill = new long[n];
        for (int i = 0, k = 0; i < n; i++) {
            if (g.index()[i] >= 0) {
                out[k] = i;
                in[k++] = g.index()[i];
            } else {
                fill[i] = 1;
            }
        }
        int fx = b.form(new ZkChecks.Lin().reading(plan.readings[g.input()], Q, 1));
        b.term(Ext3.ONE.neg(), List.of(PublicTable.ext(Q, mapWeights(plan, y, g.input(), out, in, tau, ones(n))),
                spread(ov)), fx);
        List<PublicTable> eq = List.of(spread(qv), PublicTable.ext(O, Multilinear.eqTable(tau)));
        b.term(Ext3.ONE, eq, b.form(new ZkChecks.Lin().reading(plan.readings[y], O, 1)));
        b.term(Ext3.ofBase(Goldilocks.fromSigned(-g.fill())), concat(eq, PublicTable.base(O, perElement(plan, y, fill))));
        return b.build("gather step " + step, ZkReason.LAYOUT_MISMATCH, new RoundShape.Contraction(0, Q,
                new int[] {-1, -1}, -1, fx));
    }

    /** One sample's per-element values (engine order, field elements) at every real sample, zero on padding. */
    private static long[] perElement(ZkPlan plan, int tensor, long[] values) {
        ZkCircuit.Tensor t = plan.circuit.tensor(tensor);
        long[] table = new long[1 << plan.tensorVars(tensor)];
        for (int b = 0; b < plan.batch; b++) {
            for (int i = 0; i < values.length; i++) {
                table[t.blockIndex(b, i)] = values[i];
            }
        }
        return table;
    }

    /** T(q) = sum over samples and pairs k reading q of eq(tau, o_k) c(o_k), over the mapped input's block. */
    private static long[] mapWeights(ZkPlan plan, int out, int in, int[] mapOut, int[] mapIn, long[] tau, long[] c) {
        ZkCircuit.Tensor yt = plan.circuit.tensor(out), xt = plan.circuit.tensor(in);
        long[] eq = Multilinear.eqTable(tau);
        long[] table = new long[3 << plan.tensorVars(in)];
        for (int b = 0; b < plan.batch; b++) {
            for (int k = 0; k < mapOut.length; k++) {
                int q = xt.blockIndex(b, mapIn[k]);
                Ext3 v = Ext3.read(eq, yt.blockIndex(b, mapOut[k])).mulBase(Goldilocks.fromSigned(c[mapOut[k]]));
                Ext3.read(table, q).add(v).write(table, q);
            }
        }
        return table;
    }

    private static long[] ones(int n) {
        long[] out = new long[n];
        java.util.Arrays.fill(out, 1);
        return out;
    }

    private static long[] signed(long[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Goldilocks.fromSigned(values[i]);
        }
        return out;
    }

    private static List<PublicTable> concat(List<PublicTable> a, PublicTable t) {
        java.util.ArrayList<PublicTable> out = new java.util.ArrayList<>(a);
        out.add(t);
        return List.copyOf(out);
    }

    private static PublicTable spread(int vars) {
        return PublicTable.scalar(Ext3.ofBase(Goldilocks.inverse(Goldilocks.pow(2, vars))));
    }
}
