package io.edgeproof.iop.sumcheck;

import io.edgeproof.field.Ext3;
import io.edgeproof.field.Ext3Vec;
import io.edgeproof.transcript.VerificationException;

/**
 * What a sumcheck verifier proved: the sum is right if the summand, evaluated at {@code point}, equals
 * {@code expectedValue}. The caller must discharge this, against values it trusts (its own evaluation or a
 * commitment opening at exactly this point); until then nothing is proved.
 */
public record SubClaim(long[] point, Ext3 expectedValue) {
    public SubClaim {
        if (point == null || point.length % 3 != 0 || expectedValue == null) {
            throw new IllegalArgumentException("a claim needs an interleaved point and a value");
        }
        point = point.clone();
    }

    @Override
    public long[] point() {
        return point.clone();
    }

    public int numVariables() {
        return Ext3Vec.length(point);
    }

    /** Discharges the claim with the summand's value at the point, computed by the caller. */
    public void requireValue(Ext3 actual) throws VerificationException {
        if (!actual.equals(expectedValue)) {
            throw new VerificationException(SumcheckReason.FINAL_EVALUATION_MISMATCH,
                    "summand at the final point is " + actual + ", the last round implies " + expectedValue);
        }
    }

    /**
     * Discharges the claim with claimed evaluations of each polynomial at the point (interleaved). The
     * caller still has to check those evaluations against its commitments.
     */
    public void requireEvaluations(SumcheckExpression expression, long[] evaluations) throws VerificationException {
        requireValue(expression.evaluate(evaluations));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SubClaim c && java.util.Arrays.equals(c.point, point) && c.expectedValue.equals(expectedValue);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(point) * 31 + expectedValue.hashCode();
    }

    @Override
    public String toString() {
        return "SubClaim[variables=" + numVariables() + ", expected=" + expectedValue + "]";
    }
}
