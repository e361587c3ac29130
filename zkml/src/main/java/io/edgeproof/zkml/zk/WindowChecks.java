package io.edgeproof.zkml.zk;

import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import io.edgeproof.field.Goldilocks;
import io.edgeproof.zkml.proof.ModelCircuit.Window;
import java.util.List;
import java.util.function.IntBinaryOperator;

/**
 * The checks of the window ops, built like {@link ZkChecks}' (same code on both sides, after the challenges).
 * The input is read as its own table over the axes (qc, qx, qy, qb), so the window never becomes a committed
 * im2col matrix and no intermediate value is claimed; the maps from output positions to input positions are
 * separable (one small public table per spatial axis) and padding reads are simply absent from them.
 *
 * <ul>
 *   <li>Conv, one zero-claim sumcheck over (kc, kx, ky, qc, qx, qy, qb, n, o) at a random tau = (tau_n, tau_o):
 *       sum_(n,k,q) eq(tau_n, n) M_n W(k, n) x(q) [kc = qc] U_x(kx, qx) U_y(ky, qy) eq(tau_b, qb)
 *       + sum_(n,o) eq(tau, (n,o)) (M_n sel_o bias_n + sel_o 2^(s_n - 1) - 2^(s_n) (y + e+ - e-) - r) = 0,
 *       with U_y(ky, iy) = sum over real output rows oy with oy s_y + ky d_y - pad = iy of eq(tau_oy, oy)
 *       (U_x alike): the first sum is sum_(n,o) eq(tau, (n,o)) M_n (W X_col)(n, o) with X_col the im2col
 *       patch matrix, zero outside the input. The dense check's relation, element by element.
 *   <li>MaxPool's window relation d_j = m - x_j (x_j = -2^15 outside the input, on real outputs and
 *       channels), over (qc, qx, qy, qb, n, o) at a random tau and beta:
 *       sum_(n,o) eq(tau, (n,o)) sum_j beta^j (m - d_j) - sum_q x(q) T(q) + 2^15 sum_(n,o) eq(tau, (n,o)) Omega = 0,
 *       T(c, ix, iy, b) = eq(tau_n, c) T_x(ix) T_y(iy) eq(tau_b, b), T_x(ix) = sum over real (ox, kx) reading
 *       ix of eq(tau_ox, ox) beta^kx, T_y with beta^(kw ky), Omega(n, o) = [n real, o real] sum over the
 *       window positions of o outside the input of beta^j. With d_j in [0, 2^16) and prod_j d_j = 0 (the
 *       output's domain check), m is the max, padding never winning.
 * </ul>
 */
final class WindowChecks {
    private WindowChecks() {}

    private static final int KC = 1, KX = 1 << 1, KY = 1 << 2, QC = 1 << 3, QX = 1 << 4, QY = 1 << 5, QB = 1 << 6,
            N = 1 << 7, O = 1 << 8;

