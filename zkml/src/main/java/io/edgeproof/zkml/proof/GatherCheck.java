package io.edgeproof.zkml.proof;

import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import io.edgeproof.field.Ext3Vec;
import io.edgeproof.field.Goldilocks;
import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.field.codec.ProofReader;
import io.edgeproof.field.codec.ProofWriter;
import io.edgeproof.transcript.VerificationException;

/**
 * A Layout step y[i] = x[index[i]] (fill where index = -1) is linear: at a random point tau of the output
 * block, y(tau) = fill F(tau) + (S x)(tau), with F the indicator of the real outputs that read the fill and
 * S the gather map. The prover sends y(tau) (a claim on y); {@link MapSumCheck} reduces (S x)(tau) to a
 * claim on x. Both sides agree at a random point only if the committed y is the gathered x, padding
 * (zero) included: a Schwartz-Zippel error of n/|F|.
 */
final class GatherCheck {
    record Proof(Ext3 output, MapSumCheck.Proof map) implements InferenceProof.StepProof {
        void writeTo(ProofWriter w) {
            w.ext(output);
            if (map != null) {
                map.writeTo(w);
            }
        }

        static Proof readFrom(ProofReader r, WitnessPlan plan, GatherStep g) throws MalformedProofException {
            Ext3 y = r.ext("layout output value");
            return new Proof(y, g.input() == 0 ? null : MapSumCheck.Proof.readFrom(r, plan.tensorVars(g.input())));
        }
    }

    private GatherCheck() {}

    static Proof prove(ProofSession session, GatherStep g) {
        long[] tau = session.transcript.challengeExts("layout-tau", session.plan.tensorVars(g.output()));
        Ext3 y = Multilinear.evaluate(session.tensorTable(g.output()), tau);
        session.transcript.ext("layout-output", y);
        session.claimTensor(g.output(), tau, y);
        return new Proof(y, MapSumCheck.prove(session, g.input(), g.output(), g.map(), tau));
    }

    static void verify(ProofSession session, int step, GatherStep g, Proof proof) throws VerificationException {
        WitnessPlan plan = session.plan;
        long[] tau = session.transcript.challengeExts("layout-tau", plan.tensorVars(g.output()));
        session.transcript.ext("layout-output", proof.output());
        session.claimTensor(g.output(), tau, proof.output());
        long[] eq = Multilinear.eqTable(tau);
        ModelCircuit.Tensor out = plan.circuit.tensor(g.output());
        long[] filled = new long[3];
        for (int b = 0; b < plan.batch; b++) {
            for (int i = 0; i < g.index().length; i++) {
                if (g.index()[i] < 0) {
                    Ext3Vec.add(filled, 0, eq, out.blockIndex(b, i), filled, 0);
                }
            }
        }
        Ext3 claimed = proof.output().sub(Ext3.read(filled, 0).mulBase(Goldilocks.fromSigned(g.fill())));
        MapSumCheck.verify(session, g.input(), g.output(), g.map(), tau, claimed, proof.map(), ZkmlReason.LAYOUT_MISMATCH,
                "step " + step + " (Layout at node " + (g.node() + 1) + ")");
    }
}
