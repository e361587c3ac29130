package io.edgeproof.zkml.proof;

import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import io.edgeproof.field.Goldilocks;
import io.edgeproof.iop.sumcheck.MultilinearTable;
import io.edgeproof.iop.sumcheck.SubClaim;
import io.edgeproof.iop.sumcheck.SumcheckExpression;
import io.edgeproof.iop.sumcheck.SumcheckInstance;
import io.edgeproof.iop.sumcheck.SumcheckProver;
import io.edgeproof.iop.sumcheck.SumcheckProverOutput;
import io.edgeproof.iop.sumcheck.SumcheckTerm;
import io.edgeproof.iop.sumcheck.SumcheckVerifier;
import io.edgeproof.transcript.VerificationException;
import io.edgeproof.zkml.quant.Requant;
import java.util.ArrayList;
import java.util.List;

/**
 * m = max_j x_j over each window of J positions, a position outside the input reading -2^15 (then padding
 * never wins: it ties only when every real element is -2^15, and a window without one gives -2^15, as the
 * engine does), with committed differences d_j = m - x_j over the padded output block:
 * <ul>
 * <li>d_j in [0, 2^16) (range checks): m >= x_j for every j;</li>
 * <li>prod_j d_j = 0 everywhere (zero-check of eq(tau, .) prod_j d_j, degree J + 1): m = x_j for some j;</li>
 * <li>d_j = m - x_j: at the zero-check's end point rho, with a random beta, sum_j beta^j (m(rho) - d_j(rho))
 *     = sum_q x(q) T(q) - 2^15 O(rho) for the window weight T and the outside-read indicator O of
 *     {@link WindowMap} (x_j is 0 on padding rows and channels), checked
 *     directly on the public input or by a product sumcheck over x's block ending in a claim x(zeta).</li>
 * </ul>
 * All values are int16 or below 2^16, so the field equations are the integer ones. On padding rows
 * d_j = m, so prod_j d_j = 0 forces m = 0 there.
 */
final class MaxPoolCheck {
    private MaxPoolCheck() {}

    static InferenceProof.MaxPoolProof prove(ProofSession session, int step, ModelCircuit.MaxPool p) {
        WitnessPlan plan = session.plan;
        int vars = plan.tensorVars(p.output());
        int j = p.window().size();
        long[] tau = session.transcript.challengeExts("maxpool-tau", vars);
        List<MultilinearTable> tables = new ArrayList<>();
        for (int b : plan.differenceBlocks[step]) {
            tables.add(MultilinearTable.base(session.witness.blocks()[b]));
        }
        SumcheckProverOutput zero = SumcheckProver.proveEqWeighted(tau,
                new SumcheckInstance(vars, tables, expression(j).withoutFactor(0)), session.transcript);
        long[] rho = zero.point();
        Ext3[] d = new Ext3[j];
        for (int i = 0; i < j; i++) {
            d[i] = zero.finalEvaluation(1 + i);
        }
        Ext3 m = Multilinear.evaluate(session.tensorTable(p.output()), rho);
        Ext3 beta = bind(session, d, m);
        recordClaims(session, step, p, rho, d, m);
        if (p.input() == 0) {
            return new InferenceProof.MaxPoolProof(zero.claimedSum(), zero.proof(), d, m, null, null);
        }
        WindowMap map = new WindowMap(plan, p.input(), p.output(), p.window());
        long[] t = map.weights(map.poolFactors(beta, rho));
        SumcheckProverOutput win = SumcheckProver.prove(SumcheckInstance.productOfTwo(
                MultilinearTable.base(session.tensorTable(p.input())), MultilinearTable.ext(t)), session.transcript);
        Ext3 xz = win.finalEvaluation(0);
        session.transcript.ext("maxpool-input", xz);
        session.claimTensor(p.input(), win.point(), xz);
        return new InferenceProof.MaxPoolProof(zero.claimedSum(), zero.proof(), d, m, win.proof(), xz);
    }

    static void verify(ProofSession session, int step, ModelCircuit.MaxPool p, InferenceProof.MaxPoolProof proof)
            throws VerificationException {
        WitnessPlan plan = session.plan;
        int vars = plan.tensorVars(p.output());
        int j = p.window().size();
        String where = "step " + step + " (MaxPool at node " + (p.node() + 1) + ")";
        long[] tau = session.transcript.challengeExts("maxpool-tau", vars);
        if (!proof.zeroSum().isZero()) {
            throw new VerificationException(ZkmlReason.MAXPOOL_NOT_A_WINDOW_ELEMENT,
                    where + ": the product of the window differences is not zero everywhere");
        }
        SubClaim sub = SumcheckVerifier.verify(Ext3.ZERO, vars, j + 1, proof.zeroCheck(), session.transcript);
        long[] rho = sub.point();
        Ext3[] d = proof.differences();
        long[] values = new long[3 * (j + 1)];
        Multilinear.eq(tau, rho).write(values, 0);
        for (int i = 0; i < j; i++) {
            d[i].write(values, 1 + i);
        }
        sub.requireValue(expression(j).evaluate(values));
        Ext3 beta = bind(session, d, proof.output());
        recordClaims(session, step, p, rho, d, proof.output());
        Ext3 claimed = Ext3.ZERO;
        Ext3 power = Ext3.ONE;
        for (int i = 0; i < j; i++, power = power.mul(beta)) {
            claimed = claimed.add(power.mul(proof.output().sub(d[i])));
        }
        WindowMap map = new WindowMap(plan, p.input(), p.output(), p.window());
        claimed = claimed.sub(map.outsideReads(beta, rho).mulBase(Goldilocks.fromSigned(Requant.LO)));
        WindowMap.Factors factors = map.poolFactors(beta, rho);
        if (p.input() == 0) {
            if (!map.publicSum(session.inputTable, factors).equals(claimed)) {
                throw new VerificationException(ZkmlReason.MAXPOOL_WINDOW_MISMATCH,
                        where + ": the differences are not the output minus the public input's window elements");
            }
            return;
        }
        SubClaim win = SumcheckVerifier.verify(claimed, map.inputVars(), 2, proof.window(), session.transcript);
        if (!proof.input().mul(map.weightAt(factors, win.point())).equals(win.expectedValue())) {
            throw new VerificationException(ZkmlReason.MAXPOOL_WINDOW_MISMATCH,
                    where + ": the differences are not the output minus the input's window elements");
        }
        session.transcript.ext("maxpool-input", proof.input());
        session.claimTensor(p.input(), win.point(), proof.input());
    }

    /** eq times the product of the J differences. */
    static SumcheckExpression expression(int j) {
        int[] factors = new int[j + 1];
        for (int i = 0; i <= j; i++) {
            factors[i] = i;
        }
        return new SumcheckExpression(j + 1, List.of(SumcheckTerm.product(factors)));
    }

    private static Ext3 bind(ProofSession session, Ext3[] d, Ext3 m) {
        for (Ext3 v : d) {
            session.transcript.ext("maxpool-difference", v);
        }
        session.transcript.ext("maxpool-output", m);
        return session.transcript.challengeExt("maxpool-beta");
    }

    private static void recordClaims(ProofSession session, int step, ModelCircuit.MaxPool p, long[] rho, Ext3[] d, Ext3 m) {
        for (int i = 0; i < d.length; i++) {
            session.witnessClaims.add(session.plan.differenceBlocks[step][i], rho, d[i]);
        }
        session.claimTensor(p.output(), rho, m);
    }
}