    static Check conv(ZkPlan plan, int step, ZkChecks.Challenges ch, PublicTensors pub) {
        ZkCircuit.Dense d = (ZkCircuit.Dense) plan.circuit.steps().get(step);
        Window w = d.window();
        ZkPlan.DenseColumns cols = plan.dense[step];
        ZkCircuit.Tensor xt = plan.circuit.tensor(d.input()), yt = plan.circuit.tensor(d.output());
        int cv = xt.colVars(), bv = xt.sampleVars(plan.batch);
        int nv = yt.colVars(), ov = yt.rowVars(plan.batch);
        Cube cube = Cube.of(cv, w.kxVars(), w.kyVars(), cv, xt.wVars(), xt.hVars(), bv, nv, ov);
        ZkChecks.Builder b = new ZkChecks.Builder(plan, cube, pub);
        long[] tau = ch.point("zk-conv-tau", nv + ov);
        Tau t = new Tau(tau, nv, yt, bv);
        PublicTable eq = PublicTable.ext(N | O, Multilinear.eqTable(tau));
        long[] m = new long[1 << nv], pow = new long[1 << nv], half = new long[1 << nv];
        java.util.Arrays.fill(pow, 1);
        for (int n = 0; n < d.out(); n++) {
            m[n] = d.multipliers()[n];
            pow[n] = 1L << d.shifts()[n];
            half[n] = 1L << (d.shifts()[n] - 1);
        }
        PublicTable mult = PublicTable.base(N, m);
        PublicTable sel = PublicTable.base(O, yt.rowSelector(plan.batch));
        long[] same = new long[1 << (2 * cv)];
        for (int c = 0; c < 1 << cv; c++) {
            same[c | (c << cv)] = 1;
        }
        PublicTable ux = PublicTable.ext(KX | QX, windowMap(t.x, yt.width(), w.kernelW(), w.kxVars(), xt.wVars(),
                xt.width(), w::inputX, null));
        PublicTable uy = PublicTable.ext(KY | QY, windowMap(t.y, yt.height(), w.kernelH(), w.kyVars(), xt.hVars(),
                xt.height(), w::inputY, null));
        int inner = cube.vars(KC | KX | KY | QC | QX | QY | QB);
        PublicTable spreadOut = spread(ov);
        PublicTable spreadInner = spread(inner);
        int fw = b.form(new ZkChecks.Lin().column(cols.weights(), KC | KX | KY | N, 1));
        int fx = b.form(new ZkChecks.Lin().reading(plan.readings[d.input()], QC | QX | QY | QB, 1));
        int fb = b.form(new ZkChecks.Lin().column(cols.bias(), N, 1));
        int ft = b.form(new ZkChecks.Lin().reading(plan.readings[d.output()], N | O, 1)
                .column(cols.excessHigh(), N | O, 1).column(cols.excessLow(), N | O, -1));
        ZkChecks.Lin r = new ZkChecks.Lin();
        for (int l = 0; l < cols.remainder().length; l++) {
            r.column(cols.remainder()[l], N | O, 1L << (ZkPlan.LIMB_BITS * l));
        }
        int fr = b.form(r);
        b.term(Ext3.ONE, List.of(PublicTable.ext(N, Multilinear.eqTable(t.n)), mult, PublicTable.base(KC | QC, same),
                ux, uy, PublicTable.ext(QB, Multilinear.eqTable(t.b)), spreadOut), fw, fx);
        b.term(Ext3.ONE, List.of(spreadInner, eq, sel, mult), fb);
        b.term(Ext3.ONE.neg(), List.of(spreadInner, eq, PublicTable.base(N, pow)), ft);
        b.term(Ext3.ONE.neg(), List.of(spreadInner, eq), fr);
        b.term(Ext3.ONE, List.of(spreadInner, eq, sel, PublicTable.base(N, half)));
        int[] partner = {-1, -1, -1, 0, 1, 2, -1, -1, -1};
        return b.build("conv step " + step, ZkReason.CONV_CONSTRAINT_VIOLATED,
                new RoundShape.Contraction(KC | KX | KY, QC | QX | QY | QB, partner, fw, fx));
    }

    private static final int PC = 1, PX = 1 << 1, PY = 1 << 2, PB = 1 << 3, PN = 1 << 4, PO = 1 << 5;

    static Check pool(ZkPlan plan, int step, ZkChecks.Challenges ch, PublicTensors pub) {
        ZkCircuit.MaxPool p = (ZkCircuit.MaxPool) plan.circuit.steps().get(step);
        Window w = p.window();
        ZkPlan.PoolColumns cols = plan.pools[step];
        ZkCircuit.Tensor xt = plan.circuit.tensor(p.input()), yt = plan.circuit.tensor(p.output());
        int cv = xt.colVars(), bv = xt.sampleVars(plan.batch), ov = yt.rowVars(plan.batch);
        Cube cube = Cube.of(cv, xt.wVars(), xt.hVars(), bv, cv, ov);
        ZkChecks.Builder b = new ZkChecks.Builder(plan, cube, pub);
        long[] tau = ch.point("zk-pool-tau", cv + ov);
        Ext3 beta = ch.scalar("zk-pool-beta");
        Tau t = new Tau(tau, cv, yt, bv);
        Ext3[] powers = new Ext3[w.size()];
        powers[0] = Ext3.ONE;
        for (int j = 1; j < powers.length; j++) {
            powers[j] = powers[j - 1].mul(beta);
        }
        long[] kx = new long[3 * w.kernelW()], ky = new long[3 * w.kernelH()];
        for (int j = 0; j < w.kernelW(); j++) {
            powers[j].write(kx, j);
        }
        for (int j = 0; j < w.kernelH(); j++) {
            powers[j * w.kernelW()].write(ky, j);
        }
        PublicTable tx = PublicTable.ext(PX, windowMap(t.x, yt.width(), w.kernelW(), 0, xt.wVars(), xt.width(),
                w::inputX, kx));
        PublicTable ty = PublicTable.ext(PY, windowMap(t.y, yt.height(), w.kernelH(), 0, xt.hVars(), xt.height(),
                w::inputY, ky));
        int fx = b.form(new ZkChecks.Lin().reading(plan.readings[p.input()], PC | PX | PY | PB, 1));
        b.term(Ext3.ONE.neg(), List.of(PublicTable.ext(PC, Multilinear.eqTable(t.n)), tx, ty,
                PublicTable.ext(PB, Multilinear.eqTable(t.b)), spread(cv + ov)), fx);
        List<PublicTable> eq = List.of(spread(cube.vars(PC | PX | PY | PB)), PublicTable.ext(PN | PO,
                Multilinear.eqTable(tau)));
        Ext3 sum = Ext3.ZERO;
        for (Ext3 e : powers) {
            sum = sum.add(e);
        }
        b.term(sum, eq, b.form(new ZkChecks.Lin().reading(plan.readings[p.output()], PN | PO, 1)));
        for (int j = 0; j < powers.length; j++) {
            int[] dj = cols.differences()[j];
            b.term(powers[j].neg(), eq, b.form(new ZkChecks.Lin().column(dj[0], PN | PO, 1)
                    .column(dj[1], PN | PO, ZkPlan.LIMB)));
        }
        long[] real = new long[1 << cv];
        java.util.Arrays.fill(real, 0, xt.cols(), 1);
        b.term(Ext3.ofBase(ZkPlan.INT16_OFFSET), List.of(eq.get(0), eq.get(1), PublicTable.base(PN, real),
                PublicTable.ext(PO, outsideReads(plan, yt, xt, w, powers))));
        int[] partner = {-1, -1, -1, -1, -1, -1};
        return b.build("max-pool step " + step, ZkReason.MAXPOOL_WINDOW_MISMATCH,
                new RoundShape.Contraction(0, PC | PX | PY | PB, partner, -1, fx));
    }

