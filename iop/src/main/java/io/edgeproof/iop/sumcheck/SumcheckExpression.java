package io.edgeproof.iop.sumcheck;

import io.edgeproof.field.Ext3;
import io.edgeproof.field.Ext3Vec;
import java.util.List;

/**
 * The summand of a sumcheck, sum_k c_k * prod_{j in S_k} P_j, over {@code numPolynomials} multilinear
 * polynomials. Prover and verifier share it: the prover to build round polynomials, the verifier to turn
 * the final evaluations of the P_j into the value a {@link SubClaim} expects.
 */
public record SumcheckExpression(int numPolynomials, List<SumcheckTerm> terms) {
    /** Round polynomials above this degree are refused: the wire format and the verifier stay small. */
    public static final int MAX_DEGREE = 16;

    public SumcheckExpression {
        if (numPolynomials < 1 || terms == null || terms.isEmpty()) {
            throw new IllegalArgumentException("an expression needs at least one polynomial and one term");
        }
        terms = List.copyOf(terms);
        for (SumcheckTerm term : terms) {
            for (int f : term.factors()) {
                if (f < 0 || f >= numPolynomials) {
                    throw new IllegalArgumentException("factor " + f + " outside [0, " + numPolynomials + ")");
                }
            }
            if (term.degree() > MAX_DEGREE) {
                throw new IllegalArgumentException("term degree " + term.degree() + " exceeds " + MAX_DEGREE);
            }
        }
    }

    /** P_0 * P_1, the shape of the benchmark and of most claim reductions. */
    public static SumcheckExpression productOfTwo() {
        return new SumcheckExpression(2, List.of(SumcheckTerm.product(0, 1)));
    }

    /**
     * The expression with polynomial {@code index} divided out of every term (each must hold it exactly
     * once) and the later polynomials renumbered down: e.g. a zero-check's summand without its eq factor,
     * for {@link SumcheckProver#proveEqWeighted}.
     */
    public SumcheckExpression withoutFactor(int index) {
        List<SumcheckTerm> out = new java.util.ArrayList<>();
        for (SumcheckTerm term : terms) {
            int[] f = term.factors();
            int[] rest = new int[f.length - 1];
            int n = 0;
            for (int x : f) {
                if (x != index) {
                    if (n == rest.length) {
                        throw new IllegalArgumentException("a term without factor " + index + ": " + term);
                    }
                    rest[n++] = x > index ? x - 1 : x;
                }
            }
            if (n != rest.length || rest.length == 0) {
                throw new IllegalArgumentException("factor " + index + " is not in every term exactly once: " + term);
            }
            out.add(new SumcheckTerm(term.coefficient(), rest));
        }
        return new SumcheckExpression(numPolynomials - 1, out);
    }

    /** The degree of every round polynomial: the largest number of factors in one term. */
    public int degree() {
        int d = 0;
        for (SumcheckTerm term : terms) {
            d = Math.max(d, term.degree());
        }
        return d;
    }

    /** The summand at one point, given P_j's value there (an interleaved vector of numPolynomials values). */
    public Ext3 evaluate(long[] values) {
        if (Ext3Vec.length(values) != numPolynomials || values.length % 3 != 0) {
            throw new IllegalArgumentException("expected " + numPolynomials + " values, got " + values.length / 3.0);
        }
        Ext3 sum = Ext3.ZERO;
        for (SumcheckTerm term : terms) {
            Ext3 product = term.coefficient();
            for (int f : term.factors()) {
                product = product.mul(Ext3.read(values, f));
            }
            sum = sum.add(product);
        }
        return sum;
    }
}
