package io.edgeproof.zkml.proof;

import io.edgeproof.transcript.VerificationException;

/** Why the inference verifier rejected a proof (sub-protocols add their own reasons). */
public enum ZkmlReason implements VerificationException.Reason {
    /** The proof was made for another model: its model id is not the verifier key's. */
    WRONG_MODEL,
    /** The public input is not a batch of int16 samples of the model's input size. */
    MALFORMED_INPUT,
    /** A Linear layer's requantization or clamp constraints do not hold (its zero-check sum is not zero). */
    LINEAR_CONSTRAINT_VIOLATED,
    /** The matrix-product sumcheck of a Linear layer ends at a value the input and weights do not give. */
    LINEAR_MATMUL_MISMATCH,
    /** A Conv's patch value is not its input read through the window (the window sumcheck ends wrong). */
    CONV_WINDOW_MISMATCH,
    /** Some max-pool output equals none of its window's elements (the zero-check of prod_j (m - x_j) fails). */
    MAXPOOL_NOT_A_WINDOW_ELEMENT,
    /** The committed max-pool differences are not m - x_j for the input read through the window. */
    MAXPOOL_WINDOW_MISMATCH,
    /** A Relu layer's constraint z (z - y) = 0 does not hold (its zero-check sum is not zero). */
    RELU_CONSTRAINT_VIOLATED,
    /** An element-wise requantized step's (ScaleShift, Add, Mul, AvgPool, ReduceMean) constraints do not hold. */
    REQUANT_CONSTRAINT_VIOLATED,
    /** An element-wise step's operand value is not its input (public input, or read through its window/reduction). */
    REQUANT_INPUT_MISMATCH,
    /** A Layout's committed output is not its input gathered through the index map. */
    LAYOUT_MISMATCH,
    /** A Lookup's looked-up inputs are not the public input. */
    LOOKUP_INPUT_MISMATCH,
    /** A softmax step's constraints (max, exp lookup differences, division with remainder, padding) do not hold. */
    SOFTMAX_CONSTRAINT_VIOLATED,
    /** A softmax row's sum is not Z, or a row does not select exactly one maximal element. */
    SOFTMAX_SUM_MISMATCH,
    /** A softmax step's input values are not the public input. */
    SOFTMAX_INPUT_MISMATCH,
    /**
     * A range-checked column is not the sum of its 16-bit limbs, a limb exceeds its companion's bound, or a
     * claimed value of a virtual block (y, r, e, a Relu output, a max-pool difference) is not what its limbs
     * define.
     */
    LIMB_DECOMPOSITION_MISMATCH,
    /** A claimed value of a weight block the verifier key holds is not that block's value at the point. */
    KEY_WEIGHT_MISMATCH
}
