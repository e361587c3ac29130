package io.edgeproof.iop.gkr;

import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import io.edgeproof.iop.sumcheck.MultilinearTable;
import io.edgeproof.iop.sumcheck.SubClaim;
import io.edgeproof.iop.sumcheck.SumcheckExpression;
import io.edgeproof.iop.sumcheck.SumcheckProverOutput;
import io.edgeproof.iop.sumcheck.SumcheckTerm;
import io.edgeproof.iop.sumcheck.SumcheckVerifier;
import io.edgeproof.transcript.Transcript;
import io.edgeproof.transcript.VerificationException;
import java.util.List;

/**
 * One GKR step for a fraction tree: reduces claims p_k(r) = P, q_k(r) = Q on layer k to claims on layer
 * k + 1 at the point (rho, mu). With L, R the left and right halves of layer k + 1,
 * <pre>  P + lambda Q = sum_y eq(r, y) (pL(y) qR(y) + pR(y) qL(y) + lambda qL(y) qR(y)),</pre>
 * a degree-3 sumcheck over k variables ending at rho; the prover sends pL, pR, qL, qR at rho, the verifier
 * checks them against the sumcheck's last value, draws mu and continues with
 * p_{k+1}(rho, mu) = pL + mu (pR - pL) and q_{k+1}(rho, mu) = qL + mu (qR - qL).
 *
 * <p>Prover and verifier halves live together so their transcript order cannot drift: lambda, the sumcheck,
 * the children values, mu.
 */
final class FractionLayerReduction {
    private FractionLayerReduction() {}

    /** Claims on one layer at one point. */
    record LayerClaim(long[] point, Ext3 numerator, Ext3 denominator) {}

    /** The prover's step: the layer proof and the claims on the children layer. */
    record ProverStep(FractionLayerProof proof, LayerClaim next) {}

    /** The explicit form of a layer's summand over eq, pL, pR, qL, qR (the fast prover keeps eq implicit). */
    static SumcheckExpression expression(Ext3 lambda) {
        return new SumcheckExpression(5, List.of(
                SumcheckTerm.product(0, 1, 4),
                SumcheckTerm.product(0, 2, 3),
                SumcheckTerm.of(lambda, 0, 3, 4)));
    }

    static ProverStep prove(FractionTree tree, int layer, LayerClaim claim, Transcript transcript) {
        Ext3 lambda = transcript.challengeExt("gkr-lambda");
        MultilinearTable p = tree.unitNumerators(layer + 1) ? null : tree.numerators(layer + 1);
        long[] q = tree.denominators(layer + 1);
        FractionLayerSumcheck sumcheck = q != null ? new FractionLayerSumcheck(claim.point(), lambda, p, q)
                : new FractionLayerSumcheck(claim.point(), lambda, p, tree.leafShift(), tree.leafValues());
        SumcheckProverOutput out = sumcheck.prove(claim.numerator().add(lambda.mul(claim.denominator())), transcript);
        FractionLayerProof proof = new FractionLayerProof(out.proof(), out.finalEvaluation(1), out.finalEvaluation(2),
                out.finalEvaluation(3), out.finalEvaluation(4));
        return new ProverStep(proof, next(proof, out.point(), transcript));
    }

    static LayerClaim verify(int layer, LayerClaim claim, FractionLayerProof proof, Transcript transcript)
            throws VerificationException {
        Ext3 lambda = transcript.challengeExt("gkr-lambda");
        SubClaim sub = SumcheckVerifier.verify(claim.numerator().add(lambda.mul(claim.denominator())), layer,
                FractionLayerProof.DEGREE, proof.sumcheck(), transcript);
        Ext3 eq = Multilinear.eq(claim.point(), sub.point());
        Ext3 pl = proof.leftNumerator(), pr = proof.rightNumerator();
        Ext3 ql = proof.leftDenominator(), qr = proof.rightDenominator();
        Ext3 implied = eq.mul(pl.mul(qr).add(pr.mul(ql)).add(lambda.mul(ql).mul(qr)));
        if (!implied.equals(sub.expectedValue())) {
            throw new VerificationException(GkrReason.LAYER_MISMATCH, "layer " + layer + ": sumcheck ends at "
                    + sub.expectedValue() + ", the children values imply " + implied);
        }
        return next(proof, sub.point(), transcript);
    }

    /** Absorbs the children values, draws mu and restricts both children to the line through them. */
    private static LayerClaim next(FractionLayerProof proof, long[] rho, Transcript transcript) {
        transcript.exts("gkr-children", proof.childrenValues());
        Ext3 mu = transcript.challengeExt("gkr-mu");
        long[] point = java.util.Arrays.copyOf(rho, rho.length + 3);
        mu.write(point, rho.length / 3);
        Ext3 p = proof.leftNumerator().add(mu.mul(proof.rightNumerator().sub(proof.leftNumerator())));
        Ext3 q = proof.leftDenominator().add(mu.mul(proof.rightDenominator().sub(proof.leftDenominator())));
        return new LayerClaim(point, p, q);
    }
}
