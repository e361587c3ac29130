package io.edgeproof.zkml.proof;

import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import io.edgeproof.field.Ext3Vec;
import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.field.codec.ProofReader;
import io.edgeproof.field.codec.ProofWriter;
import io.edgeproof.iop.sumcheck.MultilinearTable;
import io.edgeproof.iop.sumcheck.SubClaim;
import io.edgeproof.iop.sumcheck.SumcheckInstance;
import io.edgeproof.iop.sumcheck.SumcheckProof;
import io.edgeproof.iop.sumcheck.SumcheckProver;
import io.edgeproof.iop.sumcheck.SumcheckProverOutput;
import io.edgeproof.iop.sumcheck.SumcheckVerifier;
import io.edgeproof.transcript.VerificationException;

/**
 * Reduces a claim on a {@link SparseMap} applied to a tensor, (Sx)(z) = v at a point z of the output block,
 * to a claim on the tensor: v = sum_q x(q) T_z(q) with T_z(q) = sum_{pairs} eq(z, out) [q = in]. When x is
 * the public input the verifier computes the sum itself; otherwise a degree-2 product sumcheck over x's
 * block ends at zeta with the prover's x(zeta), and the verifier evaluates T_z(zeta) from the pairs
 * (O(B pairs + block sizes)).
 */
final class MapSumCheck {
    /** The product sumcheck and x at its end point; absent (null) when x is the public input. */
    record Proof(SumcheckProof sumcheck, Ext3 input) {
        void writeTo(ProofWriter w) {
            sumcheck.writeTo(w);
            w.ext(input);
        }

        static Proof readFrom(ProofReader r, int inputVars) throws MalformedProofException {
            return new Proof(SumcheckProof.readFrom(r, inputVars, 2), r.ext("mapped input value"));
        }
    }

    private MapSumCheck() {}

    static Proof prove(ProofSession session, int input, int output, SparseMap map, long[] z) {
        if (input == 0) {
            return null;
        }
        WitnessPlan plan = session.plan;
        long[] t = map.weights(plan.circuit.tensor(input), plan.circuit.tensor(output), plan.tensorVars(input),
                plan.batch, Multilinear.eqTable(z));
        SumcheckProverOutput out = SumcheckProver.prove(SumcheckInstance.productOfTwo(
                MultilinearTable.base(session.tensorTable(input)), MultilinearTable.ext(t)), session.transcript);
        Ext3 xz = out.finalEvaluation(0);
        session.transcript.ext("map-input", xz);
        session.claimTensor(input, out.point(), xz);
        return new Proof(out.proof(), xz);
    }

    static void verify(ProofSession session, int input, int output, SparseMap map, long[] z, Ext3 claimed, Proof proof,
                       ZkmlReason reason, String where) throws VerificationException {
        WitnessPlan plan = session.plan;
        ModelCircuit.Tensor inT = plan.circuit.tensor(input);
        ModelCircuit.Tensor outT = plan.circuit.tensor(output);
        long[] eqOut = Multilinear.eqTable(z);
        if (input == 0) {
            long[] t = map.weights(inT, outT, plan.tensorVars(input), plan.batch, eqOut);
            long[] acc = new long[3];
            long[] term = new long[3];
            for (int q = 0; q < session.inputTable.length; q++) {
                Ext3Vec.mulBase(t, q, session.inputTable[q], term, 0);
                Ext3Vec.add(acc, 0, term, 0, acc, 0);
            }
            if (!Ext3.read(acc, 0).equals(claimed)) {
                throw new VerificationException(reason, where + ": the value is not the public input read through the map");
            }
            return;
        }
        SubClaim sub = SumcheckVerifier.verify(claimed, plan.tensorVars(input), 2, proof.sumcheck(), session.transcript);
        Ext3 weight = map.weightAt(inT, outT, plan.batch, eqOut, Multilinear.eqTable(sub.point()));
        if (!proof.input().mul(weight).equals(sub.expectedValue())) {
            throw new VerificationException(reason, where + ": the value is not the input read through the map");
        }
        session.transcript.ext("map-input", proof.input());
        session.claimTensor(input, sub.point(), proof.input());
    }
}
