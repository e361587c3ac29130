package io.edgeproof.iop.lookup;

import io.edgeproof.transcript.VerificationException;

/** Why a lookup or range check was rejected (GKR and sumcheck failures keep their own reasons). */
public enum LookupReason implements VerificationException.Reason {
    /** The proof carries the wrong number of witness-column or limb evaluations. */
    WRONG_SHAPE,
    /** A root denominator is zero: alpha hit a witness or table value (or the prover lies about the root). */
    ZERO_DENOMINATOR,
    /** sum 1/(alpha - w_i) differs from sum m_j/(alpha - t_j): some row is not in the table, or m is wrong. */
    SUMS_DIFFER,
    /** The witness tree's leaves at the GKR point do not match 1/(alpha - sum beta^c w_c(r)). */
    WITNESS_LEAF_MISMATCH,
    /** The table tree's leaf denominator does not match alpha - sum beta^c t_c(r) evaluated by the verifier. */
    TABLE_LEAF_MISMATCH,
    /** The looked-up column of a range check does not match the limb values the proof sends. */
    LIMB_MISMATCH
}
