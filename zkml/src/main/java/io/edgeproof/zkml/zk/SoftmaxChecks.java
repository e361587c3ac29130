package io.edgeproof.zkml.zk;

import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import io.edgeproof.field.Goldilocks;
import java.util.List;

/**
 * The two checks of a softmax step over its output's cube (col, row), built like {@link ZkChecks}' (same code
 * on both sides, after the challenges). csel = [col < d], sel the element selector, rowsel the row selector;
 * m and Z are columns over the rows only, so the row max and sum are one value per row by construction.
 *
 * <ul>
 *   <li>Elements (zero-check at tau, powers of lambda): s (s - csel) = 0, s (m - x) = 0,
 *       65534 e + csel Z - 2 csel y Z - r = 0, r + g + sel - 2 csel Z = 0, (1 - rowsel) m = 0, (1 - sel) y = 0
 *       (y hidden), and the LogUp inverse of the pair lookup h (alpha - csel (m - x) - zeta (e + (1 - sel) T[0]))
 *       = 1 against the rows j + zeta T[j] of the difference table (its table side and zero-sum as a Lookup
 *       step's). So e = T[m - x] with 0 <= m - x < 2^16 on real entries, e = 0 on padding.
 *   <li>Row sums (at the row part of a fresh point, mu): sum_col eq(tau_row, row) (e + mu s) = Z + mu rowsel,
 *       summed over the cube with Z spread by 2^-colVars: every row's e sum is Z and every real row selects
 *       exactly one element (none on padding rows).
 * </ul>
 * With r, g range-checked in [0, 2^(17 + log d)) every term is below 2^50: the division holds over the
 * integers, Z >= 1 from r + g + 1 = 2Z, and y = floor((65534 e + Z) / 2Z), the engine's value.
 */
final class SoftmaxChecks {
    private SoftmaxChecks() {}

    private static final int COL = 1, ROW = 2, ALL = 3;

    static Check elements(ZkPlan plan, int step, ZkChecks.Challenges ch, PublicTensors pub) {
        ZkCircuit.Softmax sm = (ZkCircuit.Softmax) plan.circuit.steps().get(step);
        ZkPlan.SoftmaxColumns cols = plan.softmax[step];
        ZkPlan.TableColumns tc = plan.tables[step];
        int y = sm.output(), cv = plan.colVars(y), rv = plan.rowVars(y);
        ZkChecks.Builder b = new ZkChecks.Builder(plan, Cube.of(cv, rv), pub);
        PublicTable eqTable = PublicTable.ext(ALL, Multilinear.eqTable(ch.point("zk-softmax-tau", cv + rv)));
        Ext3 lambda = ch.scalar("zk-softmax-lambda");
        List<PublicTable> eq = List.of(eqTable);
        PublicTable csel = PublicTable.base(COL, columnSelector(plan, sm));
        List<PublicTable> eqCol = List.of(eqTable, csel);
        long[] padding = ZkChecks.elementSelector(plan, y);
        long[] sel = padding.clone();
        for (int i = 0; i < padding.length; i++) {
            padding[i] = 1 - padding[i];
        }
        List<PublicTable> eqPad = List.of(eqTable, PublicTable.base(ALL, padding));
        ZkPlan.Reading x = plan.readings[sm.input()], yr = plan.readings[y];
        int fs = b.form(new ZkChecks.Lin().column(cols.select(), ALL, 1));
        int fm = b.form(new ZkChecks.Lin().column(cols.max(), ROW, 1));
        int fz = b.form(new ZkChecks.Lin().column(cols.sum(), ROW, 1));
        int fx = b.form(new ZkChecks.Lin().reading(x, ALL, 1));
        int fy = b.form(new ZkChecks.Lin().reading(yr, ALL, 1));
        int fe = b.form(new ZkChecks.Lin().column(cols.exp(), ALL, 1));
        Ext3 p = lambda;
        // s (s - csel) = 0
        b.term(p, eq, fs, fs);
        b.term(p.neg(), eqCol, fs);
        // s (m - x) = 0
        b.term(p = p.mul(lambda), eq, fs, b.form(new ZkChecks.Lin().column(cols.max(), ROW, 1).reading(x, ALL, -1)));
        // 65534 e + csel Z - 2 csel y Z - r = 0
        b.term(p = p.mul(lambda), eq, b.form(limbs(new ZkChecks.Lin().column(cols.exp(), ALL,
                ZkCircuit.Softmax.TWICE_MAX), cols.remainder(), -1)));
        b.term(p, eqCol, fz);
        b.term(p.mulBase(Goldilocks.fromSigned(-2)), eqCol, fy, fz);
        // r + g + sel - 2 csel Z = 0
        b.term(p = p.mul(lambda), eq, b.form(limbs(limbs(new ZkChecks.Lin(), cols.remainder(), 1), cols.gap(), 1)));
        b.term(p, List.of(eqTable, PublicTable.base(ALL, sel)));
        b.term(p.mulBase(Goldilocks.fromSigned(-2)), eqCol, fz);
        // (1 - rowsel) m = 0
        long[] padRows = ZkChecks.rowSelector(plan, y);
        for (int i = 0; i < padRows.length; i++) {
            padRows[i] = 1 - padRows[i];
        }
        b.term(p = p.mul(lambda), List.of(eqTable, PublicTable.base(ROW, padRows)), fm);
        if (!plan.circuit.isOutput(y)) {
            b.term(p = p.mul(lambda), eqPad, fy); // (1 - sel) y = 0
        }
        // h (alpha - csel (m - x) - zeta e - zeta (1 - sel) T[0]) - 1 = 0 (csel: a padded column looks up index 0,
        // so its e is 0 whatever x holds there)
        Ext3 zeta = ch.zeta();
        int fh = b.form(new ZkChecks.Lin().column(tc.inverse(), ALL, 1));
        p = p.mul(lambda);
        b.term(p.mul(ch.alpha()), eq, fh);
        b.term(p.neg(), eqCol, fh, fm);
        b.term(p, eqCol, fh, fx);
        b.term(p.mul(zeta).neg(), eq, fh, fe);
        b.term(p.mul(zeta).mulBase(sm.table()[0]).neg(), eqPad, fh);
        b.term(p.neg(), eq);
        return b.build("softmax step " + step, ZkReason.SOFTMAX_CONSTRAINT_VIOLATED, RoundShape.TABULATED);
    }

