package io.edgeproof.commit.basefold;

import static io.edgeproof.commit.basefold.BasefoldTestSupport.instance;
import static io.edgeproof.commit.basefold.BasefoldTestSupport.prove;
import static io.edgeproof.commit.basefold.BasefoldTestSupport.randomTable;
import static io.edgeproof.commit.basefold.BasefoldTestSupport.transcript;
import static io.edgeproof.commit.basefold.BasefoldTestSupport.verify;
import static io.edgeproof.commit.basefold.BasefoldTestSupport.withValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeproof.commit.basefold.BasefoldTestSupport.Instance;
import io.edgeproof.commit.merkle.MerkleMultiProof;
import io.edgeproof.field.Ext3;
import io.edgeproof.field.Goldilocks;
import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.transcript.VerificationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class BasefoldSoundnessTest {
    /** 8 variables, 2-variable steps, final size 2: layers 8 -> 6 -> 4 -> 2, two committed. */
    private static final BasefoldParams P = BasefoldParams.insecureForTests(2, 2, 2, 6).withGrindingBits(4);
    private static final Instance ONE = instance(P, new int[] {8}, new int[] {2}, 11);
    private static final BasefoldProof HONEST = prove(P, ONE);
    private static final Instance BATCH = instance(P, new int[] {8, 5}, new int[] {1, 1}, 12);
    private static final BasefoldProof HONEST_BATCH = prove(P, BATCH);

    private static void assertRejected(Instance in, List<EvaluationClaim> claims, BasefoldProof proof, BasefoldReason reason) {
        assertThatThrownBy(() -> verify(P, in, claims, proof))
                .isInstanceOf(VerificationException.class)
                .extracting(e -> ((VerificationException) e).reason()).isEqualTo(reason);
    }

    private static void assertRejected(BasefoldProof proof, BasefoldReason reason) {
        assertRejected(ONE, ONE.claims(), proof, reason);
    }

    private static long[] bump(long[] a, int i) {
        long[] b = a.clone();
        b[i] = Goldilocks.add(b[i], 1);
        return b;
    }

    private static BasefoldProof with(BasefoldProof p, long[] reductionRounds, long[] reducedValues, long[] foldRounds,
            List<byte[]> roots, long[] fin, long nonce, List<MerkleMultiProof> inputs, List<MerkleMultiProof> layers) {
        return new BasefoldProof(reductionRounds, reducedValues, foldRounds, roots, fin, nonce, inputs, layers);
    }

    private static BasefoldProof withFoldRounds(BasefoldProof p, long[] r) {
        return with(p, p.reductionRounds(), p.reducedValues(), r, p.layerRoots(), p.finalPolynomial(), p.powNonce(),
                p.inputOpenings(), p.layerOpenings());
    }

    private static BasefoldProof withFinal(BasefoldProof p, long[] f) {
        return with(p, p.reductionRounds(), p.reducedValues(), p.foldRounds(), p.layerRoots(), f, p.powNonce(),
                p.inputOpenings(), p.layerOpenings());
    }

    private static List<MerkleMultiProof> mapFirst(List<MerkleMultiProof> list, UnaryOperator<MerkleMultiProof> f) {
        List<MerkleMultiProof> out = new ArrayList<>(list);
        out.set(0, f.apply(out.get(0)));
        return out;
    }

    @Test
    void honestProofsVerify() throws Exception {
        verify(P, ONE, ONE.claims(), HONEST);
        verify(P, BATCH, BATCH.claims(), HONEST_BATCH);
    }

    @Test
    void rejectsWrongClaimedValue() {
        List<EvaluationClaim> claims = new ArrayList<>(ONE.claims());
        claims.set(1, withValue(claims.get(1), claims.get(1).value().add(Ext3.ONE)));
        assertRejected(ONE, claims, HONEST, BasefoldReason.SUMCHECK_ROUND_MISMATCH);
        List<EvaluationClaim> batchClaims = new ArrayList<>(BATCH.claims());
        batchClaims.set(1, withValue(batchClaims.get(1), batchClaims.get(1).value().add(Ext3.ONE)));
        assertRejected(BATCH, batchClaims, HONEST_BATCH, BasefoldReason.SUMCHECK_ROUND_MISMATCH);
    }

    @Test
    void rejectsHonestProverOpeningAWrongValue() {
        List<EvaluationClaim> claims = new ArrayList<>(ONE.claims());
        claims.set(0, withValue(claims.get(0), claims.get(0).value().add(Ext3.ONE)));
        Instance lying = new Instance(ONE.data(), ONE.commitments(), claims);
        assertRejected(lying, claims, prove(P, lying), BasefoldReason.SUMCHECK_ROUND_MISMATCH);
    }

    @Test
    void rejectsWrongPoint() {
        List<EvaluationClaim> claims = new ArrayList<>(ONE.claims());
        EvaluationClaim c = claims.get(0);
        claims.set(0, new EvaluationClaim(0, bump(c.point(), 0), c.value()));
        // the point is bound before any challenge, so every challenge moves and the rounds stop matching
        assertRejected(ONE, claims, HONEST, BasefoldReason.SUMCHECK_ROUND_MISMATCH);
    }

    @Test
    void rejectsProofForAnotherCommitment() {
        Instance other = instance(P, new int[] {8}, new int[] {0}, 99);
        Instance swapped = new Instance(ONE.data(), other.commitments(), ONE.claims());
        assertRejected(swapped, ONE.claims(), HONEST, BasefoldReason.SUMCHECK_ROUND_MISMATCH);
    }

    @Test
    void rejectsTamperedRoundPolynomial() {
        assertRejected(withFoldRounds(HONEST, bump(HONEST.foldRounds(), 0)), BasefoldReason.SUMCHECK_ROUND_MISMATCH);
        // h(2) does not enter the h(0) + h(1) check: the next claims and the final value catch it
        assertRejected(withFoldRounds(HONEST, bump(HONEST.foldRounds(), 9 * 5 + 6)), BasefoldReason.EVALUATION_MISMATCH);
    }

    @Test
    void rejectsTamperedPointReduction() {
        BasefoldProof p = HONEST_BATCH;
        assertRejected(BATCH, BATCH.claims(), with(p, bump(p.reductionRounds(), 3), p.reducedValues(), p.foldRounds(),
                p.layerRoots(), p.finalPolynomial(), p.powNonce(), p.inputOpenings(), p.layerOpenings()),
                BasefoldReason.SUMCHECK_ROUND_MISMATCH);
        assertRejected(BATCH, BATCH.claims(), with(p, p.reductionRounds(), bump(p.reducedValues(), 3), p.foldRounds(),
                p.layerRoots(), p.finalPolynomial(), p.powNonce(), p.inputOpenings(), p.layerOpenings()),
                BasefoldReason.REDUCTION_MISMATCH);
    }

    @Test
    void rejectsTamperedFinalPolynomial() {
        assertRejected(withFinal(HONEST, bump(HONEST.finalPolynomial(), 4)), BasefoldReason.EVALUATION_MISMATCH);
    }

    @Test
    void rejectsTamperedMerklePathAndLeaf() {
        for (List<MerkleMultiProof> which : List.of(HONEST.inputOpenings(), HONEST.layerOpenings())) {
            boolean input = which == HONEST.inputOpenings();
            List<MerkleMultiProof> badSibling = mapFirst(which, o -> {
                byte[] s = o.siblings().clone();
                s[s.length / 2] ^= 4;
                return new MerkleMultiProof(o.rows(), o.salts(), s);
            });
            List<MerkleMultiProof> badLeaf = mapFirst(which, o -> new MerkleMultiProof(bump(o.rows(), 1), o.salts(), o.siblings()));
            List<MerkleMultiProof> shortPath = mapFirst(which, o -> new MerkleMultiProof(o.rows(), o.salts(),
                    Arrays.copyOf(o.siblings(), o.siblings().length - 32)));
            for (List<MerkleMultiProof> bad : List.of(badSibling, badLeaf, shortPath)) {
                BasefoldProof p = with(HONEST, HONEST.reductionRounds(), HONEST.reducedValues(), HONEST.foldRounds(),
                        HONEST.layerRoots(), HONEST.finalPolynomial(), HONEST.powNonce(),
                        input ? bad : HONEST.inputOpenings(), input ? HONEST.layerOpenings() : bad);
                assertRejected(p, BasefoldReason.MERKLE_PATH_INVALID);
            }
        }
    }

    @Test
    void rejectsFoldedLayersThatDoNotFollowTheCommittedCodeword() {
        // the committed tree is f's, but the prover runs the sumcheck on g, whose folds become the layers: the
        // verifier fills each opened layer coset with its own fold of f's values, and the path no longer holds
        BasefoldProverData f = ONE.data().get(0);
        BasefoldProverData g = BasefoldProver.commit(P, randomTable(8, new SplittableRandom(6)));
        BasefoldProverData mixed = new BasefoldProverData(f.commitment(), g.table(), g.codeword(), f.tree());
        List<EvaluationClaim> claims = List.of(EvaluationClaim.of(mixed, 0, ONE.claims().get(0).point()));
        Instance in = new Instance(List.of(mixed), ONE.commitments(), claims);
        assertRejected(in, claims, prove(P, in), BasefoldReason.MERKLE_PATH_INVALID);
    }

    @Test
    void rejectsALayerOpeningThatSendsAnEntryTheVerifierFoldsItself() {
        // the opening leaves out every entry a query's fold lands on; one value more no longer fits the cosets
        List<MerkleMultiProof> extra = new ArrayList<>(HONEST.layerOpenings());
        MerkleMultiProof o = extra.get(0);
        extra.set(0, new MerkleMultiProof(Arrays.copyOf(o.rows(), o.rows().length + 3), o.salts(), o.siblings()));
        assertRejected(with(HONEST, HONEST.reductionRounds(), HONEST.reducedValues(), HONEST.foldRounds(),
                HONEST.layerRoots(), HONEST.finalPolynomial(), HONEST.powNonce(), HONEST.inputOpenings(), extra),
                BasefoldReason.SHAPE_MISMATCH);
    }

    @Test
    void rejectsWeakProofOfWork() {
        BasefoldProof p = with(HONEST, HONEST.reductionRounds(), HONEST.reducedValues(), HONEST.foldRounds(),
                HONEST.layerRoots(), HONEST.finalPolynomial(), HONEST.powNonce() + 1, HONEST.inputOpenings(),
                HONEST.layerOpenings());
        assertRejected(p, BasefoldReason.INSUFFICIENT_WORK);
    }

    @Test
    void rejectsWrongShapes() {
        assertRejected(withFoldRounds(HONEST, Arrays.copyOf(HONEST.foldRounds(), HONEST.foldRounds().length - 9)),
                BasefoldReason.SHAPE_MISMATCH);
        assertRejected(withFinal(HONEST, Arrays.copyOf(HONEST.finalPolynomial(), 6)), BasefoldReason.SHAPE_MISMATCH);
        long[] nonCanonical = HONEST.finalPolynomial().clone();
        nonCanonical[0] = Goldilocks.P;
        assertRejected(withFinal(HONEST, nonCanonical), BasefoldReason.SHAPE_MISMATCH);
        assertRejected(with(HONEST, HONEST.reductionRounds(), HONEST.reducedValues(), HONEST.foldRounds(),
                HONEST.layerRoots().subList(0, 1), HONEST.finalPolynomial(), HONEST.powNonce(), HONEST.inputOpenings(),
                HONEST.layerOpenings()), BasefoldReason.SHAPE_MISMATCH);
        // a batch proof presented for a single polynomial
        assertRejected(HONEST_BATCH, BasefoldReason.SHAPE_MISMATCH);
    }

    @Test
    void rejectsFlippedBitsEverywhereInTheSerializedProof() throws Exception {
        byte[] bytes = HONEST_BATCH.toBytes();
        SplittableRandom rnd = new SplittableRandom(13);
        int[] positions = new int[400];
        for (int k = 0; k < positions.length; k++) {
            positions[k] = k < 64 ? k * bytes.length / 64 : rnd.nextInt(bytes.length);
        }
        for (int pos : positions) {
            byte[] bad = bytes.clone();
            bad[pos] ^= (byte) (1 << rnd.nextInt(8));
            BasefoldProof decoded;
            try {
                decoded = BasefoldProof.fromBytes(bad, P, 8, 5);
            } catch (MalformedProofException e) {
                continue;
            }
            assertThatThrownBy(() -> verify(P, BATCH, BATCH.claims(), decoded)).as("bit flip at byte %d", pos)
                    .isInstanceOf(VerificationException.class);
        }
    }

    @Test
    void rejectsTruncatedAndPaddedBytes() {
        byte[] bytes = HONEST_BATCH.toBytes();
        for (int cut = 0; cut < bytes.length; cut += 1 + cut / 8) {
            byte[] shorter = Arrays.copyOf(bytes, cut);
            assertThatThrownBy(() -> BasefoldProof.fromBytes(shorter, P, 8, 5)).isInstanceOf(MalformedProofException.class);
        }
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> BasefoldProof.fromBytes(longer, P, 8, 5)).isInstanceOf(MalformedProofException.class);
        byte[] wrongVersion = bytes.clone();
        wrongVersion[4] = 9;
        assertThatThrownBy(() -> BasefoldProof.fromBytes(wrongVersion, P, 8, 5)).isInstanceOf(MalformedProofException.class);
    }

    @Test
    void decodingForOtherSizesFailsCleanly() {
        byte[] bytes = HONEST.toBytes();
        for (int n = 0; n <= 12; n++) {
            int size = n;
            if (n == 8) {
                continue;
            }
            assertThatThrownBy(() -> BasefoldProof.fromBytes(bytes, P, size)).isInstanceOf(MalformedProofException.class);
        }
    }

    @Test
    void proofBindsTheTranscript() {
        // the same proof under a transcript that saw one more public value is rejected
        io.edgeproof.transcript.Transcript t = transcript(ONE.commitments());
        t.u64("extra-public-input", 1);
        assertThatThrownBy(() -> BasefoldVerifier.verify(P, ONE.commitments(), ONE.claims(), HONEST, t))
                .isInstanceOf(VerificationException.class);
        assertThat(HONEST.toBytes().length).isGreaterThan(0);
    }
}
