package io.edgeproof.ledger;

/** What a {@link ProofVerifier} accepted: the proof's model, public input and outputs. */
public record VerifiedResult(ModelId model, int[] input, int[] outputs) {
    public VerifiedResult {
        input = input.clone();
        outputs = outputs.clone();
    }

    @Override
    public int[] input() {
        return input.clone();
    }

    @Override
    public int[] outputs() {
        return outputs.clone();
    }
}