    static Check rowSums(ZkPlan plan, int step, ZkChecks.Challenges ch, PublicTensors pub) {
        ZkCircuit.Softmax sm = (ZkCircuit.Softmax) plan.circuit.steps().get(step);
        ZkPlan.SoftmaxColumns cols = plan.softmax[step];
        int y = sm.output(), cv = plan.colVars(y), rv = plan.rowVars(y);
        ZkChecks.Builder b = new ZkChecks.Builder(plan, Cube.of(cv, rv), pub);
        PublicTable eq = PublicTable.ext(ROW, Multilinear.eqTable(ch.point("zk-softmax-rows", rv)));
        Ext3 mu = ch.scalar("zk-softmax-mu");
        PublicTable spread = PublicTable.scalar(Ext3.ofBase(Goldilocks.inverse(Goldilocks.pow(2, cv))));
        b.term(Ext3.ONE, List.of(eq), b.form(new ZkChecks.Lin().column(cols.exp(), ALL, 1)));
        b.term(mu, List.of(eq), b.form(new ZkChecks.Lin().column(cols.select(), ALL, 1)));
        b.term(Ext3.ONE.neg(), List.of(spread, eq), b.form(new ZkChecks.Lin().column(cols.sum(), ROW, 1)));
        b.term(mu.neg(), List.of(spread, eq, PublicTable.base(ROW, ZkChecks.rowSelector(plan, y))));
        return b.build("softmax row sums of step " + step, ZkReason.SOFTMAX_SUM_MISMATCH, RoundShape.TABULATED);
    }

    /** 1 on the row's real columns (col < d), 0 on padded columns. */
    private static long[] columnSelector(ZkPlan plan, ZkCircuit.Softmax sm) {
        long[] c = new long[1 << plan.colVars(sm.output())];
        java.util.Arrays.fill(c, 0, sm.rowLength(), 1);
        return c;
    }

    /** Adds sign sum_l 2^(8l) limb_l. */
    private static ZkChecks.Lin limbs(ZkChecks.Lin lin, int[] limbs, long sign) {
        for (int l = 0; l < limbs.length; l++) {
            lin.column(limbs[l], ALL, sign << (ZkPlan.LIMB_BITS * l));
        }
        return lin;
    }
}
