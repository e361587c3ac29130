package io.edgeproof.commit.basefold;

import static io.edgeproof.commit.basefold.HidingTestSupport.instance;
import static io.edgeproof.commit.basefold.HidingTestSupport.prove;
import static io.edgeproof.commit.basefold.HidingTestSupport.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeproof.commit.basefold.HidingTestSupport.Instance;
import io.edgeproof.commit.merkle.MerkleMultiProof;
import io.edgeproof.field.Ext3;
import io.edgeproof.field.Goldilocks;
import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.transcript.DomainSeparator;
import io.edgeproof.transcript.Transcript;
import io.edgeproof.transcript.VerificationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class HidingSoundnessTest {
    /** 8 variables (+1 hiding), 2-variable steps, final size 2: two committed layers. */
    private static final BasefoldParams P = BasefoldParams.insecureForTests(2, 2, 2, 6).withGrindingBits(4);
    /** Two polynomials, an evaluation claim and a three-point weighted claim. */
    private static final Instance IN = instance(P, 8, 2, 2, 3, 21);
    private static final HidingProof HONEST = prove(P, IN, 5);

    private static void assertRejected(List<WeightedClaim> claims, HidingProof proof, BasefoldReason reason) {
        assertThatThrownBy(() -> verify(P, IN, claims, proof)).isInstanceOf(VerificationException.class)
                .extracting(e -> ((VerificationException) e).reason()).isEqualTo(reason);
    }

    private static void assertRejected(HidingProof proof, BasefoldReason reason) {
        assertRejected(IN.claims(), proof, reason);
    }

    private static HidingProof withOpening(UnaryOperator<BasefoldProof> f) {
        return new HidingProof(HONEST.maskRoot(), HONEST.maskValues(), f.apply(HONEST.opening()));
    }

    private static BasefoldProof withInputs(BasefoldProof p, List<MerkleMultiProof> inputs) {
        return new BasefoldProof(p.reductionRounds(), p.reducedValues(), p.foldRounds(), p.layerRoots(),
                p.finalPolynomial(), p.powNonce(), inputs, p.layerOpenings());
    }

    /** Input opening i (the mask is the last) passed through f. */
    private static HidingProof withInput(int i, UnaryOperator<MerkleMultiProof> f) {
        return withOpening(p -> {
            List<MerkleMultiProof> inputs = new ArrayList<>(p.inputOpenings());
            inputs.set(i, f.apply(inputs.get(i)));
            return withInputs(p, inputs);
        });
    }

    private static long[] bump(long[] a, int i) {
        long[] b = a.clone();
        b[i] = Goldilocks.add(b[i], 1);
        return b;
    }

    private static byte[] flip(byte[] a, int i) {
        byte[] b = a.clone();
        b[i] ^= 1;
        return b;
    }

    @Test
    void honestProofVerifies() throws Exception {
        verify(P, IN, IN.claims(), HONEST);
    }

    @Test
    void rejectsWrongClaimedValue() {
        List<WeightedClaim> claims = new ArrayList<>(IN.claims());
        claims.set(1, claims.get(1).withValue(1, claims.get(1).values()[1].add(Ext3.ONE)));
        assertRejected(claims, HONEST, BasefoldReason.SUMCHECK_ROUND_MISMATCH);
    }

    @Test
    void rejectsWrongWeight() {
        WeightedClaim c = IN.claims().get(1);
        Ext3[] w = c.weights();
        w[2] = w[2].add(Ext3.ONE);
        List<WeightedClaim> claims = List.of(IN.claims().get(0), new WeightedClaim(c.points(), w, c.values()));
        assertRejected(claims, HONEST, BasefoldReason.SUMCHECK_ROUND_MISMATCH);
    }

    @Test
    void rejectsWrongMaskValue() {
        assertRejected(new HidingProof(HONEST.maskRoot(), bump(HONEST.maskValues(), 4), HONEST.opening()),
                BasefoldReason.SUMCHECK_ROUND_MISMATCH);
    }

    /** A prover who opens another (hidingly committed) table under the real commitments, claims honest for it. */
    @Test
    void rejectsOpeningOfATableOtherThanTheCommittedOne() {
        Instance other = instance(P, 8, 2, 2, 3, 22);
        List<HidingProverData> cheat = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            HidingProverData d = other.data().get(i);
            cheat.add(new HidingProverData(IN.commitments().get(i), d.table(), d.randomised(), 1));
        }
        HidingProof proof = HidingBasefold.open(P, cheat, other.claims(), HidingTestSupport.transcript(IN.commitments()),
                HidingTestSupport.seeded(3));
        assertRejected(other.claims(), proof, BasefoldReason.MERKLE_PATH_INVALID);
    }

    @Test
    void rejectsTamperedSaltLeafAndPathOfTheCommittedPolynomialAndTheMask() {
        for (int i = 0; i < 3; i++) {
            assertRejected(withInput(i, o -> new MerkleMultiProof(o.rows(), flip(o.salts(), 3), o.siblings())),
                    BasefoldReason.MERKLE_PATH_INVALID);
            assertRejected(withInput(i, o -> new MerkleMultiProof(bump(o.rows(), 1), o.salts(), o.siblings())),
                    BasefoldReason.MERKLE_PATH_INVALID);
            assertRejected(withInput(i, o -> new MerkleMultiProof(o.rows(), o.salts(), flip(o.siblings(), 0))),
                    BasefoldReason.MERKLE_PATH_INVALID);
        }
    }

    @Test
    void rejectsSwappedMaskRoot() {
        byte[] root = HONEST.maskRoot();
        root[0] ^= 1;
        assertRejected(new HidingProof(root, HONEST.maskValues(), HONEST.opening()), BasefoldReason.SUMCHECK_ROUND_MISMATCH);
    }

    @Test
    void rejectsTamperedFoldingRoundsFinalPolynomialAndLayers() {
        assertRejected(withOpening(p -> new BasefoldProof(p.reductionRounds(), p.reducedValues(), bump(p.foldRounds(), 12),
                p.layerRoots(), p.finalPolynomial(), p.powNonce(), p.inputOpenings(), p.layerOpenings())),
                BasefoldReason.SUMCHECK_ROUND_MISMATCH);
        assertRejected(withOpening(p -> new BasefoldProof(p.reductionRounds(), p.reducedValues(), p.foldRounds(),
                p.layerRoots(), bump(p.finalPolynomial(), 0), p.powNonce(), p.inputOpenings(), p.layerOpenings())),
                BasefoldReason.EVALUATION_MISMATCH);
        assertRejected(withOpening(p -> {
            List<MerkleMultiProof> layers = new ArrayList<>(p.layerOpenings());
            MerkleMultiProof o = layers.get(0);
            layers.set(0, new MerkleMultiProof(bump(o.rows(), 0), o.salts(), o.siblings()));
            return new BasefoldProof(p.reductionRounds(), p.reducedValues(), p.foldRounds(), p.layerRoots(),
                    p.finalPolynomial(), p.powNonce(), p.inputOpenings(), layers);
        }), BasefoldReason.MERKLE_PATH_INVALID);
    }

    @Test
    void rejectsWrongShapes() {
        assertRejected(new HidingProof(HONEST.maskRoot(), Arrays.copyOf(HONEST.maskValues(), 3), HONEST.opening()),
                BasefoldReason.SHAPE_MISMATCH);
        assertRejected(withOpening(p -> withInputs(p, p.inputOpenings().subList(0, 2))), BasefoldReason.SHAPE_MISMATCH);
    }

    @Test
    void rejectsAnotherDomainSeparator() {
        Transcript other = Transcript.open(new DomainSeparator("edgeproof-basefold-test", 2), b -> { });
        assertThatThrownBy(() -> HidingBasefoldVerifier.verify(P, IN.commitments(), IN.claims(), HONEST, other))
                .isInstanceOf(VerificationException.class);
    }

    /** Byte ranges of every part of the serialized proof, in order. */
    private static Map<String, int[]> regions(HidingProof proof, int claims) {
        Map<String, int[]> out = new LinkedHashMap<>();
        int at = 0;
        at = region(out, "header", at, 5);
        at = region(out, "mask root", at, 32);
        at = region(out, "mask values", at, 24 * claims);
        BasefoldProof o = proof.opening();
        at = region(out, "reduction flag", at, 1);
        at = region(out, "folding rounds", at, 8 * o.foldRounds().length);
        at = region(out, "layer roots", at, 32 * o.layerRoots().size());
        at = region(out, "final polynomial", at, 8 * o.finalPolynomial().length);
        at = region(out, "nonce", at, 8);
        List<MerkleMultiProof> all = new ArrayList<>(o.inputOpenings());
        all.addAll(o.layerOpenings());
        for (int i = 0; i < all.size(); i++) {
            MerkleMultiProof m = all.get(i);
            at = region(out, "opening " + i + " rows", at, 4 + 8 * m.rows().length);
            at = region(out, "opening " + i + " salts", at, 4 + m.salts().length);
            at = region(out, "opening " + i + " siblings", at, 4 + m.siblings().length);
        }
        return out;
    }

    private static int region(Map<String, int[]> out, String name, int at, int length) {
        if (length > 0) {
            out.put(name, new int[] {at, at + length});
        }
        return at + length;
    }

    private static void assertRejectedBytes(byte[] bad, String what) {
        HidingProof decoded;
        try {
            decoded = HidingProof.fromBytes(bad, P, 8, 1, 2, 2);
        } catch (MalformedProofException e) {
            return;
        }
        assertThatThrownBy(() -> verify(P, IN, IN.claims(), decoded)).as(what).isInstanceOf(VerificationException.class);
    }

    @Test
    void rejectsFlippedBitsInEveryRegionOfTheSerializedProof() {
        byte[] bytes = HONEST.toBytes();
        Map<String, int[]> regions = regions(HONEST, 2);
        assertThat(regions.values().stream().mapToInt(r -> r[1]).max().orElseThrow()).isEqualTo(bytes.length);
        SplittableRandom rnd = new SplittableRandom(31);
        for (Map.Entry<String, int[]> r : regions.entrySet()) {
            int from = r.getValue()[0], to = r.getValue()[1];
            for (int k = 0; k < 12; k++) {
                int pos = k < 2 ? (k == 0 ? from : to - 1) : from + rnd.nextInt(to - from);
                byte[] bad = bytes.clone();
                bad[pos] ^= (byte) (1 << rnd.nextInt(8));
                assertRejectedBytes(bad, "bit flip at byte " + pos + " in " + r.getKey());
            }
        }
    }

    @Test
    void rejectsTruncatedPaddedAndNonCanonicalBytes() {
        byte[] bytes = HONEST.toBytes();
        for (int cut = 0; cut < bytes.length; cut += 1 + cut / 16) {
            byte[] shorter = Arrays.copyOf(bytes, cut);
            assertThatThrownBy(() -> HidingProof.fromBytes(shorter, P, 8, 1, 2, 2)).isInstanceOf(MalformedProofException.class);
        }
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> HidingProof.fromBytes(longer, P, 8, 1, 2, 2)).isInstanceOf(MalformedProofException.class);
        byte[] nonCanonical = bytes.clone();
        Arrays.fill(nonCanonical, 5 + 32, 5 + 40, (byte) 0xFF); // first mask value word >= p
        assertThatThrownBy(() -> HidingProof.fromBytes(nonCanonical, P, 8, 1, 2, 2)).isInstanceOf(MalformedProofException.class);
        byte[] reduction = bytes.clone();
        reduction[5 + 32 + 48] = 1; // a point reduction has no place in a hiding proof
        assertThatThrownBy(() -> HidingProof.fromBytes(reduction, P, 8, 1, 2, 2)).isInstanceOf(MalformedProofException.class);
        assertThatThrownBy(() -> HidingProof.fromBytes(bytes, P, 8, 1, 2, 1)).isInstanceOf(MalformedProofException.class);
        assertThatThrownBy(() -> HidingProof.fromBytes(bytes, P, 8, 2, 2, 2)).isInstanceOf(MalformedProofException.class);
    }

    @Test
    void refusesToOpenBeyondTheCommittedBudget() {
        Instance once = instance(P, 6, 1, 1, 1, 40);
        prove(P, once, 1);
        assertThatThrownBy(() -> prove(P, once, 2)).isInstanceOf(IllegalStateException.class);
        HidingProverData twice = HidingBasefold.commit(P, BasefoldTestSupport.randomTable(6, new SplittableRandom(1)), 2,
                HidingTestSupport.seeded(1));
        assertThat(twice.commitment().extraVariables()).isEqualTo(HidingBasefold.extraVariables(P, 6, 2));
        assertThat(twice.openingsLeft()).isEqualTo(2);
    }

    @Test
    void extraVariablesCoverEveryRevealedPosition() {
        BasefoldParams standard = BasefoldParams.standard();
        assertThat(HidingBasefold.extraVariables(standard, 20, 1)).isEqualTo(1);
        assertThat(HidingBasefold.extraVariables(standard, 0, 1)).isEqualTo(11); // 88 leaves of 16 > 2^10 - 1
        for (int n = 0; n <= 16; n++) {
            for (int openings : new int[] {1, 3, 100}) {
                int e = HidingBasefold.extraVariables(standard, n, openings);
                assertThat(HidingBasefold.revealedPositions(standard, n + e, openings))
                        .isLessThanOrEqualTo(HidingBasefold.randomCoefficients(n, e));
                if (e > 1) {
                    assertThat(HidingBasefold.revealedPositions(standard, n + e - 1, openings))
                            .isGreaterThan(HidingBasefold.randomCoefficients(n, e - 1));
                }
            }
        }
        assertThatThrownBy(() -> HidingBasefold.extraVariables(standard, 26, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
