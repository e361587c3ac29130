package io.edgeproof.iop.sumcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeproof.commit.basefold.BasefoldParams;
import io.edgeproof.commit.basefold.BasefoldReason;
import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import io.edgeproof.iop.testing.Fixtures;
import io.edgeproof.transcript.VerificationException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.SplittableRandom;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The masked sumcheck end to end with its mask committed and opened by hiding Basefold. */
class BasefoldMaskSchemeTest {
    private static final BasefoldParams FAST = BasefoldParams.insecureForTests(2, 2, 2, 8).withGrindingBits(2);

    private static SecureRandom seeded(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertRejected(ThrowingCallable call, VerificationException.Reason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(VerificationException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void coefficientTableAndWeightedClaimGiveTheMaskValue() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int[] shape : new int[][] {{1, 1}, {3, 2}, {5, 3}, {8, 4}}) {
            MaskPolynomial mask = MaskPolynomial.random(shape[0], shape[1], rnd);
            long[] r = Fixtures.randomExtVector(shape[0], rnd);
            var claim = BasefoldMaskScheme.claim(shape[0], shape[1], r, mask.evaluate(r));
            long[] table = BasefoldMaskScheme.table(mask);
            Ext3 sum = Ext3.ZERO;
            for (int j = 0; j < claim.points().size(); j++) {
                sum = sum.add(claim.weights()[j].mul(Multilinear.evaluate(table, claim.points().get(j))));
            }
            assertThat(sum).isEqualTo(mask.evaluate(r));
        }
    }

    @ParameterizedTest(name = "n={0} d={1}")
    @CsvSource({"1, 1", "2, 2", "3, 3", "6, 3", "9, 2"})
    void maskedSumcheckWithAHidingMaskCommitmentIsComplete(int n, int d) throws VerificationException {
        SplittableRandom rnd = new SplittableRandom(n);
        SumcheckInstance inst = ZkSumcheckTest.instance(n, rnd);
        BasefoldMaskScheme scheme = new BasefoldMaskScheme(FAST, seeded(n));
        MaskPolynomial mask = MaskPolynomial.random(n, 3, rnd);
        ZkSumcheck.ProverOutput out = ZkSumcheck.prove(inst, mask, scheme, Fixtures.transcript());
        SubClaim claim = ZkSumcheck.verify(out.claimedSum(), n, 3, out.proof(), scheme, Fixtures.transcript());
        claim.requireEvaluations(inst.expression(), out.finalEvaluations());
    }

    @Test
    void standardParametersWork() throws VerificationException {
        SplittableRandom rnd = new SplittableRandom(2);
        SumcheckInstance inst = ZkSumcheckTest.instance(10, rnd);
        BasefoldMaskScheme scheme = new BasefoldMaskScheme(BasefoldParams.standard(), seeded(2));
        ZkSumcheck.ProverOutput out = ZkSumcheck.prove(inst, MaskPolynomial.random(10, 3, rnd), scheme, Fixtures.transcript());
        ZkSumcheck.verify(out.claimedSum(), 10, 3, out.proof(), scheme, Fixtures.transcript())
                .requireEvaluations(inst.expression(), out.finalEvaluations());
    }

    private final SplittableRandom rnd = new SplittableRandom(9);
    private final SumcheckInstance inst = ZkSumcheckTest.instance(4, rnd);
    private final BasefoldMaskScheme scheme = new BasefoldMaskScheme(FAST, seeded(9));
    private final MaskPolynomial mask = MaskPolynomial.random(4, 3, rnd);
    private final ZkSumcheck.ProverOutput honest = ZkSumcheck.prove(inst, mask, scheme, Fixtures.transcript());

    private void verify(Ext3 sum, ZkSumcheckProof proof) throws VerificationException {
        ZkSumcheck.verify(sum, 4, 3, proof, scheme, Fixtures.transcript())
                .requireEvaluations(inst.expression(), honest.finalEvaluations());
    }

    private ZkSumcheckProof withMask(Ext3 value, byte[] commitment, byte[] opening) {
        ZkSumcheckProof p = honest.proof();
        return new ZkSumcheckProof(commitment, p.maskSum(), p.sumcheck(), value, opening);
    }

    @Test
    void honestProofVerifies() throws VerificationException {
        verify(honest.claimedSum(), honest.proof());
    }

    @Test
    void rejectsWrongMaskValue() {
        ZkSumcheckProof p = honest.proof();
        assertRejected(() -> verify(honest.claimedSum(), withMask(p.maskEvaluation().add(Ext3.ONE), p.maskCommitment(),
                p.maskOpening())), BasefoldReason.SUMCHECK_ROUND_MISMATCH);
    }

    /** A wrong sum moves the final point; the mask opening, bound to the honest point, no longer verifies. */
    @Test
    void rejectsWrongSum() {
        assertRejected(() -> verify(honest.claimedSum().add(Ext3.ONE), honest.proof()), BasefoldReason.SUMCHECK_ROUND_MISMATCH);
    }

    @Test
    void rejectsTamperedOpeningAndCommitment() {
        ZkSumcheckProof p = honest.proof();
        byte[] opening = p.maskOpening();
        byte[] flipped = opening.clone();
        flipped[opening.length - 40] ^= 1; // inside the last layer opening's siblings
        assertRejected(() -> verify(honest.claimedSum(), withMask(p.maskEvaluation(), p.maskCommitment(), flipped)),
                BasefoldReason.MERKLE_PATH_INVALID);
        byte[] truncated = java.util.Arrays.copyOf(opening, opening.length - 1);
        assertRejected(() -> verify(honest.claimedSum(), withMask(p.maskEvaluation(), p.maskCommitment(), truncated)),
                BasefoldReason.SHAPE_MISMATCH);
        byte[] commitment = p.maskCommitment();
        commitment[commitment.length - 1] ^= 1; // the root
        assertRejected(() -> verify(honest.claimedSum(), withMask(p.maskEvaluation(), commitment, opening)),
                BasefoldReason.SUMCHECK_ROUND_MISMATCH);
        byte[] wrongDegree = p.maskCommitment();
        wrongDegree[4] = 2; // claims degree 2
        assertThatThrownBy(() -> verify(honest.claimedSum(), withMask(p.maskEvaluation(), wrongDegree, opening)))
                .isInstanceOf(VerificationException.class);
    }

    @Test
    void aMaskIsOpenedOnlyOnce() {
        assertThatThrownBy(() -> scheme.open(mask, honest.point(), mask.evaluate(honest.point())))
                .isInstanceOf(IllegalStateException.class);
    }
}
