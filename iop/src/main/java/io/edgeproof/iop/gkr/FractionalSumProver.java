package io.edgeproof.iop.gkr;

import io.edgeproof.transcript.Transcript;
import java.util.ArrayList;
import java.util.List;

/**
 * Proves the sum of the leaf fractions of a {@link FractionTree} by GKR, layer by layer from the root,
 * on the caller's transcript; or of several trees at once, sharing one sumcheck per layer (their claims stay
 * at a common point, {@link FractionLayerReduction}) until each reaches its leaves. Prover work: O(2^n) per
 * tree (each layer's sumcheck is linear in the layer's size).
 */
public final class FractionalSumProver {
    private FractionalSumProver() {}

    /** The proof, and the claims it leaves (the same the verifier will derive). */
    public record Output(FractionalSumProof proof, FractionalSumClaims claims) {}

    /** The batch's proof and, per tree in order, the claims it leaves. */
    public record BatchOutput(FractionalSumProof proof, List<FractionalSumClaims> claims) {}

    public static Output prove(FractionTree tree, Transcript transcript) {
        BatchOutput out = prove(List.of(tree), transcript);
        return new Output(out.proof(), out.claims().get(0));
    }

    public static BatchOutput prove(List<FractionTree> trees, Transcript transcript) {
        int[] vars = new int[trees.size()];
        List<FractionLayerReduction.LayerClaim> claims = new ArrayList<>();
        for (int t = 0; t < vars.length; t++) {
            FractionTree tree = trees.get(t);
            vars[t] = tree.numVariables();
            FractionalSumRoot.bind(transcript, tree.rootNumerator(), tree.rootDenominator());
            claims.add(new FractionLayerReduction.LayerClaim(new long[0], tree.rootNumerator(), tree.rootDenominator()));
        }
        int depth = FractionalSumVerifier.depth(vars);
        List<FractionLayerProof> layers = new ArrayList<>(depth);
        for (int k = 0; k < depth; k++) {
            List<FractionTree> active = new ArrayList<>();
            List<FractionLayerReduction.LayerClaim> activeClaims = new ArrayList<>();
            for (int t = 0; t < vars.length; t++) {
                if (vars[t] > k) {
                    active.add(trees.get(t));
                    activeClaims.add(claims.get(t));
                }
            }
            FractionLayerReduction.ProverStep step = FractionLayerReduction.prove(active, k, activeClaims, transcript);
            layers.add(step.proof());
            FractionalSumVerifier.advance(vars, k, claims, step.next());
        }
        FractionalSumProof proof = proofOf(trees, layers);
        return new BatchOutput(proof, FractionalSumRoot.claims(proof, claims));
    }

    private static FractionalSumProof proofOf(List<FractionTree> trees, List<FractionLayerProof> layers) {
        List<io.edgeproof.field.Ext3> p = new ArrayList<>();
        List<io.edgeproof.field.Ext3> q = new ArrayList<>();
        for (FractionTree tree : trees) {
            p.add(tree.rootNumerator());
            q.add(tree.rootDenominator());
        }
        return new FractionalSumProof(p, q, layers);
    }
}
