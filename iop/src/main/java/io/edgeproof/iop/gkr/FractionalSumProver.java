package io.edgeproof.iop.gkr;

import io.edgeproof.transcript.Transcript;
import java.util.ArrayList;
import java.util.List;

/**
 * Proves the sum of the leaf fractions of a {@link FractionTree} by GKR, layer by layer from the root,
 * on the caller's transcript. Prover work: O(2^n) (each layer's sumcheck is linear in the layer's size).
 */
public final class FractionalSumProver {
    private FractionalSumProver() {}

    /** The proof, and the claims it leaves (the same the verifier will derive). */
    public record Output(FractionalSumProof proof, FractionalSumClaims claims) {}

    public static Output prove(FractionTree tree, Transcript transcript) {
        FractionalSumRoot.bind(transcript, tree.rootNumerator(), tree.rootDenominator());
        FractionLayerReduction.LayerClaim claim =
                new FractionLayerReduction.LayerClaim(new long[0], tree.rootNumerator(), tree.rootDenominator());
        List<FractionLayerProof> layers = new ArrayList<>(tree.numVariables());
        for (int k = 0; k < tree.numVariables(); k++) {
            FractionLayerReduction.ProverStep step = FractionLayerReduction.prove(tree, k, claim, transcript);
            layers.add(step.proof());
            claim = step.next();
        }
        FractionalSumProof proof = new FractionalSumProof(tree.rootNumerator(), tree.rootDenominator(), layers);
        return new Output(proof, FractionalSumRoot.claims(proof, claim));
    }
}
