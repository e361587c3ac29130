package io.edgeproof.zkml.zk;

import io.edgeproof.transcript.VerificationException;

/** Why the zero-knowledge inference verifier rejected a proof (openings add {@code BasefoldReason}s). */
public enum ZkReason implements VerificationException.Reason {
    /** The proof was made for another model: its model id is not the verifier key's. */
    WRONG_MODEL,
    /** The statement does not fit the key: visibility, sizes, non-int16 public values, a slot outside its budget. */
    MALFORMED_STATEMENT,
    /** The proof's input commitment is not the one the caller expected (e.g. the one a device signed). */
    WRONG_INPUT_COMMITMENT,
    /** A dense layer's requantization relation M (bias + W x) + 2^(s-1) = 2^s t + r does not hold. */
    DENSE_CONSTRAINT_VIOLATED,
    /** A convolution's requantization relation, with x read through the window (padding zero), does not hold. */
    CONV_CONSTRAINT_VIOLATED,
    /** An element-wise requantization (ScaleShift, Add/Sub, Mul, AvgPool, ReduceMean) does not hold. */
    ELEMENTWISE_CONSTRAINT_VIOLATED,
    /** A gather's output is not its input read through the public index map (or the fill). */
    LAYOUT_MISMATCH,
    /** A max-pool difference is not m - x_j for its window position j (x_j = -2^15 outside the input). */
    MAXPOOL_WINDOW_MISMATCH,
    /**
     * An element-wise constraint of a tensor (clamp, excess, Relu, limbs, LogUp inverses, a max-pool's
     * prod_j (m - x_j) = 0) does not hold.
     */
    ELEMENT_CONSTRAINT_VIOLATED,
    /**
     * A softmax element relation (one-hot selector of the row max, division 65534 e + Z = 2 y Z + r with
     * r + g + 1 = 2Z, padding, or the LogUp inverse of its (m - x, e) lookup) does not hold.
     */
    SOFTMAX_CONSTRAINT_VIOLATED,
    /** A softmax row sum (of e, or of the max selector) is not the committed Z (or not one selector per row). */
    SOFTMAX_SUM_MISMATCH,
    /** A MatMul's requantization M sum_k A B + 2^(s-1) = 2^s t + r over both hidden operands does not hold. */
    MATMUL_CONSTRAINT_VIOLATED,
    /** The range table side of the lookup (g (alpha - t) = m) does not hold. */
    RANGE_TABLE_VIOLATED,
    /** A lookup table's side of its LogUp (g (alpha - j - zeta T[j]) = m) does not hold. */
    LOOKUP_TABLE_VIOLATED,
    /** A check's Libra mask is not the block the plan committed. */
    MASK_CLAIM_MISMATCH
}
