package io.edgeproof.zkml.proof;

/** What the prover returns: the proof and the outputs it computed (its own run, not read from the proof). */
public record ProofOutput(InferenceProof proof, int[] outputs) {
    public ProofOutput {
        outputs = outputs.clone();
    }

    @Override
    public int[] outputs() {
        return outputs.clone();
    }
}
