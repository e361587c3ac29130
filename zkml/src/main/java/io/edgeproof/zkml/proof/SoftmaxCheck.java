package io.edgeproof.zkml.proof;

import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import io.edgeproof.field.Goldilocks;
import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.field.codec.ProofReader;
import io.edgeproof.field.codec.ProofWriter;
import io.edgeproof.iop.lookup.LogUpGkrProof;
import io.edgeproof.iop.lookup.LogUpGkrProver;
import io.edgeproof.iop.lookup.LogUpGkrVerifier;
import io.edgeproof.iop.lookup.LookupClaims;
import io.edgeproof.iop.lookup.LookupWitness;
import io.edgeproof.iop.sumcheck.MultilinearTable;
import io.edgeproof.iop.sumcheck.SubClaim;
import io.edgeproof.iop.sumcheck.SumcheckExpression;
import io.edgeproof.iop.sumcheck.SumcheckInstance;
import io.edgeproof.iop.sumcheck.SumcheckProof;
import io.edgeproof.iop.sumcheck.SumcheckProver;
import io.edgeproof.iop.sumcheck.SumcheckProverOutput;
import io.edgeproof.iop.sumcheck.SumcheckTerm;
import io.edgeproof.iop.sumcheck.SumcheckVerifier;
import io.edgeproof.transcript.VerificationException;
import java.util.ArrayList;
import java.util.List;

/**
 * A softmax step ({@link SoftmaxStep}) over rows of the padded block, with m and Z committed per row and
 * read across the row's real columns (their extension at (rho_col, rho_row) is m(rho_row) csel(rho_col)):
 * <ol>
 * <li>a lookup of the pairs (m - x, e + (1 - sel) T[0]) into the rows (d, T[d]) of the clamp-folded exp
 *     table: e = T[m - x] and 0 <= m - x < 2^16 on every element (m >= every x of its row);</li>
 * <li>a zero-check of s (s - csel) = 0, s (m - x) = 0, 65534 e + Z - 2 y Z - r = 0, r + g + sel - 2Z = 0,
 *     (1 - sel) m = 0 and (1 - sel) y = 0 (with range checks y in [0, 2^16), r, g in [0, 2^b));</li>
 * <li>a row-sum sumcheck at a random row point z: sum_j (e + mu s)(z, j) = Z(z) + mu rowsel(z), so Z is
 *     the row sum of e and each real row selects exactly one element (s is 0/1, padding columns 0).</li>
 * </ol>
 * Hence m is an element of its row (s = 1 there) and no smaller than any: the max. All values are below
 * 2^50 in absolute value, so every relation holds over the integers and y = floor((65534 e + Z) / 2Z).
 */
final class SoftmaxCheck {
    private static final int EQ = 0, X = 1, MX = 2, S = 3, EX = 4, Y = 5, ZX = 6, R = 7, G = 8, SEL = 9, CSEL = 10;
    /** finals of the zero-check: x, m(rho_row), s, e, y, Z(rho_row), r, g. */
    static final int FINALS = 8;

    record Proof(LogUpGkrProof lookup, Ext3 lookupMax, Ext3 lookupInput, Ext3 zeroSum, SumcheckProof zeroCheck,
                 Ext3[] finals, Ext3 rowSum, SumcheckProof rowCheck, Ext3 rowExp, Ext3 rowSelect)
            implements InferenceProof.StepProof {
        void writeTo(ProofWriter w) {
            lookup.writeTo(w);
            w.ext(lookupMax).ext(lookupInput).ext(zeroSum);
            zeroCheck.writeTo(w);
            for (Ext3 f : finals) {
                w.ext(f);
            }
            w.ext(rowSum);
            rowCheck.writeTo(w);
            w.ext(rowExp).ext(rowSelect);
        }

        static Proof readFrom(ProofReader r, WitnessPlan plan, SoftmaxStep x) throws MalformedProofException {
            int n = plan.tensorVars(x.output());
            LogUpGkrProof lookup = LogUpGkrProof.readFrom(r, n, 16, 2);
            Ext3 lm = r.ext("softmax max value");
            Ext3 li = r.ext("softmax input value");
            Ext3 zs = r.ext("zero-check sum");
            SumcheckProof zero = SumcheckProof.readFrom(r, n, 3);
            Ext3[] finals = new Ext3[FINALS];
            for (int i = 0; i < FINALS; i++) {
                finals[i] = r.ext("softmax value");
            }
            Ext3 rowSum = r.ext("softmax row sum");
            SumcheckProof row = SumcheckProof.readFrom(r, n, 2);
            return new Proof(lookup, lm, li, zs, zero, finals, rowSum, row, r.ext("softmax exp value"),
                    r.ext("softmax selector value"));
        }
    }

