package io.edgeproof.iop.gkr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeproof.field.Ext3;
import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.field.codec.ProofReader;
import io.edgeproof.field.codec.ProofWriter;
import io.edgeproof.iop.sumcheck.MultilinearTable;
import io.edgeproof.iop.sumcheck.RoundPolynomial;
import io.edgeproof.iop.sumcheck.SumcheckProof;
import io.edgeproof.iop.sumcheck.SumcheckReason;
import io.edgeproof.iop.testing.Fixtures;
import io.edgeproof.transcript.VerificationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FractionalSumTest {
    static FractionTree randomTree(int n, boolean extNumerators, SplittableRandom rnd) {
        MultilinearTable p = extNumerators ? MultilinearTable.ext(Fixtures.randomExtVector(1 << n, rnd))
                : MultilinearTable.base(Fixtures.randomBaseTable(1 << n, rnd));
        return FractionTree.build(p, Fixtures.randomExtVector(1 << n, rnd));
    }

    private static void assertRejected(ThrowingCallable call, VerificationException.Reason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(VerificationException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 6})
    void rootIsTheSumOfTheLeafFractions(int n) {
        SplittableRandom rnd = new SplittableRandom(n);
        MultilinearTable p = MultilinearTable.base(Fixtures.randomBaseTable(1 << n, rnd));
        long[] q = Fixtures.randomExtVector(1 << n, rnd);
        FractionTree tree = FractionTree.build(p, q);
        Ext3 sum = Ext3.ZERO;
        Ext3 product = Ext3.ONE;
        for (int i = 0; i < 1 << n; i++) {
            sum = sum.add(p.get(i).mul(Ext3.read(q, i).inverse()));
            product = product.mul(Ext3.read(q, i));
        }
        assertThat(tree.rootDenominator()).isEqualTo(product);
        assertThat(tree.rootNumerator().mul(tree.rootDenominator().inverse())).isEqualTo(sum);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 5, 10})
    void proverAndVerifierAgreeAndLeafClaimsHold(int n) throws VerificationException {
        for (boolean ext : new boolean[] {false, true}) {
            FractionTree tree = randomTree(n, ext, new SplittableRandom(10 + n));
            FractionalSumProver.Output out = FractionalSumProver.prove(tree, Fixtures.transcript());
            FractionalSumClaims claims = FractionalSumVerifier.verify(n, out.proof(), Fixtures.transcript());
            assertThat(claims).isEqualTo(out.claims());
            assertThat(claims.rootNumerator()).isEqualTo(tree.rootNumerator());
            long[] point = claims.leafNumerator().point();
            claims.leafNumerator().requireValue(tree.leafNumeratorAt(point));
            claims.leafDenominator().requireValue(tree.leafDenominatorAt(point));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 7})
    void unitNumeratorTreeMatchesTheTreeOfOnes(int n) throws VerificationException {
        SplittableRandom rnd = new SplittableRandom(30 + n);
        long[] q = Fixtures.randomExtVector(1 << n, rnd);
        long[] ones = new long[1 << n];
        Arrays.fill(ones, 1);
        FractionTree unit = FractionTree.buildWithUnitNumerators(q);
        FractionTree plain = FractionTree.build(MultilinearTable.base(ones), q);
        FractionalSumProver.Output a = FractionalSumProver.prove(unit, Fixtures.transcript());
        assertThat(a).isEqualTo(FractionalSumProver.prove(plain, Fixtures.transcript()));
        FractionalSumVerifier.verify(n, a.proof(), Fixtures.transcript()).leafNumerator().requireValue(Ext3.ONE);
    }

    @Test
    void aBatchOfTreesOfDifferentDepthsVerifiesWithEveryLeafClaim() throws VerificationException {
        int[] depths = {5, 0, 3, 5, 1};
        List<FractionTree> trees = new ArrayList<>();
        for (int t = 0; t < depths.length; t++) {
            trees.add(randomTree(depths[t], t % 2 == 1, new SplittableRandom(50 + t)));
        }
        FractionalSumProver.BatchOutput out = FractionalSumProver.prove(trees, Fixtures.transcript());
        List<FractionalSumClaims> claims = FractionalSumVerifier.verify(depths, out.proof(), Fixtures.transcript());
        assertThat(claims).isEqualTo(out.claims());
        for (int t = 0; t < depths.length; t++) {
            FractionalSumClaims c = claims.get(t);
            assertThat(c.leafNumerator().point()).hasSize(3 * depths[t]);
            c.leafNumerator().requireValue(trees.get(t).leafNumeratorAt(c.leafNumerator().point()));
            c.leafDenominator().requireValue(trees.get(t).leafDenominatorAt(c.leafDenominator().point()));
        }
        assertThat(out.proof().layers().get(2).trees()).isEqualTo(3);
        assertThat(out.proof().layers().get(4).trees()).isEqualTo(2);
    }

    @Test
    void rejectsABatchWhoseSecondTreeClaimsAnotherRoot() {
        List<FractionTree> trees = List.of(randomTree(4, false, new SplittableRandom(60)),
                randomTree(3, true, new SplittableRandom(61)));
        FractionalSumProof p = FractionalSumProver.prove(trees, Fixtures.transcript()).proof();
        FractionalSumProof bad = new FractionalSumProof(p.rootNumerators(),
                List.of(p.rootDenominators().get(0), p.rootDenominators().get(1).add(Ext3.ONE)), p.layers());
        assertRejected(() -> FractionalSumVerifier.verify(new int[] {4, 3}, bad, Fixtures.transcript()),
                GkrReason.LAYER_MISMATCH);
    }

    @Test
    void batchCodecRoundTripsAndItsSoundnessIsBelowTheSeparateTrees() throws MalformedProofException {
        List<FractionTree> trees = List.of(randomTree(6, false, new SplittableRandom(70)),
                randomTree(2, false, new SplittableRandom(71)));
        FractionalSumProof p = FractionalSumProver.prove(trees, Fixtures.transcript()).proof();
        ProofWriter w = new ProofWriter();
        p.writeTo(w);
        assertThat(FractionalSumProof.readFrom(new ProofReader(w.toByteArray()), 6, 2)).isEqualTo(p);
        assertThat(FractionalSumVerifier.soundnessTerms(new int[] {6, 2}))
                .isLessThan(FractionalSumVerifier.soundnessTerms(6) + FractionalSumVerifier.soundnessTerms(2));
    }

    private static final int N = 4;

    private final FractionTree tree = randomTree(N, false, new SplittableRandom(77));
    private final FractionalSumProof honest = FractionalSumProver.prove(tree, Fixtures.transcript()).proof();

    private void verifyAndDischarge(FractionalSumProof proof) throws VerificationException {
        FractionalSumClaims claims = FractionalSumVerifier.verify(N, proof, Fixtures.transcript());
        claims.leafNumerator().requireValue(tree.leafNumeratorAt(claims.leafNumerator().point()));
        claims.leafDenominator().requireValue(tree.leafDenominatorAt(claims.leafDenominator().point()));
    }

    private static FractionalSumProof withLayer(FractionalSumProof proof, int k, FractionLayerProof layer) {
        List<FractionLayerProof> layers = new ArrayList<>(proof.layers());
        layers.set(k, layer);
        return new FractionalSumProof(proof.rootNumerator(), proof.rootDenominator(), layers);
    }

    @Test
    void acceptsHonestProof() throws VerificationException {
        verifyAndDischarge(honest);
    }

    @Test
    void rejectsTamperedRoot() {
        Ext3 one = Ext3.ONE;
        assertRejected(() -> verifyAndDischarge(new FractionalSumProof(honest.rootNumerator().add(one),
                honest.rootDenominator(), honest.layers())), GkrReason.LAYER_MISMATCH);
        assertRejected(() -> verifyAndDischarge(new FractionalSumProof(honest.rootNumerator(),
                honest.rootDenominator().add(one), honest.layers())), GkrReason.LAYER_MISMATCH);
    }

    @Test
    void rejectsTamperedChildrenValueInEveryLayer() {
        for (int k = 0; k < N; k++) {
            FractionLayerProof l = honest.layers().get(k);
            Ext3 one = Ext3.ONE;
            List<FractionLayerProof> tampered = List.of(
                    new FractionLayerProof(l.sumcheck(), l.leftNumerator().add(one), l.rightNumerator(), l.leftDenominator(), l.rightDenominator()),
                    new FractionLayerProof(l.sumcheck(), l.leftNumerator(), l.rightNumerator().add(one), l.leftDenominator(), l.rightDenominator()),
                    new FractionLayerProof(l.sumcheck(), l.leftNumerator(), l.rightNumerator(), l.leftDenominator().add(one), l.rightDenominator()),
                    new FractionLayerProof(l.sumcheck(), l.leftNumerator(), l.rightNumerator(), l.leftDenominator(), l.rightDenominator().add(one)));
            for (FractionLayerProof bad : tampered) {
                int layer = k;
                assertRejected(() -> verifyAndDischarge(withLayer(honest, layer, bad)), GkrReason.LAYER_MISMATCH);
            }
        }
    }

    @Test
    void rejectsTamperedSumcheckRoundInEveryLayer() {
        for (int k = 1; k < N; k++) {
            FractionLayerProof l = honest.layers().get(k);
            for (int round = 0; round < k; round++) {
                long[] values = l.sumcheck().round(round).compressed();
                values[4] = Fixtures.tweak(values[4]);
                List<RoundPolynomial> rounds = new ArrayList<>(l.sumcheck().rounds());
                rounds.set(round, new RoundPolynomial(values));
                FractionLayerProof bad = new FractionLayerProof(new SumcheckProof(rounds), l.leftNumerator(),
                        l.rightNumerator(), l.leftDenominator(), l.rightDenominator());
                int layer = k;
                assertRejected(() -> verifyAndDischarge(withLayer(honest, layer, bad)), GkrReason.LAYER_MISMATCH);
            }
        }
    }

    @Test
    void rejectsWrongLayerCountAndShapes() {
        List<FractionLayerProof> fewer = new ArrayList<>(honest.layers());
        fewer.remove(N - 1);
        assertRejected(() -> verifyAndDischarge(new FractionalSumProof(honest.rootNumerator(), honest.rootDenominator(),
                fewer)), GkrReason.WRONG_LAYER_COUNT);
        FractionLayerProof l = honest.layers().get(2);
        FractionLayerProof moreRounds = new FractionLayerProof(honest.layers().get(3).sumcheck(), l.leftNumerator(),
                l.rightNumerator(), l.leftDenominator(), l.rightDenominator());
        assertRejected(() -> verifyAndDischarge(withLayer(honest, 2, moreRounds)), SumcheckReason.WRONG_ROUND_COUNT);
        List<RoundPolynomial> rounds = new ArrayList<>(l.sumcheck().rounds());
        rounds.set(1, new RoundPolynomial(Arrays.copyOf(rounds.get(1).compressed(), 12)));
        FractionLayerProof higherDegree = new FractionLayerProof(new SumcheckProof(rounds), l.leftNumerator(),
                l.rightNumerator(), l.leftDenominator(), l.rightDenominator());
        assertRejected(() -> verifyAndDischarge(withLayer(honest, 2, higherDegree)), SumcheckReason.WRONG_DEGREE);
    }

    @Test
    void rejectsLeafClaimsAgainstOtherLeaves() throws VerificationException {
        FractionTree other = randomTree(N, false, new SplittableRandom(78));
        FractionalSumClaims claims = FractionalSumVerifier.verify(N, honest, Fixtures.transcript());
        assertRejected(() -> claims.leafDenominator().requireValue(other.leafDenominatorAt(claims.leafDenominator().point())),
                GkrReason.EVALUATION_MISMATCH);
    }

    @Test
    void roundTripsAndRejectsTruncatedOrLongerBytes() throws MalformedProofException {
        ProofWriter out = new ProofWriter();
        honest.writeTo(out);
        byte[] bytes = out.toByteArray();
        ProofReader in = new ProofReader(bytes);
        assertThat(FractionalSumProof.readFrom(in, N)).isEqualTo(honest);
        in.expectEnd("fractional sum");
        for (int len = 0; len < bytes.length; len += 7) {
            byte[] cut = Arrays.copyOf(bytes, len);
            assertThatThrownBy(() -> FractionalSumProof.readFrom(new ProofReader(cut), N))
                    .isInstanceOf(MalformedProofException.class);
        }
        ProofReader longer = new ProofReader(Arrays.copyOf(bytes, bytes.length + 1));
        FractionalSumProof.readFrom(longer, N);
        assertThatThrownBy(() -> longer.expectEnd("fractional sum")).isInstanceOf(MalformedProofException.class);
    }

    @Test
    void soundnessBitsShrinkWithDepth() {
        assertThat(FractionalSumVerifier.soundnessBits(0)).isEqualTo(192.0);
        assertThat(FractionalSumVerifier.soundnessBits(17)).isBetween(183.0, 184.0);
    }
}