    /** The parts of tau = (tau_n, tau_o) with tau_o = (x, y, sample) bits of the output's rows. */
    private record Tau(long[] n, long[] x, long[] y, long[] b) {
        Tau(long[] tau, int nv, ZkCircuit.Tensor out, int bv) {
            this(part(tau, 0, nv), part(tau, nv, out.wVars()), part(tau, nv + out.wVars(), out.hVars()),
                    part(tau, nv + out.wVars() + out.hVars(), bv));
        }

        private static long[] part(long[] tau, int from, int vars) {
            return java.util.Arrays.copyOfRange(tau, 3 * from, 3 * (from + vars));
        }
    }

    /**
     * Over (k, i) (k low, kVars bits; kVars = 0 sums k out with weights): sum over the real outputs o < outCount
     * and kernel positions k < kernel with input(o, k) = i inside [0, inSize) of eq_o(o) weight(k).
     */
    private static long[] windowMap(long[] outPoint, int outCount, int kernel, int kVars, int inVars, int inSize,
                                    IntBinaryOperator input, long[] weights) {
        long[] eq = Multilinear.eqTable(outPoint);
        long[] out = new long[3 << (kVars + inVars)];
        for (int o = 0; o < outCount; o++) {
            Ext3 e = Ext3.read(eq, o);
            for (int k = 0; k < kernel; k++) {
                int i = input.applyAsInt(o, k);
                if (i < 0 || i >= inSize) {
                    continue;
                }
                Ext3 v = weights == null ? e : e.mul(Ext3.read(weights, k));
                int at = kVars == 0 ? i : k | (i << kVars);
                Ext3.read(out, at).add(v).write(out, at);
            }
        }
        return out;
    }

    /** Per output row: on real positions of real samples, the sum of beta^j over the window reads outside. */
    private static long[] outsideReads(ZkPlan plan, ZkCircuit.Tensor out, ZkCircuit.Tensor in, Window w,
                                       Ext3[] powers) {
        long[] table = new long[3 << out.rowVars(plan.batch)];
        for (int oy = 0; oy < out.height(); oy++) {
            for (int ox = 0; ox < out.width(); ox++) {
                Ext3 v = Ext3.ZERO;
                for (int ky = 0; ky < w.kernelH(); ky++) {
                    int iy = w.inputY(oy, ky);
                    for (int kx = 0; kx < w.kernelW(); kx++) {
                        int ix = w.inputX(ox, kx);
                        if (iy < 0 || iy >= in.height() || ix < 0 || ix >= in.width()) {
                            v = v.add(powers[ky * w.kernelW() + kx]);
                        }
                    }
                }
                for (int b = 0; b < plan.batch; b++) {
                    v.write(table, (((b << out.hVars()) | oy) << out.wVars()) | ox);
                }
            }
        }
        return table;
    }

    private static PublicTable spread(int vars) {
        return PublicTable.scalar(Ext3.ofBase(Goldilocks.inverse(Goldilocks.pow(2, vars))));
    }
}
