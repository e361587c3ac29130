package io.edgeproof.iop.gkr;

import io.edgeproof.field.Ext3;
import io.edgeproof.iop.sumcheck.SumcheckReason;
import io.edgeproof.transcript.Transcript;
import io.edgeproof.transcript.VerificationException;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies a fractional-sum GKR proof for a tree with 2^n leaves (or a batch of trees) and returns the root
 * fraction with the two leaf claims the caller must discharge, per tree. Shapes (layer count, rounds,
 * degrees, trees per layer) are checked before anything is absorbed. Cost: O(n^2) extension operations.
 */
public final class FractionalSumVerifier {
    private FractionalSumVerifier() {}

    public static FractionalSumClaims verify(int numVariables, FractionalSumProof proof, Transcript transcript)
            throws VerificationException {
        return verify(new int[] {numVariables}, proof, transcript).get(0);
    }

    /** The batch of trees with these numbers of leaf variables, in the prover's order. */
    public static List<FractionalSumClaims> verify(int[] numVariables, FractionalSumProof proof, Transcript transcript)
            throws VerificationException {
        List<FractionLayerProof> layers = proof.layers();
        int depth = depth(numVariables);
        if (proof.rootNumerators().size() != numVariables.length || layers.size() != depth) {
            throw new VerificationException(GkrReason.WRONG_LAYER_COUNT, "expected " + numVariables.length
                    + " trees and " + depth + " layers, got " + proof.rootNumerators().size() + " and " + layers.size());
        }
        for (int k = 0; k < depth; k++) {
            if (layers.get(k).sumcheck().numRounds() != k) {
                throw new VerificationException(SumcheckReason.WRONG_ROUND_COUNT,
                        "layer " + k + " has " + layers.get(k).sumcheck().numRounds() + " sumcheck rounds");
            }
            if (layers.get(k).trees() != descending(numVariables, k)) {
                throw new VerificationException(GkrReason.WRONG_LAYER_COUNT,
                        "layer " + k + " has children values for " + layers.get(k).trees() + " trees");
            }
        }
        List<FractionLayerReduction.LayerClaim> claims = new ArrayList<>();
        for (int t = 0; t < numVariables.length; t++) {
            FractionalSumRoot.bind(transcript, proof.rootNumerators().get(t), proof.rootDenominators().get(t));
            claims.add(new FractionLayerReduction.LayerClaim(new long[0], proof.rootNumerators().get(t),
                    proof.rootDenominators().get(t)));
        }
        for (int k = 0; k < depth; k++) {
            List<FractionLayerReduction.LayerClaim> active = new ArrayList<>();
            for (int t = 0; t < numVariables.length; t++) {
                if (numVariables[t] > k) {
                    active.add(claims.get(t));
                }
            }
            advance(numVariables, k, claims, FractionLayerReduction.verify(k, active, layers.get(k), transcript));
        }
        return FractionalSumRoot.claims(proof, claims);
    }

    /** The deepest tree's number of variables: the batch's layer count. */
    static int depth(int[] numVariables) {
        int depth = 0;
        for (int n : numVariables) {
            depth = Math.max(depth, n);
        }
        return depth;
    }

    /** Trees still descending at layer k (deeper than k). */
    static int descending(int[] numVariables, int k) {
        int count = 0;
        for (int n : numVariables) {
            count += n > k ? 1 : 0;
        }
        return count;
    }

    /** Replaces the claims of the trees deeper than k, in order, by their claims on layer k + 1. */
    static void advance(int[] numVariables, int k, List<FractionLayerReduction.LayerClaim> claims,
                        List<FractionLayerReduction.LayerClaim> next) {
        int i = 0;
        for (int t = 0; t < numVariables.length; t++) {
            if (numVariables[t] > k) {
                claims.set(t, next.get(i++));
            }
        }
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

    /**
     * The soundness error times |F| of a batch: layer k combines the 2A claims of its A descending trees with
     * lambda and beta (A/|F|: degree 1 in lambda, A - 1 in beta), runs one degree-3 sumcheck (3k/|F|) and
     * draws mu (1/|F|). At most the sum of the trees' own terms.
     */
    public static double soundnessTerms(int[] numVariables) {
        double terms = 0;
        for (int k = 0; k < depth(numVariables); k++) {
            terms += 3.0 * k + 1 + descending(numVariables, k);
        }
        return terms;
    }
}
