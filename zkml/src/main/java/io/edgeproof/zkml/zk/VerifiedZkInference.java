package io.edgeproof.zkml.zk;

import io.edgeproof.zkml.proof.VerifiedInference;

/**
 * Outputs a zero-knowledge verifier accepted, the only way to read them out of a proof; with the input
 * commitment the proof is about (null for a public input), which a caller compares with the one a device
 * signed, and the proof's soundness in bits.
 */
public record VerifiedZkInference(String modelId, int batch, boolean inputHidden, boolean weightsHidden,
                                  InputCommitment inputCommitment, int[] outputs, double[] outputScales,
                                  int[] outputSizes, double securityBits, String weakestTerm) {
    public VerifiedZkInference {
        outputs = outputs.clone();
        outputScales = outputScales.clone();
        outputSizes = outputSizes.clone();
    }

    @Override
    public int[] outputs() {
        return outputs.clone();
    }

    /** One row per sample: each output value times its tensor's scale. */
    public double[][] realOutputs() {
        return VerifiedInference.realOutputs(outputs, batch, outputScales, outputSizes);
    }
}
