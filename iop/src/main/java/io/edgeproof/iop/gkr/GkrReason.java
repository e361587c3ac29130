package io.edgeproof.iop.gkr;

import io.edgeproof.transcript.VerificationException;

/** Why a GKR reduction was rejected (sumcheck shape errors keep their own reasons). */
public enum GkrReason implements VerificationException.Reason {
    /** The proof does not have one layer per variable of the leaves. */
    WRONG_LAYER_COUNT,
    /** A layer's sumcheck does not end where the children values it sends say it must. */
    LAYER_MISMATCH,
    /** The sumcheck merging several claims does not end at the merged value times the combined eq. */
    MERGE_MISMATCH,
    /** An evaluation claim was discharged with a different value. */
    EVALUATION_MISMATCH
}
