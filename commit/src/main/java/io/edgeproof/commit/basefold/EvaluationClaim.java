package io.edgeproof.commit.basefold;

import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;

/**
 * A claim f_i(point) = value about polynomial {@code polynomial} of a batch (its index in the list of
 * commitments). The point is an interleaved extension vector with r_1 first, of the polynomial's own
 * dimension.
 */
public record EvaluationClaim(int polynomial, long[] point, Ext3 value) {
    public EvaluationClaim {
        if (polynomial < 0 || point == null || point.length % 3 != 0 || value == null) {
            throw new IllegalArgumentException("malformed evaluation claim");
        }
        point = point.clone();
    }

    @Override
    public long[] point() {
        return point.clone();
    }

    int dimension() {
        return point.length / 3;
    }

    long[] pointView() {
        return point;
    }

    /** The true claim for a committed polynomial, computed from its table (prover side). */
    public static EvaluationClaim of(BasefoldProverData data, int polynomial, long[] point) {
        return new EvaluationClaim(polynomial, point, Multilinear.evaluate(data.table(), point));
    }
}
