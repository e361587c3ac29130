package io.edgeproof.iop.sumcheck;

import io.edgeproof.field.Ext3;
import io.edgeproof.transcript.Transcript;
import io.edgeproof.transcript.VerificationException;
import java.util.List;

/**
 * Checks a sumcheck proof against a claimed sum, on the caller's transcript, and returns the
 * {@link SubClaim} the caller must discharge. Shapes are checked before any arithmetic or absorption.
 * Cost: O(n d) extension operations.
 */
public final class SumcheckVerifier {
    private SumcheckVerifier() {}

    public static SubClaim verify(Ext3 claimedSum, int numVariables, int degree, SumcheckProof proof,
                                  Transcript transcript) throws VerificationException {
        if (numVariables < 0 || degree < 1 || degree > SumcheckExpression.MAX_DEGREE) {
            throw new IllegalArgumentException("no sumcheck has " + numVariables + " variables of degree " + degree);
        }
        List<RoundPolynomial> rounds = proof.rounds();
        if (rounds.size() != numVariables) {
            throw new VerificationException(SumcheckReason.WRONG_ROUND_COUNT,
                    "expected " + numVariables + " rounds, got " + rounds.size());
        }
        for (int i = 0; i < rounds.size(); i++) {
            if (rounds.get(i).degree() != degree) {
                throw new VerificationException(SumcheckReason.WRONG_DEGREE,
                        "round " + i + " has degree " + rounds.get(i).degree() + ", expected " + degree);
            }
        }
        SumcheckRounds.bindStatement(transcript, numVariables, degree, claimedSum);
        long[] point = new long[3 * numVariables];
        Ext3 claim = claimedSum;
        for (int i = 0; i < numVariables; i++) {
            Ext3 r = SumcheckRounds.bindRound(transcript, rounds.get(i));
            r.write(point, i);
            claim = rounds.get(i).evaluate(claim, r);
        }
        return new SubClaim(point, claim);
    }

    /**
     * Bits of soundness of one sumcheck: a false claim survives a round with probability at most d/|F|
     * (Schwartz-Zippel on the difference of two distinct degree-d polynomials), so n rounds give
     * error n d / |F| with |F| = p^3.
     */
    public static double soundnessBits(int numVariables, int degree) {
        if (numVariables == 0) {
            return Ext3.LOG2_ORDER;
        }
        return Ext3.LOG2_ORDER - log2((double) numVariables * degree);
    }

    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
