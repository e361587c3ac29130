package io.edgeproof.zkml.proof;

/**
 * Outputs a verifier accepted: the only way to read outputs out of a proof. {@code outputs} holds, per
 * sample, the int16 outputs of every output tensor laid end to end; {@link #realOutputs} scales them.
 */
public record VerifiedInference(String modelId, int batch, int[] input, int[] outputs, double[] outputScales,
                                int[] outputSizes, double securityBits, String weakestTerm) {
    public VerifiedInference {
        input = input.clone();
        outputs = outputs.clone();
        outputScales = outputScales.clone();
        outputSizes = outputSizes.clone();
    }

    @Override
    public int[] input() {
        return input.clone();
    }

    @Override
    public int[] outputs() {
        return outputs.clone();
    }

    /** One row per sample: each output value times its tensor's scale. */
    public double[][] realOutputs() {
        return realOutputs(outputs, batch, outputScales, outputSizes);
    }

    /**
     * {@code outputs} (per sample, the output tensors of {@code sizes} laid end to end) as one row per sample,
     * each value times its tensor's scale; shared with the zero-knowledge verifier's result.
     */
    public static double[][] realOutputs(int[] outputs, int batch, double[] scales, int[] sizes) {
        int per = outputs.length / batch;
        double[][] out = new double[batch][per];
        for (int b = 0; b < batch; b++) {
            int p = 0;
            for (int t = 0; t < sizes.length; t++) {
                for (int j = 0; j < sizes[t]; j++, p++) {
                    out[b][p] = outputs[b * per + p] * scales[t];
                }
            }
        }
        return out;
    }
}
