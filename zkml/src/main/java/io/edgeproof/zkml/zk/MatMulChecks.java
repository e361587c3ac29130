package io.edgeproof.zkml.zk;

import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import io.edgeproof.field.Goldilocks;
import java.util.List;

/**
 * The check of a MatMul of two activations, y = clamp((M acc + 2^(s-1)) >> s) with
 * acc[b, p, i, j] = sum_k A[b, p, i, k] B[b, p, k, j], built like {@link ZkChecks}' (same code on both sides).
 * One tabulated zero-claim sumcheck over the cube (k, j, i, p, b) at tau over (j, i, p, b):
 *
 * <pre>  sum eq(tau, o) CA(o) A(k, i, p, b) B(k, j, p, b) + 2^-K sum eq(tau, o) (H(o) - 2^s (y + e+ - e-) - r) = 0</pre>
 *
 * CA = M and H = 2^(s-1) on real outputs, 0 on padding (where the operands are zero: every producing step
 * forces its padding to zero); the clamp and range constraints are the dense layer's, in y's domain check.
 * The operands' layouts disagree on the order of their bit fields (a spatial [heads, rows, cols] tensor is
 * (head, col, row, sample), plain stacked heads are (col, row, head, sample)), so each is read in its own
 * order ({@link Operand#hidden(int, int[])}): a claim on A is a claim on A's block at the cube point's
 * coordinates rearranged into A's fields. No accumulator is committed or revealed.
 */
final class MatMulChecks {
    private MatMulChecks() {}

    static final int K = 0, J = 1, I = 2, P = 3, B = 4;
    private static final int OUT = (1 << J) | (1 << I) | (1 << P) | (1 << B);

    /** One operand as heads x rows x cols: spatial [heads, rows, cols], or plain rows (head, row) x cols. */
    record Fields(int heads, int rows, int cols, boolean spatial) {
        static Fields of(ZkCircuit.Tensor t, int heads) {
            if (t.isSpatial()) {
                return t.cols() == heads ? new Fields(heads, t.height(), t.width(), true) : null;
            }
            int rows = t.rowsPerSample() / heads;
            boolean aligned = rows * heads == t.rowsPerSample() && Integer.bitCount(t.rowsPerSample()) == 1
                    && Integer.bitCount(rows) == 1;
            return aligned ? new Fields(heads, rows, t.cols(), false) : null;
        }

        /** The axes of this operand's bit fields, low to high. */
        int[] order(int rowAxis, int colAxis) {
            return spatial ? new int[] {P, colAxis, rowAxis, B} : new int[] {colAxis, rowAxis, P, B};
        }
    }

    /** A [heads, I, K] times B [heads, K, J] into y [heads, I, J]. */
    record Geometry(Fields a, Fields b, Fields y) {
        /** The geometry, or null when the shapes do not match or a layout is not made of bit fields. */
        static Geometry of(List<ZkCircuit.Tensor> tensors, ZkCircuit.MatMul m) {
            Fields a = Fields.of(tensors.get(m.input()), m.heads());
            Fields b = Fields.of(tensors.get(m.input2()), m.heads());
            Fields y = Fields.of(tensors.get(m.output()), m.heads());
            boolean fits = a != null && b != null && y != null && a.rows() == y.rows() && a.cols() == b.rows()
                    && b.cols() == y.cols();
            return fits ? new Geometry(a, b, y) : null;
        }

        int inner() {
            return a.cols();
        }
    }

    /**
     * Whether the operands are read through the same committed columns (one tensor, or a Relu output and its
     * input): one check reads a group at one point only (one one-time mask per column), so that is refused.
     */
    static boolean sharedColumns(List<ZkCircuit.Step> steps, ZkCircuit.MatMul m) {
        return domain(steps, m.input()) == domain(steps, m.input2());
    }

    /** The tensor whose domain holds a tensor's columns: a Relu output is read through its input's. */
    private static int domain(List<ZkCircuit.Step> steps, int tensor) {
        while (tensor > 0 && steps.get(tensor - 1) instanceof ZkCircuit.Relu r) {
            tensor = r.input();
        }
        return tensor;
    }

    static Check check(ZkPlan plan, int step, ZkChecks.Challenges ch, PublicTensors pub) {
        ZkCircuit.MatMul m = (ZkCircuit.MatMul) plan.circuit.steps().get(step);
        Geometry g = Geometry.of(plan.circuit.tensors(), m);
        int kv = ZkCircuit.log2Ceil(g.inner()), jv = ZkCircuit.log2Ceil(g.y().cols());
        int iv = ZkCircuit.log2Ceil(g.y().rows()), pv = ZkCircuit.log2Ceil(m.heads());
        int bv = plan.tensorVars(m.output()) - jv - iv - pv;
        Cube cube = Cube.of(kv, jv, iv, pv, bv);
        ZkChecks.Builder b = new ZkChecks.Builder(plan, cube, pub);
        PublicTable eq = PublicTable.ext(OUT, Multilinear.eqTable(ch.point("zk-matmul-tau", jv + iv + pv + bv)));
        long[] sel = new long[1 << (jv + iv + pv + bv)];
        long[] ca = new long[sel.length], half = new long[sel.length];
        for (int o = 0; o < sel.length; o++) {
            int j = o & ((1 << jv) - 1), i = (o >>> jv) & ((1 << iv) - 1), p = (o >>> (jv + iv)) & ((1 << pv) - 1);
            boolean real = j < g.y().cols() && i < g.y().rows() && p < m.heads() && o >>> (jv + iv + pv) < plan.batch;
            ca[o] = real ? m.multiplier() : 0;
            half[o] = real ? 1L << (m.shift() - 1) : 0;
        }
        int[] aOrder = g.a().order(I, K), bOrder = g.b().order(K, J), yOrder = g.y().order(I, J);
        int fa = b.form(new ZkChecks.Lin().ordered(aOrder).reading(plan.readings[m.input()], axes(aOrder), 1));
        int fb = b.form(new ZkChecks.Lin().ordered(bOrder).reading(plan.readings[m.input2()], axes(bOrder), 1));
        ZkPlan.DenseColumns cols = plan.dense[step];
        int ft = b.form(new ZkChecks.Lin().ordered(yOrder).reading(plan.readings[m.output()], OUT, 1)
                .column(cols.excessHigh(), OUT, 1).column(cols.excessLow(), OUT, -1));
        ZkChecks.Lin r = new ZkChecks.Lin().ordered(yOrder);
        for (int l = 0; l < cols.remainder().length; l++) {
            r.column(cols.remainder()[l], OUT, 1L << (ZkPlan.LIMB_BITS * l));
        }
        PublicTable spread = PublicTable.scalar(Ext3.ofBase(Goldilocks.inverse(Goldilocks.pow(2, kv))));
        b.term(Ext3.ONE, List.of(eq, PublicTable.base(OUT, ca)), fa, fb);
        b.term(Ext3.ofBase(1L << m.shift()).neg(), List.of(spread, eq), ft);
        b.term(Ext3.ONE.neg(), List.of(spread, eq), b.form(r));
        b.term(Ext3.ONE, List.of(spread, eq, PublicTable.base(OUT, half)));
        return b.build("matmul step " + step, ZkReason.MATMUL_CONSTRAINT_VIOLATED, RoundShape.TABULATED);
    }

    private static int axes(int[] order) {
        int axes = 0;
        for (int a : order) {
            axes |= 1 << a;
        }
        return axes;
    }
}