    private SoftmaxCheck() {}

    static Proof prove(ProofSession session, int step, SoftmaxStep sm) {
        WitnessPlan plan = session.plan;
        long[][] blocks = session.witness.blocks();
        int[] b = plan.softmaxBlocks[step];
        int cv = plan.colVars(sm.output());
        long[] x = session.tensorTable(sm.input());
        long[] m = expand(blocks[b[SoftmaxWitness.MAX]], cv, sm.rowLength());
        long[] e = blocks[b[SoftmaxWitness.EXP]];
        long[] sel = plan.elementSelector(sm.output());
        ActivationTable table = new ActivationTable(sm.differenceTable());
        long pad = table.value(0);
        long[] index = new long[x.length];
        long[] value = new long[x.length];
        for (int j = 0; j < x.length; j++) {
            index[j] = Goldilocks.sub(m[j], x[j]);
            value[j] = sel[j] == 1 ? e[j] : Goldilocks.add(e[j], pad);
        }
        LogUpGkrProver.Output out = LogUpGkrProver.prove(table, new LookupWitness(new long[][] {index, value},
                blocks[plan.lookupMultiplicityBlock[step]]), session.transcript);
        long[] z = out.claims().witnessColumns().get(0).point();
        Ext3 lm = Multilinear.evaluate(blocks[b[SoftmaxWitness.MAX]], rowPart(z, cv));
        Ext3 li = Multilinear.evaluate(x, z);
        session.transcript.ext("softmax-lookup-max", lm).ext("softmax-lookup-input", li);
        lookupClaims(session, step, sm, out.claims(), lm, li);

        int vars = plan.tensorVars(sm.output());
        long[] tau = session.transcript.challengeExts("softmax-tau", vars);
        Ext3 lambda = session.transcript.challengeExt("softmax-lambda");
        List<MultilinearTable> tables = new ArrayList<>();
        for (long[] t : new long[][] {x, m, blocks[b[SoftmaxWitness.SELECT]], e, session.tensorTable(sm.output()),
                expand(blocks[b[SoftmaxWitness.SUM]], cv, sm.rowLength()), blocks[plan.remainderBlock[step]],
                blocks[b[SoftmaxWitness.GAP]], sel, expand(ones(plan.rowVars(sm.output())), cv, sm.rowLength())}) {
            tables.add(MultilinearTable.base(t));
        }
        SumcheckProverOutput zero = SumcheckProver.proveEqWeighted(tau,
                new SumcheckInstance(vars, tables, constraints(lambda).withoutFactor(0)), session.transcript);
        long[] rho = zero.point();
        Ext3[] f = new Ext3[FINALS];
        int[] at = {X, -1, S, EX, Y, -1, R, G};
        for (int i = 0; i < FINALS; i++) {
            f[i] = at[i] >= 0 ? zero.finalEvaluation(at[i]) : null;
        }
        f[1] = Multilinear.evaluate(blocks[b[SoftmaxWitness.MAX]], rowPart(rho, cv));
        f[5] = Multilinear.evaluate(blocks[b[SoftmaxWitness.SUM]], rowPart(rho, cv));
        bind(session, f);
        zeroClaims(session, step, sm, rho, f);

        long[] zRow = session.transcript.challengeExts("softmax-row", plan.rowVars(sm.output()));
        Ext3 rowSum = Multilinear.evaluate(blocks[b[SoftmaxWitness.SUM]], zRow);
        session.transcript.ext("softmax-row-sum", rowSum);
        Ext3 mu = session.transcript.challengeExt("softmax-mu");
        long[] w = expandExt(Multilinear.eqTable(zRow), cv);
        SumcheckProverOutput row = SumcheckProver.prove(new SumcheckInstance(vars, List.of(MultilinearTable.ext(w),
                MultilinearTable.base(e), MultilinearTable.base(blocks[b[SoftmaxWitness.SELECT]])), rowSum(mu)),
                session.transcript);
        Ext3 re = row.finalEvaluation(1);
        Ext3 rs = row.finalEvaluation(2);
        rowClaims(session, step, zRow, rowSum, row.point(), re, rs);
        return new Proof(out.proof(), lm, li, zero.claimedSum(), zero.proof(), f, rowSum, row.proof(), re, rs);
    }

