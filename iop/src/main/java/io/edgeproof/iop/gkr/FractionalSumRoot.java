package io.edgeproof.iop.gkr;

import io.edgeproof.field.Ext3;
import io.edgeproof.transcript.Transcript;
import java.util.ArrayList;
import java.util.List;

/** The transcript step and result shared by fractional-sum prover and verifier. */
final class FractionalSumRoot {
    private FractionalSumRoot() {}

    /** Each root fraction is absorbed before the first challenge. */
    static void bind(Transcript transcript, Ext3 numerator, Ext3 denominator) {
        transcript.ext("gkr-root-numerator", numerator);
        transcript.ext("gkr-root-denominator", denominator);
    }

    /** Per tree, its root and the claims on its leaves. */
    static List<FractionalSumClaims> claims(FractionalSumProof proof, List<FractionLayerReduction.LayerClaim> leaves) {
        List<FractionalSumClaims> out = new ArrayList<>(leaves.size());
        for (int t = 0; t < leaves.size(); t++) {
            FractionLayerReduction.LayerClaim leaf = leaves.get(t);
            out.add(new FractionalSumClaims(proof.rootNumerators().get(t), proof.rootDenominators().get(t),
                    new EvaluationClaim(leaf.point(), leaf.numerator()),
                    new EvaluationClaim(leaf.point(), leaf.denominator())));
        }
        return out;
    }
}
