package io.edgeproof.zkml.proof;

import io.edgeproof.commit.basefold.BasefoldCommitment;
import io.edgeproof.commit.basefold.BasefoldVerifier;
import io.edgeproof.commit.basefold.EvaluationClaim;
import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.iop.security.SecurityBudget;
import io.edgeproof.transcript.Transcript;
import io.edgeproof.transcript.VerificationException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies a proof of inference against a verifier key and the caller's context, in the prover's order:
 * statement, witness commitments, output checks, each step, the range checks, the claim merges and the
 * Basefold opening. Returns the verified outputs or throws with a specific reason.
 */
public final class ZkmlVerifier {
    private ZkmlVerifier() {}

    /** Decodes and verifies; a proof for another model is rejected (WRONG_MODEL) before decoding the rest. */
    public static VerifiedInference verify(VerifierKey key, byte[] proofBytes, byte[] context)
            throws VerificationException, MalformedProofException {
        if (!MessageDigest.isEqual(InferenceProof.modelIdOf(proofBytes), key.modelId())) {
            throw new VerificationException(ZkmlReason.WRONG_MODEL, "the proof is for another model");
        }
        return verify(key, InferenceProof.fromBytes(proofBytes, key), context);
    }

    public static VerifiedInference verify(VerifierKey key, InferenceProof proof, byte[] context)
            throws VerificationException {
        if (!MessageDigest.isEqual(proof.modelId, key.modelId())) {
            throw new VerificationException(ZkmlReason.WRONG_MODEL, "the proof is for another model");
        }
        ModelCircuit circuit = key.circuit();
        int batch = proof.batch;
        if (batch < 1 || batch > InferenceProof.MAX_BATCH || proof.input.length != batch * circuit.inputSize()
                || !WitnessBuilder.allInt16(proof.input)) {
            throw new VerificationException(ZkmlReason.MALFORMED_INPUT, "the input is not " + batch
                    + " samples of " + circuit.inputSize() + " int16 values");
        }
        if (proof.outputs.length != batch * circuit.outputSize() || !WitnessBuilder.allInt16(proof.outputs)) {
            throw new VerificationException(ZkmlReason.MALFORMED_INPUT, "the claimed outputs are not int16 values");
        }
        WitnessPlan plan = new WitnessPlan(circuit, batch);
        Transcript transcript = Transcript.open(ZkmlProver.DOMAIN,
                new InferenceStatement(key.modelId(), batch, proof.input, proof.outputs, context));
        List<BasefoldCommitment> commitments = new ArrayList<>(key.weightCommitments());
        int[] witnessVars = plan.layout.allPolyVars();
        for (int p = 0; p < witnessVars.length; p++) {
            BasefoldCommitment c = new BasefoldCommitment(proof.witnessRoots.get(p), witnessVars[p]);
            c.bindTo(transcript);
            commitments.add(c);
        }
        ProofSession session = new ProofSession(transcript, plan, key.weightPlan(), proof.input, null, null);
        OutputCheck.run(session, proof.outputs);
        for (int s = 0; s < circuit.steps().size(); s++) {
            switch (circuit.steps().get(s)) {
                case ModelCircuit.Linear l -> LinearCheck.verify(session, s, l, (InferenceProof.LinearProof) proof.steps.get(s));
                case ModelCircuit.Relu r -> ReluCheck.verify(session, s, r, (InferenceProof.ReluProof) proof.steps.get(s));
                case ModelCircuit.MaxPool m -> MaxPoolCheck.verify(session, s, m, (InferenceProof.MaxPoolProof) proof.steps.get(s));
                case RequantStep q -> RequantCheck.verify(session, s, q, (RequantCheck.Proof) proof.steps.get(s));
                case GatherStep g -> GatherCheck.verify(session, s, g, (GatherCheck.Proof) proof.steps.get(s));
                case TableStep t -> TableLookupCheck.verify(session, s, t, (TableLookupCheck.Proof) proof.steps.get(s));
                case SoftmaxStep x -> SoftmaxCheck.verify(session, s, x, (SoftmaxCheck.Proof) proof.steps.get(s));
            }
        }
        RangeChecks.verify(session, proof.range);
        session.checkKeyWeights(key);
        List<EvaluationClaim> claims = new ArrayList<>(session.weightClaims.openingClaims(0));
        claims.addAll(session.witnessClaims.openingClaims(key.weightCommitments().size()));
        BasefoldVerifier.verify(key.params(), commitments, claims, proof.opening, transcript);
        SecurityBudget budget = ProofSecurity.budget(key, plan, session);
        int[] sizes = new int[circuit.outputs().length];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = circuit.tensor(circuit.outputs()[i]).size();
        }
        return new VerifiedInference(key.modelIdHex(), batch, proof.input, proof.outputs, key.outputScales(), sizes,
                budget.bits(), budget.weakestTerm());
    }
}
