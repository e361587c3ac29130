package io.edgeproof.iop.sumcheck;

import io.edgeproof.transcript.VerificationException;

/** Why a sumcheck was rejected. */
public enum SumcheckReason implements VerificationException.Reason {
    /** The proof does not have one round polynomial per variable. */
    WRONG_ROUND_COUNT,
    /** A round polynomial has more (or fewer) coefficients than the expression's degree allows. */
    WRONG_DEGREE,
    /** The last round's value does not match the expression at the final evaluations (or the opening). */
    FINAL_EVALUATION_MISMATCH
}
