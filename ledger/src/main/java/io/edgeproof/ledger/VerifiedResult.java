package io.edgeproof.ledger;

/**
 * What a {@link ProofVerifier} accepted: the proof's model, its input — the public input, or for a hidden
 * input (zero-knowledge proof) the bytes of the input commitment the proof is about, the other one null —
 * and its outputs. {@link #inputDigest} is what the ledger compares with the job's digest.
 */
public record VerifiedResult(ModelId model, int[] input, byte[] inputCommitment, int[] outputs) {
    public VerifiedResult {
        if ((input == null) == (inputCommitment == null)) {
            throw new IllegalArgumentException("a verified result has a public input or an input commitment, not both");
        }
        input = input == null ? null : input.clone();
        inputCommitment = inputCommitment == null ? null : inputCommitment.clone();
        outputs = outputs.clone();
    }

    /** A result on a public input. */
    public VerifiedResult(ModelId model, int[] input, int[] outputs) {
        this(model, input, null, outputs);
    }

    /** A result on a hidden input, known by its commitment. */
    public static VerifiedResult hidden(ModelId model, byte[] inputCommitment, int[] outputs) {
        return new VerifiedResult(model, null, inputCommitment, outputs);
    }

    public boolean inputHidden() {
        return inputCommitment != null;
    }

    /** The public input, or null for a hidden input. */
    @Override
    public int[] input() {
        return input == null ? null : input.clone();
    }

    @Override
    public byte[] inputCommitment() {
        return inputCommitment == null ? null : inputCommitment.clone();
    }

    /** {@link InputDigest#of} the public input, or {@link InputDigest#ofCommitment} the input commitment. */
    public byte[] inputDigest() {
        return inputCommitment != null ? InputDigest.ofCommitment(inputCommitment) : InputDigest.of(input);
    }

    /** Why a proof's input is not the job's, in words (the detail of WRONG_INPUT_BINDING). */
    public String inputMismatch() {
        return inputHidden() ? "the proof is about another input commitment than the one the job was posted with"
                : "the proven input hashes to another digest";
    }

    @Override
    public int[] outputs() {
        return outputs.clone();
    }
}
