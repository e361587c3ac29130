package io.edgeproof.iop.sumcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.field.codec.ProofReader;
import io.edgeproof.field.codec.ProofWriter;
import io.edgeproof.iop.testing.Fixtures;
import io.edgeproof.transcript.VerificationException;
import java.util.List;
import java.util.SplittableRandom;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ZkSumcheckTest {
    enum OpenerReason implements VerificationException.Reason { MASK_OPENING_MISMATCH }

    /**
     * A trivial, non-hiding scheme for testing the masking algebra: the "commitment" is the mask itself and
     * the verifier evaluates it. The project's hiding scheme replaces it.
     */
    static final MaskCommitmentScheme OPEN_MASK = new MaskCommitmentScheme() {
        @Override
        public byte[] commit(MaskPolynomial mask) {
            ProofWriter out = new ProofWriter().u32(mask.numVariables()).u32(mask.degree()).ext(mask.constant());
            return out.bases(mask.coefficients()).toByteArray();
        }

        @Override
        public byte[] open(MaskPolynomial mask, long[] point, Ext3 value) {
            return new byte[0];
        }

        @Override
        public void verify(byte[] commitment, long[] point, Ext3 value, byte[] opening) throws VerificationException {
            try {
                ProofReader in = new ProofReader(commitment);
                int n = in.count("n", 1, 64), d = in.count("d", 1, 16);
                MaskPolynomial mask = new MaskPolynomial(n, d, in.ext("a0"), in.bases("coefficients", 3 * n * d));
                in.expectEnd("mask");
                if (!mask.evaluate(point).equals(value)) {
                    throw new VerificationException(OpenerReason.MASK_OPENING_MISMATCH, "mask value differs");
                }
            } catch (MalformedProofException e) {
                throw new VerificationException(OpenerReason.MASK_OPENING_MISMATCH, e.getMessage());
            }
        }
    };

    static SumcheckInstance instance(int n, SplittableRandom rnd) {
        return new SumcheckInstance(n, List.of(
                MultilinearTable.ext(Multilinear.eqTable(Fixtures.randomExtVector(n, rnd))),
                MultilinearTable.base(Fixtures.randomBaseTable(1 << n, rnd)),
                MultilinearTable.base(Fixtures.randomBaseTable(1 << n, rnd))),
                new SumcheckExpression(3, List.of(SumcheckTerm.product(0, 1, 2))));
    }

    private static void assertRejected(ThrowingCallable call, VerificationException.Reason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(VerificationException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }

    /** The generic prover's rounds recomputed naively from the tables: a structured prover stands in for it. */
    private static ZkSumcheck.RoundSource naive(SumcheckInstance inst) {
        return new ZkSumcheck.RoundSource() {
            private final List<MultilinearTable> tables = new java.util.ArrayList<>(inst.tables());

            @Override
            public int numVariables() {
                return inst.numVariables();
            }

            @Override
            public int degree() {
                return inst.degree();
            }

            @Override
            public long[] roundEvaluations() {
                int d = inst.degree();
                long[] out = new long[3 * (d + 1)];
                for (int t = 0; t <= d; t++) {
                    Ext3 x = Ext3.ofBase(t);
                    Ext3 sum = Ext3.ZERO;
                    for (int j = 0; j < tables.get(0).size() / 2; j++) {
                        long[] values = new long[3 * tables.size()];
                        for (int i = 0; i < tables.size(); i++) {
                            Ext3 lo = tables.get(i).get(2 * j);
                            lo.add(x.mul(tables.get(i).get(2 * j + 1).sub(lo))).write(values, i);
                        }
                        sum = sum.add(inst.expression().evaluate(values));
                    }
                    sum.write(out, t);
                }
                return out;
            }

            @Override
            public void bind(Ext3 r) {
                tables.replaceAll(t -> t.fold(r));
            }
        };
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void aStructuredRoundSourceGivesTheSameProof(int n) throws VerificationException {
        SumcheckInstance inst = instance(n, new SplittableRandom(10 + n));
        MaskPolynomial mask = MaskPolynomial.random(n, 3, new SplittableRandom(20 + n));
        ZkSumcheck.ProverOutput generic = ZkSumcheck.prove(inst, mask, OPEN_MASK, Fixtures.transcript());
        ZkSumcheck.ProverOutput structured = ZkSumcheck.prove(naive(inst), mask, OPEN_MASK, Fixtures.transcript());
        assertThat(structured.proof()).isEqualTo(generic.proof());
        assertThat(structured.claimedSum()).isEqualTo(generic.claimedSum());
        ZkSumcheck.verify(structured.claimedSum(), n, 3, structured.proof(), OPEN_MASK, Fixtures.transcript());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 6})
    void maskedSumcheckIsCompleteAndLeavesTheClaimOnFAlone(int n) throws VerificationException {
        SplittableRandom rnd = new SplittableRandom(n);
        SumcheckInstance inst = instance(n, rnd);
        MaskPolynomial mask = MaskPolynomial.random(n, 3, rnd);
        ZkSumcheck.ProverOutput out = ZkSumcheck.prove(inst, mask, OPEN_MASK, Fixtures.transcript());
        assertThat(out.claimedSum()).isEqualTo(SumcheckCompletenessTest.bruteForceSum(inst));
        SubClaim claim = ZkSumcheck.verify(out.claimedSum(), n, 3, out.proof(), OPEN_MASK, Fixtures.transcript());
        assertThat(claim.point()).isEqualTo(out.point());
        claim.requireEvaluations(inst.expression(), out.finalEvaluations());
    }

    @Test
    void maskClosedFormsMatchTheDefinition() {
        SplittableRandom rnd = new SplittableRandom(7);
        int n = 4;
        MaskPolynomial mask = MaskPolynomial.random(n, 2, rnd);
        Ext3 sum = Ext3.ZERO;
        for (int b = 0; b < 1 << n; b++) {
            long[] point = new long[3 * n];
            for (int i = 0; i < n; i++) {
                point[3 * i] = (b >>> i) & 1;
            }
            sum = sum.add(mask.evaluate(point));
        }
        assertThat(mask.sumOverHypercube()).isEqualTo(sum);
        long[] r = Fixtures.randomExtVector(n, rnd);
        Ext3 claim = sum;
        for (int i = 0; i < n; i++) {
            RoundPolynomial p = RoundPolynomial.fromEvaluations(mask.roundEvaluations(i, r, 3));
            long[] full = mask.roundEvaluations(i, r, 3);
            assertThat(Ext3.read(full, 0).add(Ext3.read(full, 1))).isEqualTo(claim);
            claim = p.evaluate(claim, Ext3.read(r, i));
        }
        assertThat(claim).isEqualTo(mask.evaluate(r));
    }

    @Test
    void roundPolynomialsDifferFromTheUnmaskedOnes() {
        SplittableRandom rnd = new SplittableRandom(8);
        SumcheckInstance inst = instance(4, rnd);
        SumcheckProof plain = SumcheckProver.prove(inst, Fixtures.transcript()).proof();
        SumcheckProof masked = ZkSumcheck.prove(inst, MaskPolynomial.random(4, 3, rnd), OPEN_MASK, Fixtures.transcript())
                .proof().sumcheck();
        for (int i = 0; i < 4; i++) {
            assertThat(masked.round(i)).isNotEqualTo(plain.round(i));
        }
    }

    private final SplittableRandom rnd = new SplittableRandom(9);
    private final SumcheckInstance inst = instance(3, rnd);
    private final MaskPolynomial mask = MaskPolynomial.random(3, 3, rnd);
    private final ZkSumcheck.ProverOutput honest = ZkSumcheck.prove(inst, mask, OPEN_MASK, Fixtures.transcript());

    private void verify(Ext3 sum, ZkSumcheckProof proof) throws VerificationException {
        ZkSumcheck.verify(sum, 3, 3, proof, OPEN_MASK, Fixtures.transcript())
                .requireEvaluations(inst.expression(), honest.finalEvaluations());
    }

    /** The claimed sum is bound before the challenges: a wrong one moves the final point off the opened one. */
    @Test
    void rejectsWrongClaimedSum() {
        assertRejected(() -> verify(honest.claimedSum().add(Ext3.ONE), honest.proof()), OpenerReason.MASK_OPENING_MISMATCH);
    }

    /** Even a cheater who re-opens the mask at the moved point is left with a false claim on f. */
    @Test
    void rejectsWrongClaimedSumWithTheMaskReopenedAtTheNewPoint() throws VerificationException {
        Ext3 wrong = honest.claimedSum().add(Ext3.ONE);
        ZkSumcheckProof p = honest.proof();
        io.edgeproof.transcript.Transcript replay = Fixtures.transcript();
        Ext3 rho = ZkSumcheck.bindMask(replay, p.maskCommitment(), p.maskSum());
        long[] moved = SumcheckVerifier.verify(wrong.add(rho.mul(p.maskSum())), 3, 3, p.sumcheck(), replay).point();
        ZkSumcheckProof reopened = new ZkSumcheckProof(p.maskCommitment(), p.maskSum(), p.sumcheck(),
                mask.evaluate(moved), p.maskOpening());
        SubClaim claim = ZkSumcheck.verify(wrong, 3, 3, reopened, OPEN_MASK, Fixtures.transcript());
        long[] finals = new long[9];
        for (int i = 0; i < 3; i++) {
            inst.tables().get(i).evaluate(moved).write(finals, i);
        }
        assertRejected(() -> claim.requireEvaluations(inst.expression(), finals), SumcheckReason.FINAL_EVALUATION_MISMATCH);
    }

    @Test
    void rejectsTamperedMaskSumAndRound() {
        ZkSumcheckProof p = honest.proof();
        assertRejected(() -> verify(honest.claimedSum(), new ZkSumcheckProof(p.maskCommitment(), p.maskSum().add(Ext3.ONE),
                p.sumcheck(), p.maskEvaluation(), p.maskOpening())), OpenerReason.MASK_OPENING_MISMATCH);
        long[] values = p.sumcheck().round(2).compressed();
        values[0] = Fixtures.tweak(values[0]);
        SumcheckProof rounds = SumcheckSoundnessTest.withRound(p.sumcheck(), 2, new RoundPolynomial(values));
        assertRejected(() -> verify(honest.claimedSum(), new ZkSumcheckProof(p.maskCommitment(), p.maskSum(), rounds,
                p.maskEvaluation(), p.maskOpening())), OpenerReason.MASK_OPENING_MISMATCH);
    }

    @Test
    void rejectsMaskEvaluationTheCommitmentDoesNotOpenTo() {
        ZkSumcheckProof p = honest.proof();
        assertRejected(() -> verify(honest.claimedSum(), new ZkSumcheckProof(p.maskCommitment(), p.maskSum(),
                p.sumcheck(), p.maskEvaluation().add(Ext3.ONE), p.maskOpening())), OpenerReason.MASK_OPENING_MISMATCH);
    }
}
