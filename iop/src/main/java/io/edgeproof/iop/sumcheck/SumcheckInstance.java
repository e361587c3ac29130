package io.edgeproof.iop.sumcheck;

import java.util.List;

/**
 * What the prover proves the sum of: an expression over multilinear tables that all have
 * {@code numVariables} variables.
 */
public record SumcheckInstance(int numVariables, List<MultilinearTable> tables, SumcheckExpression expression) {
    /** 3 * 2^n longs must fit a Java array. */
    public static final int MAX_VARIABLES = 28;

    public SumcheckInstance {
        if (numVariables < 0 || numVariables > MAX_VARIABLES) {
            throw new IllegalArgumentException("numVariables " + numVariables + " outside [0, " + MAX_VARIABLES + "]");
        }
        tables = List.copyOf(tables);
        if (tables.size() != expression.numPolynomials()) {
            throw new IllegalArgumentException("expression uses " + expression.numPolynomials() + " polynomials, got "
                    + tables.size() + " tables");
        }
        for (MultilinearTable t : tables) {
            if (t.numVariables() != numVariables) {
                throw new IllegalArgumentException("table with " + t.numVariables() + " variables in a sumcheck over "
                        + numVariables);
            }
        }
    }

    /** sum_b a(b) * b(b). */
    public static SumcheckInstance productOfTwo(MultilinearTable a, MultilinearTable b) {
        return new SumcheckInstance(a.numVariables(), List.of(a, b), SumcheckExpression.productOfTwo());
    }

    public int degree() {
        return expression.degree();
    }
}
