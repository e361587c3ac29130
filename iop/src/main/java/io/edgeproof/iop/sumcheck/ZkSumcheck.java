package io.edgeproof.iop.sumcheck;

import io.edgeproof.field.Ext3;
import io.edgeproof.transcript.Transcript;
import io.edgeproof.transcript.VerificationException;

/**
 * Libra-style masked sumcheck (Xie et al. 2019, section 4.1); design note in iop/ZK-SUMCHECK.md. To prove
 * H = sum_b f(b), the prover commits to a random mask g, sends G = sum_b g(b), receives rho, and runs the
 * ordinary sumcheck on f + rho g for the claim H + rho G. Every round polynomial then carries
 * rho 2^(n-i) g_i(X), a random univariate of the round's degree, which hides f's round polynomial. At the
 * end the mask is opened at the final point r, and the caller is left with the sub-claim f(r) = value.
 *
 * <p>Not hidden by this class: f(r) itself, which the caller must reveal through a hiding opening (or by
 * masking f's table with extra random variables). Soundness: that of the sumcheck, plus 1/|F| for rho.
 */
public final class ZkSumcheck {
    private ZkSumcheck() {}

    public record ProverOutput(ZkSumcheckProof proof, Ext3 claimedSum, long[] point, long[] finalEvaluations) {}

    /** Requires at least one variable; the mask must have the instance's shape. */
    public static ProverOutput prove(SumcheckInstance instance, MaskPolynomial mask, MaskCommitmentScheme scheme,
                                     Transcript transcript) {
        if (mask.numVariables() != instance.numVariables() || mask.degree() != instance.degree()) {
            throw new IllegalArgumentException("mask shape differs from the instance's");
        }
        byte[] commitment = scheme.commit(mask);
        Ext3 maskSum = mask.sumOverHypercube();
        Ext3 rho = bindMask(transcript, commitment, maskSum);
        SumcheckProverOutput out = new GenericSumcheckProver(instance, (round, challenges, points) -> {
            long[] e = mask.roundEvaluations(round, challenges, points);
            for (int i = 0; i < points; i++) {
                Ext3.read(e, i).mul(rho).write(e, i);
            }
            return e;
        }).prove(transcript);
        Ext3 maskValue = mask.evaluate(out.point());
        transcript.ext("zk-mask-evaluation", maskValue);
        ZkSumcheckProof proof = new ZkSumcheckProof(commitment, maskSum, out.proof(), maskValue,
                scheme.open(mask, out.point(), maskValue));
        Ext3 sum = out.claimedSum().sub(rho.mul(maskSum));
        return new ProverOutput(proof, sum, out.point(), out.finalEvaluations());
    }

    /**
     * A prover that computes its own round polynomials (a structured summand the generic prover would have
     * to tabulate at full size): p(0..d) of the current round, then the binding of its variable.
     */
    public interface RoundSource {
        int numVariables();

        int degree();

        /** p(0), ..., p(degree) of the current round, interleaved. */
        long[] roundEvaluations();

        void bind(Ext3 r);
    }

    /**
     * As {@link #prove(SumcheckInstance, MaskPolynomial, MaskCommitmentScheme, Transcript)} for a structured
     * prover; the same transcript and proof, checked by {@link #verify}. No final evaluations are returned:
     * the caller knows its tables.
     */
    public static ProverOutput prove(RoundSource source, MaskPolynomial mask, MaskCommitmentScheme scheme,
                                     Transcript transcript) {
        int n = source.numVariables(), d = source.degree();
        if (n < 1 || mask.numVariables() != n || mask.degree() != d) {
            throw new IllegalArgumentException("mask shape differs from the round source's (or no variable)");
        }
        byte[] commitment = scheme.commit(mask);
        Ext3 maskSum = mask.sumOverHypercube();
        Ext3 rho = bindMask(transcript, commitment, maskSum);
        ProverRounds rounds = new ProverRounds(transcript, n, d);
        for (int round = 0; round < n; round++) {
            long[] evaluations = source.roundEvaluations();
            long[] masked = mask.roundEvaluations(round, rounds.challenges(), d + 1);
            for (int i = 0; i <= d; i++) {
                Ext3.read(evaluations, i).add(Ext3.read(masked, i).mul(rho)).write(evaluations, i);
            }
            source.bind(rounds.bind(evaluations));
        }
        long[] point = rounds.point();
        Ext3 maskValue = mask.evaluate(point);
        transcript.ext("zk-mask-evaluation", maskValue);
        ZkSumcheckProof proof = new ZkSumcheckProof(commitment, maskSum, rounds.proof(), maskValue,
                scheme.open(mask, point, maskValue));
        return new ProverOutput(proof, rounds.claimedSum().sub(rho.mul(maskSum)), point, new long[0]);
    }

    /** Returns the sub-claim on f alone: f's summand at the point equals the returned value. */
    public static SubClaim verify(Ext3 claimedSum, int numVariables, int degree, ZkSumcheckProof proof,
                                  MaskCommitmentScheme scheme, Transcript transcript) throws VerificationException {
        Ext3 rho = bindMask(transcript, proof.maskCommitment(), proof.maskSum());
        SubClaim masked = SumcheckVerifier.verify(claimedSum.add(rho.mul(proof.maskSum())), numVariables, degree,
                proof.sumcheck(), transcript);
        transcript.ext("zk-mask-evaluation", proof.maskEvaluation());
        scheme.verify(proof.maskCommitment(), masked.point(), proof.maskEvaluation(), proof.maskOpening());
        return new SubClaim(masked.point(), masked.expectedValue().sub(rho.mul(proof.maskEvaluation())));
    }

    static Ext3 bindMask(Transcript transcript, byte[] commitment, Ext3 maskSum) {
        transcript.bytes("zk-mask-commitment", commitment);
        transcript.ext("zk-mask-sum", maskSum);
        return transcript.challengeExt("zk-mask-weight");
    }
}
