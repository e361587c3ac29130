package io.edgeproof.iop.gkr;

import io.edgeproof.field.Ext3;
import io.edgeproof.iop.sumcheck.SubClaim;
import io.edgeproof.transcript.VerificationException;

/**
 * "The multilinear extension of some polynomial, at {@code point} (r_1 first), is {@code value}": what a
 * reduction leaves for the caller to discharge, by its own evaluation or a commitment opening at exactly
 * this point. It is a sumcheck {@link SubClaim} about one polynomial (which holds the point and value);
 * only the failure differs, {@link GkrReason#EVALUATION_MISMATCH}.
 */
public final class EvaluationClaim {
    private final SubClaim claim;

    public EvaluationClaim(long[] point, Ext3 value) {
        claim = new SubClaim(point, value);
    }

    public long[] point() {
        return claim.point();
    }

    public Ext3 value() {
        return claim.expectedValue();
    }

    public int numVariables() {
        return claim.numVariables();
    }

    /** Discharges the claim with the value the caller trusts. */
    public void requireValue(Ext3 actual) throws VerificationException {
        if (!actual.equals(value())) {
            throw new VerificationException(GkrReason.EVALUATION_MISMATCH,
                    "polynomial evaluates to " + actual + " at the claimed point, the proof claims " + value());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EvaluationClaim c && c.claim.equals(claim);
    }

    @Override
    public int hashCode() {
        return claim.hashCode();
    }

    @Override
    public String toString() {
        return "EvaluationClaim[variables=" + numVariables() + ", value=" + value() + "]";
    }
}
