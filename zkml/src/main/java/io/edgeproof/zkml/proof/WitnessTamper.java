package io.edgeproof.zkml.proof;

import io.edgeproof.zkml.quant.QuantizedModel;

/**
 * A test-only hook into the honest prover: it lets a soundness test run the prover on a wrong witness (a
 * changed weight, input, quotient or remainder, with everything downstream recomputed from the change) and
 * check that the verifier rejects. Production code passes {@link #NONE}.
 */
interface WitnessTamper {
    WitnessTamper NONE = new WitnessTamper() {};

    /** The model whose weights the prover computes with (the committed weights stay the key's). */
    default QuantizedModel model(QuantizedModel keyModel) {
        return keyModel;
    }

    /** The input the prover computes with (the statement keeps the caller's input). */
    default int[] input(int[] statementInput) {
        return statementInput;
    }

    /** The outputs the prover claims in the statement (the committed output tensor stays computed). */
    default int[] claimedOutputs(int[] computed) {
        return computed;
    }

    /** The value a Conv step's prover reads outside its input (zero padding; a test may change it). */
    default int convPadding(int step) {
        return 0;
    }

    /**
     * Called after step {@code step} computed its tensor (and trace for a Linear); may change them in place,
     * and later steps read the changed values.
     */
    default void afterStep(int step, int[][] tensors, TracingEvaluator.LinearTrace trace) {}

    /** May change a softmax step's row maxima and one-hot selectors (e, Z, r, g are then recomputed). */
    default void softmaxMax(int step, long[] max, long[] select) {}

    /** May change a softmax step's row sums (r and g are then recomputed from them). */
    default void softmaxSum(int step, long[] sum) {}
}
