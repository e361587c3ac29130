package io.edgeproof.iop.gkr;

import io.edgeproof.field.Ext3;
import io.edgeproof.transcript.Transcript;

/** The transcript step and result shared by fractional-sum prover and verifier. */
final class FractionalSumRoot {
    private FractionalSumRoot() {}

    /** The root fraction is absorbed before the first challenge. */
    static void bind(Transcript transcript, Ext3 numerator, Ext3 denominator) {
        transcript.ext("gkr-root-numerator", numerator);
        transcript.ext("gkr-root-denominator", denominator);
    }

    static FractionalSumClaims claims(FractionalSumProof proof, FractionLayerReduction.LayerClaim leaves) {
        return new FractionalSumClaims(proof.rootNumerator(), proof.rootDenominator(),
                new EvaluationClaim(leaves.point(), leaves.numerator()),
                new EvaluationClaim(leaves.point(), leaves.denominator()));
    }
}
