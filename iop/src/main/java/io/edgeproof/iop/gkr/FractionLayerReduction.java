package io.edgeproof.iop.gkr;

import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import io.edgeproof.iop.sumcheck.SubClaim;
import io.edgeproof.iop.sumcheck.SumcheckExpression;
import io.edgeproof.iop.sumcheck.SumcheckProverOutput;
import io.edgeproof.iop.sumcheck.SumcheckTerm;
import io.edgeproof.iop.sumcheck.SumcheckVerifier;
import io.edgeproof.transcript.Transcript;
import io.edgeproof.transcript.VerificationException;
import java.util.ArrayList;
import java.util.List;

/**
 * One GKR step for a fraction tree: reduces claims p_k(r) = P, q_k(r) = Q on layer k to claims on layer
 * k + 1 at the point (rho, mu). With L, R the left and right halves of layer k + 1,
 * <pre>  P + lambda Q = sum_y eq(r, y) (pL(y) qR(y) + pR(y) qL(y) + lambda qL(y) qR(y)),</pre>
 * a degree-3 sumcheck over k variables ending at rho; the prover sends pL, pR, qL, qR at rho, the verifier
 * checks them against the sumcheck's last value, draws mu and continues with
 * p_{k+1}(rho, mu) = pL + mu (pR - pL) and q_{k+1}(rho, mu) = qL + mu (qR - qL).
 *
 * <p>A batch of A trees whose claims share the point r runs one sumcheck of sum_a beta^a (P_a + lambda Q_a)
 * (beta drawn only when A > 1, so a single tree's step is unchanged) and shares rho and mu, so the trees stay
 * at a common point. Prover and verifier halves live together so their transcript order cannot drift:
 * lambda, beta, the sumcheck, the children values, mu.
 */
final class FractionLayerReduction {
    private FractionLayerReduction() {}

    /** Claims on one layer at one point. */
    record LayerClaim(long[] point, Ext3 numerator, Ext3 denominator) {}

    /** The prover's step: the layer proof and the claims on each tree's children layer. */
    record ProverStep(FractionLayerProof proof, List<LayerClaim> next) {}

    /** The explicit form of a layer's summand over eq, pL, pR, qL, qR (the fast prover keeps eq implicit). */
    static SumcheckExpression expression(Ext3 lambda) {
        return new SumcheckExpression(5, List.of(
                SumcheckTerm.product(0, 1, 4),
                SumcheckTerm.product(0, 2, 3),
                SumcheckTerm.of(lambda, 0, 3, 4)));
    }

    static ProverStep prove(List<FractionTree> trees, int layer, List<LayerClaim> claims, Transcript transcript) {
        Ext3 lambda = transcript.challengeExt("gkr-lambda");
        Ext3[] c = coefficients(transcript, trees.size());
        SumcheckProverOutput out = FractionLayerSumcheck.batch(claims.get(0).point(), lambda, trees, layer, c)
                .prove(combinedClaim(claims, lambda, c), transcript);
        List<Ext3> children = new ArrayList<>(4 * trees.size());
        for (int j = 1; j <= 4 * trees.size(); j++) {
            children.add(out.finalEvaluation(j));
        }
        FractionLayerProof proof = new FractionLayerProof(out.proof(), children);
        return new ProverStep(proof, next(proof, out.point(), transcript));
    }

    static List<LayerClaim> verify(int layer, List<LayerClaim> claims, FractionLayerProof proof, Transcript transcript)
            throws VerificationException {
        if (proof.trees() != claims.size()) {
            throw new VerificationException(GkrReason.WRONG_LAYER_COUNT, "layer " + layer + " reduces "
                    + proof.trees() + " trees, " + claims.size() + " descend there");
        }
        Ext3 lambda = transcript.challengeExt("gkr-lambda");
        Ext3[] c = coefficients(transcript, claims.size());
        SubClaim sub = SumcheckVerifier.verify(combinedClaim(claims, lambda, c), layer, FractionLayerProof.DEGREE,
                proof.sumcheck(), transcript);
        Ext3 sum = Ext3.ZERO;
        for (int a = 0; a < c.length; a++) {
            Ext3 pl = proof.child(a, 0), pr = proof.child(a, 1), ql = proof.child(a, 2), qr = proof.child(a, 3);
            sum = sum.add(c[a].mul(pl.mul(qr).add(pr.mul(ql)).add(lambda.mul(ql).mul(qr))));
        }
        Ext3 implied = Multilinear.eq(claims.get(0).point(), sub.point()).mul(sum);
        if (!implied.equals(sub.expectedValue())) {
            throw new VerificationException(GkrReason.LAYER_MISMATCH, "layer " + layer + ": sumcheck ends at "
                    + sub.expectedValue() + ", the children values imply " + implied);
        }
        return next(proof, sub.point(), transcript);
    }

    /** 1, beta, beta^2, ...: one per tree (no challenge for a single tree). */
    private static Ext3[] coefficients(Transcript transcript, int trees) {
        Ext3[] c = new Ext3[trees];
        c[0] = Ext3.ONE;
        if (trees > 1) {
            Ext3 beta = transcript.challengeExt("gkr-batch");
            for (int a = 1; a < trees; a++) {
                c[a] = c[a - 1].mul(beta);
            }
        }
        return c;
    }

    private static Ext3 combinedClaim(List<LayerClaim> claims, Ext3 lambda, Ext3[] c) {
        Ext3 sum = Ext3.ZERO;
        for (int a = 0; a < c.length; a++) {
            LayerClaim claim = claims.get(a);
            sum = sum.add(c[a].mul(claim.numerator().add(lambda.mul(claim.denominator()))));
        }
        return sum;
    }

    /** Absorbs the children values, draws mu and restricts every tree's children to the line through them. */
    private static List<LayerClaim> next(FractionLayerProof proof, long[] rho, Transcript transcript) {
        transcript.exts("gkr-children", proof.childrenValues());
        Ext3 mu = transcript.challengeExt("gkr-mu");
        long[] point = java.util.Arrays.copyOf(rho, rho.length + 3);
        mu.write(point, rho.length / 3);
        List<LayerClaim> next = new ArrayList<>(proof.trees());
        for (int a = 0; a < proof.trees(); a++) {
            Ext3 pl = proof.child(a, 0), pr = proof.child(a, 1), ql = proof.child(a, 2), qr = proof.child(a, 3);
            next.add(new LayerClaim(point, pl.add(mu.mul(pr.sub(pl))), ql.add(mu.mul(qr.sub(ql)))));
        }
        return next;
    }
}
