package io.edgeproof.iop.gkr;

import io.edgeproof.field.Ext3;
import io.edgeproof.iop.sumcheck.SumcheckReason;
import io.edgeproof.transcript.Transcript;
import io.edgeproof.transcript.VerificationException;
import java.util.List;

/**
 * Verifies a fractional-sum GKR proof for a tree with 2^n leaves and returns the root fraction with the two
 * leaf claims the caller must discharge. Shapes (layer count, rounds, degrees) are checked before anything
 * is absorbed. Cost: O(n^2) extension operations.
 */
public final class FractionalSumVerifier {
    private FractionalSumVerifier() {}

    public static FractionalSumClaims verify(int numVariables, FractionalSumProof proof, Transcript transcript)
            throws VerificationException {
        List<FractionLayerProof> layers = proof.layers();
        if (layers.size() != numVariables) {
            throw new VerificationException(GkrReason.WRONG_LAYER_COUNT,
                    "expected " + numVariables + " layers, got " + layers.size());
        }
        for (int k = 0; k < numVariables; k++) {
            if (layers.get(k).sumcheck().numRounds() != k) {
                throw new VerificationException(SumcheckReason.WRONG_ROUND_COUNT,
                        "layer " + k + " has " + layers.get(k).sumcheck().numRounds() + " sumcheck rounds");
            }
        }
        FractionalSumRoot.bind(transcript, proof.rootNumerator(), proof.rootDenominator());
        FractionLayerReduction.LayerClaim claim =
                new FractionLayerReduction.LayerClaim(new long[0], proof.rootNumerator(), proof.rootDenominator());
        for (int k = 0; k < numVariables; k++) {
            claim = FractionLayerReduction.verify(k, claim, layers.get(k), transcript);
        }
        return FractionalSumRoot.claims(proof, claim);
    }

    /**
     * Bits of soundness for a tree of 2^n leaves. Layer k (k variables) fails with probability at most
     * (3k + 2)/|F|: 1/|F| for combining the two claims with lambda, 3k/|F| for its degree-3 sumcheck and
     * 1/|F| for restricting the children to the line through mu. Summed over the layers:
     * (3 n(n-1)/2 + 2n)/|F|.
     */
    public static double soundnessBits(int numVariables) {
        if (numVariables == 0) {
            return Ext3.LOG2_ORDER;
        }
        return Ext3.LOG2_ORDER - Math.log(soundnessTerms(numVariables)) / Math.log(2);
    }

    /** The soundness error times |F|, so callers can add it to their other terms before taking logs. */
    public static double soundnessTerms(int numVariables) {
        return 1.5 * numVariables * (numVariables - 1) + 2.0 * numVariables;
    }
}
