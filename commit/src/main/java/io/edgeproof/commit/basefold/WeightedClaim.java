package io.edgeproof.commit.basefold;

import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import java.util.ArrayList;
import java.util.List;

/**
 * A claim on every polynomial of a hiding batch under one public weight W = sum_j weights_j eq(., points_j):
 * for each polynomial i, sum_b f_i(b) W(b) = sum_j weights_j f_i(points_j) = values_i. One point with weight
 * 1 is an evaluation claim; several points with public weights express an inner product with any table
 * the verifier can write as a short sum of eq's (a boolean point per nonzero entry of a small table), and
 * only the weighted sum is revealed, not the evaluations at the individual points.
 *
 * @param points  interleaved extension points with r_1 first, all of the polynomials' dimension
 * @param weights one public weight per point
 * @param values  the claimed weighted sums, one per polynomial of the batch (in commitment order)
 */
public record WeightedClaim(List<long[]> points, Ext3[] weights, Ext3[] values) {
    public WeightedClaim {
        if (points == null || weights == null || values == null || points.isEmpty() || values.length == 0
                || weights.length != points.size()) {
            throw new IllegalArgumentException("a weighted claim needs points, one weight per point and values");
        }
        int dim = points.get(0).length;
        List<long[]> copy = new ArrayList<>();
        for (long[] p : points) {
            if (p == null || p.length != dim || p.length % 3 != 0) {
                throw new IllegalArgumentException("every point of a weighted claim has the same dimension");
            }
            copy.add(p.clone());
        }
        for (Ext3 w : weights) {
            requireNonNull(w);
        }
        for (Ext3 v : values) {
            requireNonNull(v);
        }
        points = List.copyOf(copy);
        weights = weights.clone();
        values = values.clone();
    }

    private static void requireNonNull(Ext3 e) {
        if (e == null) {
            throw new IllegalArgumentException("null weight or value");
        }
    }

    /** The evaluation claim f_i(point) = values_i. */
    public static WeightedClaim at(long[] point, Ext3... values) {
        return new WeightedClaim(List.of(point), new Ext3[] {Ext3.ONE}, values);
    }

    /** The true claim for committed polynomials under this weight (prover side). */
    public static WeightedClaim of(List<HidingProverData> polys, List<long[]> points, Ext3[] weights) {
        Ext3[] values = new Ext3[polys.size()];
        for (int i = 0; i < values.length; i++) {
            Ext3 acc = Ext3.ZERO;
            for (int j = 0; j < points.size(); j++) {
                acc = acc.add(weights[j].mul(Multilinear.evaluate(polys.get(i).table(), points.get(j))));
            }
            values[i] = acc;
        }
        return new WeightedClaim(points, weights, values);
    }

    @Override
    public List<long[]> points() {
        List<long[]> out = new ArrayList<>();
        for (long[] p : points) {
            out.add(p.clone());
        }
        return out;
    }

    @Override
    public Ext3[] weights() {
        return weights.clone();
    }

    @Override
    public Ext3[] values() {
        return values.clone();
    }

    int dimension() {
        return points.get(0).length / 3;
    }

    /** Internal views (not copied: callers must not modify them). */
    List<long[]> pointsView() {
        return points;
    }

    Ext3 weight(int j) {
        return weights[j];
    }

    Ext3 value(int i) {
        return values[i];
    }

    /** The claim with value i replaced (tests and callers building wrong claims on purpose). */
    public WeightedClaim withValue(int i, Ext3 value) {
        Ext3[] v = values.clone();
        v[i] = value;
        return new WeightedClaim(points, weights, v);
    }
}
