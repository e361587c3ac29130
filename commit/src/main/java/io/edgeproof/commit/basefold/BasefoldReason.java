package io.edgeproof.commit.basefold;

import io.edgeproof.transcript.VerificationException;

/** Why a Basefold opening was rejected. */
public enum BasefoldReason implements VerificationException.Reason {
    /** Wrong number of rounds, values, layers, final coefficients or openings for the claimed batch. */
    SHAPE_MISMATCH,
    /** A round polynomial's values at 0 and 1 do not add up to the running claim. */
    SUMCHECK_ROUND_MISMATCH,
    /** The reduced evaluations do not explain the last round of the point-reduction sumcheck. */
    REDUCTION_MISMATCH,
    /** The final polynomial does not give the value the folding sumcheck ended with. */
    EVALUATION_MISMATCH,
    /** The proof-of-work nonce is too weak. */
    INSUFFICIENT_WORK,
    /**
     * A Merkle opening does not match its root (input commitment or folded layer; a folded layer's opening
     * holds the verifier's own fold of the previous layer, so a layer that does not follow the fold fails here).
     */
    MERKLE_PATH_INVALID,
    /** The last folded query value differs from the final polynomial's encoding. */
    FINAL_POLYNOMIAL_MISMATCH
}