    static void verify(ProofSession session, int step, SoftmaxStep sm, Proof proof) throws VerificationException {
        WitnessPlan plan = session.plan;
        String where = "step " + step + " (Softmax at node " + (sm.node() + 1) + ")";
        int cv = plan.colVars(sm.output());
        int vars = plan.tensorVars(sm.output());
        ActivationTable table = new ActivationTable(sm.differenceTable());
        LookupClaims claims = LogUpGkrVerifier.verify(table, vars, proof.lookup(), session.transcript);
        long[] z = claims.witnessColumns().get(0).point();
        Ext3 diff = proof.lookupMax().mul(columnSelector(cv, sm.rowLength(), z)).sub(proof.lookupInput());
        if (!diff.equals(claims.witnessColumns().get(0).value())) {
            throw new VerificationException(ZkmlReason.SOFTMAX_CONSTRAINT_VIOLATED, where
                    + ": the looked-up differences are not m - x");
        }
        input(session, sm, z, proof.lookupInput(), where);
        session.transcript.ext("softmax-lookup-max", proof.lookupMax()).ext("softmax-lookup-input", proof.lookupInput());
        lookupClaims(session, step, sm, claims, proof.lookupMax(), proof.lookupInput());

        long[] tau = session.transcript.challengeExts("softmax-tau", vars);
        Ext3 lambda = session.transcript.challengeExt("softmax-lambda");
        if (!proof.zeroSum().isZero()) {
            throw new VerificationException(ZkmlReason.SOFTMAX_CONSTRAINT_VIOLATED, where + ": constraint sum is not zero");
        }
        SubClaim sub = SumcheckVerifier.verify(Ext3.ZERO, vars, 3, proof.zeroCheck(), session.transcript);
        long[] rho = sub.point();
        Ext3[] f = proof.finals();
        Ext3 csel = columnSelector(cv, sm.rowLength(), rho);
        Ext3[] v = {Multilinear.eq(tau, rho), f[0], f[1].mul(csel), f[2], f[3], f[4], f[5].mul(csel), f[6], f[7],
                csel.mul(rowSelector(plan, sm, rowPart(rho, cv))), csel};
        long[] values = new long[3 * v.length];
        for (int i = 0; i < v.length; i++) {
            v[i].write(values, i);
        }
        sub.requireValue(constraints(lambda).evaluate(values));
        input(session, sm, rho, f[0], where);
        bind(session, f);
        zeroClaims(session, step, sm, rho, f);

        long[] zRow = session.transcript.challengeExts("softmax-row", plan.rowVars(sm.output()));
        session.transcript.ext("softmax-row-sum", proof.rowSum());
        Ext3 mu = session.transcript.challengeExt("softmax-mu");
        SubClaim row = SumcheckVerifier.verify(proof.rowSum().add(mu.mul(rowSelector(plan, sm, zRow))), vars, 2,
                proof.rowCheck(), session.transcript);
        Ext3 weight = Multilinear.eq(zRow, rowPart(row.point(), cv));
        if (!weight.mul(proof.rowExp().add(mu.mul(proof.rowSelect()))).equals(row.expectedValue())) {
            throw new VerificationException(ZkmlReason.SOFTMAX_SUM_MISMATCH, where
                    + ": the row sums are not Z, or a row does not select exactly one element");
        }
        rowClaims(session, step, zRow, proof.rowSum(), row.point(), proof.rowExp(), proof.rowSelect());
    }

    /** Sum of eq(tau) times: s(s - csel), s(m - x), 65534 e + Z - 2yZ - r, r + g + sel - 2Z, (1 - sel) m, (1 - sel) y. */
    private static SumcheckExpression constraints(Ext3 lambda) {
        Ext3 one = Ext3.ONE;
        Ext3[] l = new Ext3[6];
        l[0] = one;
        for (int i = 1; i < l.length; i++) {
            l[i] = l[i - 1].mul(lambda);
        }
        return new SumcheckExpression(11, List.of(
                SumcheckTerm.of(l[0], EQ, S, S), SumcheckTerm.of(l[0].neg(), EQ, S, CSEL),
                SumcheckTerm.of(l[1], EQ, S, MX), SumcheckTerm.of(l[1].neg(), EQ, S, X),
                SumcheckTerm.of(l[2].mulBase(SoftmaxStep.TWICE_MAX), EQ, EX), SumcheckTerm.of(l[2], EQ, ZX),
                SumcheckTerm.of(l[2].mulBase(2).neg(), EQ, Y, ZX), SumcheckTerm.of(l[2].neg(), EQ, R),
                SumcheckTerm.of(l[3], EQ, R), SumcheckTerm.of(l[3], EQ, G), SumcheckTerm.of(l[3], EQ, SEL),
                SumcheckTerm.of(l[3].mulBase(2).neg(), EQ, ZX),
                SumcheckTerm.of(l[4], EQ, MX), SumcheckTerm.of(l[4].neg(), EQ, SEL, MX),
                SumcheckTerm.of(l[5], EQ, Y), SumcheckTerm.of(l[5].neg(), EQ, SEL, Y)));
    }

