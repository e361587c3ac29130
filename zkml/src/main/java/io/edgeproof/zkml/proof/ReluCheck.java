package io.edgeproof.zkml.proof;

import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import io.edgeproof.iop.sumcheck.MultilinearTable;
import io.edgeproof.iop.sumcheck.SubClaim;
import io.edgeproof.iop.sumcheck.SumcheckExpression;
import io.edgeproof.iop.sumcheck.SumcheckInstance;
import io.edgeproof.iop.sumcheck.SumcheckProver;
import io.edgeproof.iop.sumcheck.SumcheckProverOutput;
import io.edgeproof.iop.sumcheck.SumcheckTerm;
import io.edgeproof.iop.sumcheck.SumcheckVerifier;
import io.edgeproof.transcript.VerificationException;
import java.util.List;

/**
 * z = max(y, 0) for int16 y, as z (z - y) = 0 (zero-checked at a random point) with the range checks
 * 0 <= z < 2^16 and 0 <= z - y < 2^16: then z = 0 with y <= 0, or z = y with y >= 0. When the proof
 * already forces y into int16, one check 2z - y in [0, 2^16) replaces the two ({@link WitnessPlan}): it
 * is |y| in both right cases and -|y| (wrapping to a huge value) in both wrong ones. No bit and no
 * lookup table per value, and nothing wraps since every quantity is below 2^17 in absolute value.
 */
final class ReluCheck {
    private static final SumcheckExpression EXPRESSION = new SumcheckExpression(3, List.of(
            SumcheckTerm.product(0, 1, 1), SumcheckTerm.of(Ext3.ONE.neg(), 0, 1, 2)));

    private ReluCheck() {}

    static InferenceProof.ReluProof prove(ProofSession session, ModelCircuit.Relu r) {
        int vars = session.plan.tensorVars(r.output());
        long[] tau = session.transcript.challengeExts("relu-tau", vars);
        SumcheckProverOutput out = SumcheckProver.proveEqWeighted(tau, new SumcheckInstance(vars, List.of(
                MultilinearTable.base(session.tensorTable(r.output())), MultilinearTable.base(session.tensorTable(r.input()))),
                EXPRESSION.withoutFactor(0)), session.transcript);
        Ext3 z = out.finalEvaluation(1);
        Ext3 y = r.input() == 0 ? null : out.finalEvaluation(2);
        bind(session, z, y);
        session.claimTensor(r.output(), out.point(), z);
        session.claimTensor(r.input(), out.point(), out.finalEvaluation(2));
        return new InferenceProof.ReluProof(out.claimedSum(), out.proof(), z, y);
    }

    static void verify(ProofSession session, int step, ModelCircuit.Relu r, InferenceProof.ReluProof proof)
            throws VerificationException {
        int vars = session.plan.tensorVars(r.output());
        long[] tau = session.transcript.challengeExts("relu-tau", vars);
        if (!proof.zeroSum().isZero()) {
            throw new VerificationException(ZkmlReason.RELU_CONSTRAINT_VIOLATED,
                    "step " + step + " (Relu at node " + (r.node() + 1) + "): constraint sum is not zero");
        }
        SubClaim sub = SumcheckVerifier.verify(Ext3.ZERO, vars, 3, proof.zeroCheck(), session.transcript);
        long[] rho = sub.point();
        Ext3 y = r.input() == 0 ? session.publicInputAt(rho) : proof.input();
        long[] values = new long[9];
        Multilinear.eq(tau, rho).write(values, 0);
        proof.output().write(values, 1);
        y.write(values, 2);
        sub.requireValue(EXPRESSION.evaluate(values));
        bind(session, proof.output(), proof.input());
        session.claimTensor(r.output(), rho, proof.output());
        session.claimTensor(r.input(), rho, y);
    }

    private static void bind(ProofSession session, Ext3 z, Ext3 y) {
        session.transcript.ext("relu-output", z);
        if (y != null) {
            session.transcript.ext("relu-input", y);
        }
    }
}
