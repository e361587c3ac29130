package io.edgeproof.iop.sumcheck;

import io.edgeproof.field.Ext3;
import io.edgeproof.field.Goldilocks;
import java.util.Arrays;

/**
 * One sumcheck round polynomial p of degree d in compressed form: p(0), p(2), p(3), ..., p(d) as an
 * interleaved extension vector of d values. p(1) is left out because the verifier knows it already:
 * p(0) + p(1) must equal the running claim, so p(1) = claim - p(0). This saves one value per round and
 * makes the "round sum" check implicit: a wrong polynomial shows up as a wrong final evaluation.
 */
public record RoundPolynomial(long[] compressed) {
    /** 1 / prod_{j != i} (i - j) for the nodes 0..d, per degree d. */
    private static final long[][] LAGRANGE_WEIGHTS = lagrangeWeights(SumcheckExpression.MAX_DEGREE);

    public RoundPolynomial {
        if (compressed == null || compressed.length == 0 || compressed.length % 3 != 0) {
            throw new IllegalArgumentException("a round polynomial needs at least one extension value");
        }
        compressed = compressed.clone();
    }

    /** Compresses p(0), p(1), ..., p(d) (interleaved, d + 1 values) by dropping p(1). */
    public static RoundPolynomial fromEvaluations(long[] evaluations) {
        int d = evaluations.length / 3 - 1;
        long[] c = new long[3 * d];
        System.arraycopy(evaluations, 0, c, 0, 3);
        System.arraycopy(evaluations, 6, c, 3, 3 * (d - 1));
        return new RoundPolynomial(c);
    }

    @Override
    public long[] compressed() {
        return compressed.clone();
    }

    /** The degree d, one more than the number of values after p(0). */
    public int degree() {
        return compressed.length / 3;
    }

    /** Value {@code i} of the compressed form: p(0) for i = 0, p(i + 1) otherwise. */
    public Ext3 value(int i) {
        return Ext3.read(compressed, i);
    }

    /** p(r), with p(1) recovered from the running claim, by Lagrange interpolation on the nodes 0..d. */
    public Ext3 evaluate(Ext3 claim, Ext3 r) {
        int d = degree();
        if (d > SumcheckExpression.MAX_DEGREE) {
            throw new IllegalArgumentException("degree " + d + " exceeds " + SumcheckExpression.MAX_DEGREE);
        }
        Ext3[] values = new Ext3[d + 1];
        values[0] = value(0);
        values[1] = claim.sub(values[0]);
        for (int i = 2; i <= d; i++) {
            values[i] = value(i - 1);
        }
        // prod_{j != i} (r - j) as prefix * suffix: no inversion, and correct even when r is a node.
        Ext3[] suffix = new Ext3[d + 2];
        suffix[d + 1] = Ext3.ONE;
        for (int j = d; j >= 0; j--) {
            suffix[j] = suffix[j + 1].mul(r.addBase(Goldilocks.neg(j)));
        }
        long[] weights = LAGRANGE_WEIGHTS[d];
        Ext3 prefix = Ext3.ONE;
        Ext3 sum = Ext3.ZERO;
        for (int i = 0; i <= d; i++) {
            sum = sum.add(values[i].mul(prefix).mul(suffix[i + 1]).mulBase(weights[i]));
            prefix = prefix.mul(r.addBase(Goldilocks.neg(i)));
        }
        return sum;
    }

    private static long[][] lagrangeWeights(int maxDegree) {
        long[][] w = new long[maxDegree + 1][];
        for (int d = 0; d <= maxDegree; d++) {
            w[d] = new long[d + 1];
            for (int i = 0; i <= d; i++) {
                long denominator = 1;
                for (int j = 0; j <= d; j++) {
                    if (j != i) {
                        denominator = Goldilocks.mul(denominator, Goldilocks.fromSigned(i - j));
                    }
                }
                w[d][i] = Goldilocks.inverse(denominator);
            }
        }
        return w;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RoundPolynomial p && Arrays.equals(p.compressed, compressed);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(compressed);
    }

    @Override
    public String toString() {
        return "RoundPolynomial[degree=" + degree() + "]";
    }
}