    /** W (e + mu s) with W = eq(z, row) read across the row. */
    private static SumcheckExpression rowSum(Ext3 mu) {
        return new SumcheckExpression(3, List.of(SumcheckTerm.of(Ext3.ONE, 0, 1), SumcheckTerm.of(mu, 0, 2)));
    }

    private static void input(ProofSession session, SoftmaxStep sm, long[] point, Ext3 value, String where)
            throws VerificationException {
        if (sm.input() == 0 && !session.publicInputAt(point).equals(value)) {
            throw new VerificationException(ZkmlReason.SOFTMAX_INPUT_MISMATCH, where + ": the input is not the public one");
        }
    }

    private static void lookupClaims(ProofSession session, int step, SoftmaxStep sm, LookupClaims claims, Ext3 max,
                                     Ext3 in) {
        WitnessPlan plan = session.plan;
        long[] z = claims.witnessColumns().get(0).point();
        int cv = plan.colVars(sm.output());
        session.claimTensor(sm.input(), z, in);
        session.witnessClaims.add(plan.softmaxBlocks[step][SoftmaxWitness.MAX], rowPart(z, cv), max);
        long[] z1 = claims.witnessColumns().get(1).point();
        Ext3 padding = Ext3.ONE.sub(Multilinear.evaluate(plan.elementSelector(sm.output()), z1));
        Ext3 e = claims.witnessColumns().get(1).value().sub(padding.mulBase(new ActivationTable(sm.differenceTable()).value(0)));
        session.witnessClaims.add(plan.softmaxBlocks[step][SoftmaxWitness.EXP], z1, e);
        session.witnessClaims.add(plan.lookupMultiplicityBlock[step], claims.multiplicities().point(),
                claims.multiplicities().value());
    }

    private static void zeroClaims(ProofSession session, int step, SoftmaxStep sm, long[] rho, Ext3[] f) {
        WitnessPlan plan = session.plan;
        int[] b = plan.softmaxBlocks[step];
        long[] row = rowPart(rho, plan.colVars(sm.output()));
        session.claimTensor(sm.input(), rho, f[0]);
        session.witnessClaims.add(b[SoftmaxWitness.MAX], row, f[1]);
        session.witnessClaims.add(b[SoftmaxWitness.SELECT], rho, f[2]);
        session.witnessClaims.add(b[SoftmaxWitness.EXP], rho, f[3]);
        session.claimTensor(sm.output(), rho, f[4]);
        session.witnessClaims.add(b[SoftmaxWitness.SUM], row, f[5]);
        session.witnessClaims.add(plan.remainderBlock[step], rho, f[6]);
        session.witnessClaims.add(b[SoftmaxWitness.GAP], rho, f[7]);
    }

    private static void rowClaims(ProofSession session, int step, long[] zRow, Ext3 sum, long[] zeta, Ext3 e, Ext3 s) {
        int[] b = session.plan.softmaxBlocks[step];
        session.witnessClaims.add(b[SoftmaxWitness.SUM], zRow, sum);
        session.witnessClaims.add(b[SoftmaxWitness.EXP], zeta, e);
        session.witnessClaims.add(b[SoftmaxWitness.SELECT], zeta, s);
    }

    private static void bind(ProofSession session, Ext3[] finals) {
        for (Ext3 f : finals) {
            session.transcript.ext("softmax-final", f);
        }
    }

    /** A row table read across each row's first {@code real} columns (zero on the padding columns). */
    static long[] expand(long[] perRow, int colVars, int real) {
        long[] out = new long[perRow.length << colVars];
        for (int i = 0; i < perRow.length; i++) {
            java.util.Arrays.fill(out, i << colVars, (i << colVars) + real, perRow[i]);
        }
        return out;
    }

    private static long[] expandExt(long[] perRow, int colVars) {
        long[] out = new long[perRow.length << colVars];
        for (int i = 0; i < out.length / 3; i++) {
            System.arraycopy(perRow, 3 * (i >> colVars), out, 3 * i, 3);
        }
        return out;
    }

    private static long[] ones(int vars) {
        long[] t = new long[1 << vars];
        java.util.Arrays.fill(t, 1);
        return t;
    }

    private static long[] rowPart(long[] point, int colVars) {
        return ProofSession.slice(point, colVars, point.length / 3);
    }

    /** The extension of [c < real] over the column variables, at the point's column part. */
    private static Ext3 columnSelector(int colVars, int real, long[] point) {
        long[] t = new long[1 << colVars];
        java.util.Arrays.fill(t, 0, real, 1);
        return Multilinear.evaluate(t, ProofSession.slice(point, 0, colVars));
    }

    private static Ext3 rowSelector(WitnessPlan plan, SoftmaxStep sm, long[] rowPoint) {
        return Multilinear.evaluate(plan.rowSelector(sm.output()), rowPoint);
    }
}
