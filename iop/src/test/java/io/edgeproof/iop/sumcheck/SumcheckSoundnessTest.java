package io.edgeproof.iop.sumcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeproof.field.Ext3;
import io.edgeproof.iop.testing.Fixtures;
import io.edgeproof.transcript.Transcript;
import io.edgeproof.transcript.VerificationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Honest proofs, mutated; each mutation must be rejected for its specific reason. */
class SumcheckSoundnessTest {
    private static final int N = 5;
    private SumcheckInstance instance;
    private SumcheckProverOutput honest;

    @BeforeEach
    void prove() {
        SplittableRandom rnd = new SplittableRandom(11);
        List<MultilinearTable> tables = List.of(
                MultilinearTable.base(Fixtures.randomBaseTable(1 << N, rnd)),
                MultilinearTable.ext(Fixtures.randomExtVector(1 << N, rnd)),
                MultilinearTable.base(Fixtures.randomBaseTable(1 << N, rnd)));
        instance = new SumcheckInstance(N, tables, new SumcheckExpression(3, List.of(
                SumcheckTerm.product(0, 1, 2), SumcheckTerm.of(Fixtures.randomExt(rnd), 1))));
        honest = SumcheckProver.prove(instance, Fixtures.transcript());
    }

    /** Verifies and discharges with the given final evaluations, like a caller with trusted openings. */
    private void verify(Ext3 claimedSum, SumcheckProof proof, long[] finals, Transcript transcript)
            throws VerificationException {
        SumcheckVerifier.verify(claimedSum, N, instance.degree(), proof, transcript)
                .requireEvaluations(instance.expression(), finals);
    }

    private void verify(SumcheckProof proof) throws VerificationException {
        verify(honest.claimedSum(), proof, honest.finalEvaluations(), Fixtures.transcript());
    }

    private static void assertRejected(ThrowingCallable call, SumcheckReason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(VerificationException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void acceptsHonestProof() throws VerificationException {
        verify(honest.proof());
    }

    @Test
    void rejectsWrongClaimedSum() {
        Ext3 wrong = honest.claimedSum().add(Ext3.ONE);
        assertRejected(() -> verify(wrong, honest.proof(), honest.finalEvaluations(), Fixtures.transcript()),
                SumcheckReason.FINAL_EVALUATION_MISMATCH);
    }

    @Test
    void rejectsWrongClaimedSumOfAnEmptySum() throws VerificationException {
        SumcheckInstance zero = new SumcheckInstance(0, List.of(MultilinearTable.base(new long[] {5})),
                new SumcheckExpression(1, List.of(SumcheckTerm.product(0))));
        SumcheckProverOutput out = SumcheckProver.prove(zero, Fixtures.transcript());
        assertThat(out.claimedSum()).isEqualTo(Ext3.ofBase(5));
        assertRejected(() -> SumcheckVerifier.verify(Ext3.ofBase(6), 0, 1, out.proof(), Fixtures.transcript())
                .requireEvaluations(zero.expression(), out.finalEvaluations()), SumcheckReason.FINAL_EVALUATION_MISMATCH);
    }

    /** Compression makes p(0) + p(1) = claim hold by construction, so a wrong round value surfaces at the end. */
    @Test
    void rejectsRoundPolynomialWithWrongSumInEveryRoundAndCoefficient() {
        for (int round = 0; round < N; round++) {
            long[] values = honest.proof().round(round).compressed();
            for (int i = 0; i < values.length; i++) {
                long[] tampered = values.clone();
                tampered[i] = Fixtures.tweak(tampered[i]);
                SumcheckProof proof = withRound(honest.proof(), round, new RoundPolynomial(tampered));
                assertRejected(() -> verify(proof), SumcheckReason.FINAL_EVALUATION_MISMATCH);
            }
        }
    }

    @Test
    void rejectsRoundPolynomialOfTooHighDegree() {
        long[] values = honest.proof().round(2).compressed();
        long[] longer = java.util.Arrays.copyOf(values, values.length + 3);
        assertRejected(() -> verify(withRound(honest.proof(), 2, new RoundPolynomial(longer))), SumcheckReason.WRONG_DEGREE);
    }

    @Test
    void rejectsRoundPolynomialOfTooLowDegree() {
        long[] values = honest.proof().round(0).compressed();
        long[] shorter = java.util.Arrays.copyOf(values, values.length - 3);
        assertRejected(() -> verify(withRound(honest.proof(), 0, new RoundPolynomial(shorter))), SumcheckReason.WRONG_DEGREE);
    }

    @Test
    void rejectsMissingRound() {
        List<RoundPolynomial> rounds = new ArrayList<>(honest.proof().rounds());
        rounds.remove(N - 1);
        assertRejected(() -> verify(new SumcheckProof(rounds)), SumcheckReason.WRONG_ROUND_COUNT);
    }

    @Test
    void rejectsExtraRound() {
        List<RoundPolynomial> rounds = new ArrayList<>(honest.proof().rounds());
        rounds.add(rounds.get(0));
        assertRejected(() -> verify(new SumcheckProof(rounds)), SumcheckReason.WRONG_ROUND_COUNT);
    }

    @Test
    void rejectsSwappedRounds() {
        List<RoundPolynomial> rounds = new ArrayList<>(honest.proof().rounds());
        Collections.swap(rounds, 1, 2);
        assertRejected(() -> verify(new SumcheckProof(rounds)), SumcheckReason.FINAL_EVALUATION_MISMATCH);
    }

    @Test
    void rejectsWrongFinalEvaluationOfEachPolynomial() {
        for (int i = 0; i < honest.finalEvaluations().length; i++) {
            long[] finals = honest.finalEvaluations();
            finals[i] = Fixtures.tweak(finals[i]);
            assertRejected(() -> verify(honest.claimedSum(), honest.proof(), finals, Fixtures.transcript()),
                    SumcheckReason.FINAL_EVALUATION_MISMATCH);
        }
    }

    @Test
    void rejectsProofMadeUnderAnotherDomainSeparator() {
        assertRejected(() -> verify(honest.claimedSum(), honest.proof(), honest.finalEvaluations(),
                Fixtures.transcript("another-protocol")), SumcheckReason.FINAL_EVALUATION_MISMATCH);
    }

    @Test
    void soundnessBitsFollowSchwartzZippel() {
        assertThat(SumcheckVerifier.soundnessBits(20, 2)).isCloseTo(192 - Math.log(40) / Math.log(2), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(SumcheckVerifier.soundnessBits(0, 3)).isEqualTo(192.0);
    }

    static SumcheckProof withRound(SumcheckProof proof, int index, RoundPolynomial replacement) {
        List<RoundPolynomial> rounds = new ArrayList<>(proof.rounds());
        rounds.set(index, replacement);
        return new SumcheckProof(rounds);
    }
}
