package io.edgeproof.iop.sumcheck;

import io.edgeproof.field.Ext3;
import java.util.Arrays;

/** One product c * prod_{j in factors} P_j of a sumcheck expression; a factor may repeat (P_j^2). */
public record SumcheckTerm(Ext3 coefficient, int[] factors) {
    public SumcheckTerm {
        if (coefficient == null || factors == null || factors.length == 0) {
            throw new IllegalArgumentException("a term needs a coefficient and at least one factor");
        }
        factors = factors.clone();
    }

    public static SumcheckTerm of(Ext3 coefficient, int... factors) {
        return new SumcheckTerm(coefficient, factors);
    }

    public static SumcheckTerm product(int... factors) {
        return new SumcheckTerm(Ext3.ONE, factors);
    }

    @Override
    public int[] factors() {
        return factors.clone();
    }

    int factor(int i) {
        return factors[i];
    }

    int degree() {
        return factors.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SumcheckTerm t && t.coefficient.equals(coefficient) && Arrays.equals(t.factors, factors);
    }

    @Override
    public int hashCode() {
        return coefficient.hashCode() * 31 + Arrays.hashCode(factors);
    }

    @Override
    public String toString() {
        return "SumcheckTerm[" + coefficient + " * " + Arrays.toString(factors) + "]";
    }
}
