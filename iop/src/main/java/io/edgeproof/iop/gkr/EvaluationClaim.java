package io.edgeproof.iop.gkr;

import io.edgeproof.field.Ext3;
import io.edgeproof.field.Ext3Vec;
import io.edgeproof.transcript.VerificationException;
import java.util.Arrays;

/**
 * "The multilinear extension of some polynomial, at {@code point} (r_1 first), is {@code value}": what a
 * reduction leaves for the caller to discharge, by its own evaluation or a commitment opening at exactly
 * this point.
 */
public record EvaluationClaim(long[] point, Ext3 value) {
    public EvaluationClaim {
        if (point == null || point.length % 3 != 0 || value == null) {
            throw new IllegalArgumentException("an evaluation claim needs an interleaved point and a value");
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

    /** Discharges the claim with the value the caller trusts. */
    public void requireValue(Ext3 actual) throws VerificationException {
        if (!actual.equals(value)) {
            throw new VerificationException(GkrReason.EVALUATION_MISMATCH,
                    "polynomial evaluates to " + actual + " at the claimed point, the proof claims " + value);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EvaluationClaim c && Arrays.equals(c.point, point) && c.value.equals(value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(point) * 31 + value.hashCode();
    }

    @Override
    public String toString() {
        return "EvaluationClaim[variables=" + numVariables() + ", value=" + value + "]";
    }
}
