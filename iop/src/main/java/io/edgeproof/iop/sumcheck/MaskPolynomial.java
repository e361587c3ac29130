package io.edgeproof.iop.sumcheck;

import io.edgeproof.field.Ext3;
import io.edgeproof.field.Goldilocks;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Libra's masking polynomial g(x) = a_0 + g_1(x_1) + ... + g_n(x_n), each g_i a univariate of degree d with
 * zero constant term and extension coefficients. Its sum over the hypercube and its sumcheck round
 * polynomials have closed forms, O(n d) each, so masking costs the prover almost nothing.
 *
 * <p>{@code coefficients} holds c_{i,e} for variable i (0-based) and power e = 1..d at index i d + e - 1
 * (interleaved extension elements).
 */
public record MaskPolynomial(int numVariables, int degree, Ext3 constant, long[] coefficients) {
    public MaskPolynomial {
        if (numVariables < 1 || degree < 1 || coefficients.length != 3 * numVariables * degree) {
            throw new IllegalArgumentException("a mask needs n >= 1 variables and n d coefficients");
        }
        for (long c : coefficients) {
            Goldilocks.checkCanonical(c);
        }
        coefficients = coefficients.clone();
    }

    /** A uniformly random mask. {@code random} must be a cryptographic generator (SecureRandom) in a prover. */
    public static MaskPolynomial random(int numVariables, int degree, RandomGenerator random) {
        long[] c = new long[3 * numVariables * degree];
        for (int i = 0; i < c.length; i++) {
            c[i] = uniform(random);
        }
        return new MaskPolynomial(numVariables, degree, Ext3.of(uniform(random), uniform(random), uniform(random)), c);
    }

    private static long uniform(RandomGenerator random) {
        while (true) {
            long v = random.nextLong();
            if (Goldilocks.isCanonical(v)) {
                return v;
            }
        }
    }

    @Override
    public long[] coefficients() {
        return coefficients.clone();
    }

    /** g_i(x) for variable i (0-based). */
    public Ext3 univariate(int variable, Ext3 x) {
        Ext3 acc = Ext3.ZERO;
        for (int e = degree; e >= 1; e--) {
            acc = acc.add(Ext3.read(coefficients, variable * degree + e - 1)).mul(x);
        }
        return acc;
    }

    /** g(point). */
    public Ext3 evaluate(long[] point) {
        if (point.length != 3 * numVariables) {
            throw new IllegalArgumentException("mask over " + numVariables + " variables evaluated at " + point.length / 3);
        }
        Ext3 sum = constant;
        for (int i = 0; i < numVariables; i++) {
            sum = sum.add(univariate(i, Ext3.read(point, i)));
        }
        return sum;
    }

    /** sum_b g(b) = 2^n a_0 + 2^(n-1) sum_i g_i(1). */
    public Ext3 sumOverHypercube() {
        Ext3 ones = Ext3.ZERO;
        for (int i = 0; i < numVariables; i++) {
            ones = ones.add(univariate(i, Ext3.ONE));
        }
        return constant.mulBase(Goldilocks.pow(2, numVariables)).add(ones.mulBase(Goldilocks.pow(2, numVariables - 1)));
    }

    /**
     * Round i's polynomial (0-based) at X = 0..points-1, after challenges r_0..r_{i-1}:
     * 2^(n-1-i) (a_0 + sum_{j<i} g_j(r_j) + g_i(X)) + 2^(n-2-i) sum_{j>i} g_j(1).
     */
    public long[] roundEvaluations(int round, long[] earlierChallenges, int points) {
        Ext3 fixed = constant;
        for (int j = 0; j < round; j++) {
            fixed = fixed.add(univariate(j, Ext3.read(earlierChallenges, j)));
        }
        Ext3 later = Ext3.ZERO;
        for (int j = round + 1; j < numVariables; j++) {
            later = later.add(univariate(j, Ext3.ONE));
        }
        long weight = Goldilocks.pow(2, numVariables - 1 - round);
        Ext3 tail = round + 1 < numVariables ? later.mulBase(Goldilocks.pow(2, numVariables - 2 - round)) : Ext3.ZERO;
        long[] out = new long[3 * points];
        for (int x = 0; x < points; x++) {
            fixed.add(univariate(round, Ext3.ofBase(x))).mulBase(weight).add(tail).write(out, x);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MaskPolynomial m && m.numVariables == numVariables && m.degree == degree
                && m.constant.equals(constant) && Arrays.equals(m.coefficients, coefficients);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(coefficients) * 31 + constant.hashCode();
    }

    @Override
    public String toString() {
        return "MaskPolynomial[n=" + numVariables + ", d=" + degree + "]";
    }
}
