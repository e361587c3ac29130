package io.edgeproof.commit.basefold;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeproof.commit.merkle.MerkleMultiProof;
import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import io.edgeproof.field.Ext3Vec;
import io.edgeproof.field.Goldilocks;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Sanity checks of hiding, each with a positive control on the plain opening: two attacks that recognise a
 * candidate witness from a plain opening (its opened codeword rows, its first round polynomial) must fail
 * on the hiding one, and re-opening the same commitment must reveal fresh values. They cannot prove zero
 * knowledge (README-pcs.md has the simulator argument); they catch a mode that leaks in the obvious ways.
 */
class HidingZeroKnowledgeTest {
    private static final BasefoldParams P = BasefoldParams.insecureForTests(2, 2, 2, 6);
    private static final int N = 6;

    /**
     * Two witnesses that differ in entries 0 and 1 (by 1 and 1/2) and so agree at every point with z_1 = 2:
     * eq(0, z) + eq(1, z) / 2 = (1 - 2 + 1) R = 0. Their first round polynomials differ.
     */
    private static long[][] witnessPair(SplittableRandom rnd) {
        long[] a = BasefoldTestSupport.randomTable(N, rnd);
        long[] b = a.clone();
        b[0] = Goldilocks.add(b[0], 1);
        b[1] = Goldilocks.add(b[1], Goldilocks.inverse(2));
        return new long[][] {a, b};
    }

    private static long[] pointWithFirstCoordinateTwo(SplittableRandom rnd) {
        long[] z = BasefoldTestSupport.randomPoint(N, rnd);
        z[0] = 2;
        z[1] = 0;
        z[2] = 0;
        return z;
    }

    /** The first round's h(0) an attacker predicts from a candidate: sum over b_1 = 0 of f(b) eq(b, z). */
    private static Ext3 predictedFirstRound(long[] table, long[] z) {
        long[] eq = Multilinear.eqTable(z);
        Ext3 acc = Ext3.ZERO;
        for (int b = 0; b < table.length; b += 2) {
            acc = acc.add(Ext3.read(eq, b).mulBase(table[b]));
        }
        return acc;
    }

    /** Whether every opened row is a leaf of the candidate's codeword (zero-padded to {@code vars}). */
    private static boolean rowsMatchCandidate(MerkleMultiProof opening, long[] table, int vars) {
        long[] cw = Encoding.encode(Arrays.copyOf(table, 1 << vars), P.logBlowup());
        int leaf = 1 << FoldingSchedule.leafArity(P, vars);
        Set<List<Long>> leaves = new HashSet<>();
        for (int i = 0; i < cw.length; i += leaf) {
            leaves.add(Arrays.stream(Arrays.copyOfRange(cw, i, i + leaf)).boxed().toList());
        }
        long[] rows = opening.rows();
        for (int i = 0; i < rows.length; i += leaf) {
            if (!leaves.contains(Arrays.stream(Arrays.copyOfRange(rows, i, i + leaf)).boxed().toList())) {
                return false;
            }
        }
        return true;
    }

    @Test
    void plainOpeningsLetACandidateWitnessBeRecognisedAndHidingOpeningsDoNot() {
        SplittableRandom rnd = new SplittableRandom(1);
        long[][] pair = witnessPair(rnd);
        long[] z = pointWithFirstCoordinateTwo(rnd);
        assertThat(Multilinear.evaluate(pair[0], z)).isEqualTo(Multilinear.evaluate(pair[1], z));

        BasefoldProverData plain = BasefoldProver.commit(P, pair[0]);
        BasefoldProof plainProof = BasefoldProver.open(P, plain, List.of(EvaluationClaim.of(plain, 0, z)),
                BasefoldTestSupport.transcript(List.of(plain.commitment())));
        Ext3 plainRound = Ext3.read(plainProof.foldRounds(), 0);
        assertThat(plainRound).isEqualTo(predictedFirstRound(pair[0], z)).isNotEqualTo(predictedFirstRound(pair[1], z));
        assertThat(rowsMatchCandidate(plainProof.inputOpenings().get(0), pair[0], N)).isTrue();
        assertThat(rowsMatchCandidate(plainProof.inputOpenings().get(0), pair[1], N)).isFalse();

        for (long seed = 0; seed < 8; seed++) {
            HidingProverData data = HidingBasefold.commit(P, pair[(int) seed & 1], HidingTestSupport.seeded(seed));
            List<HidingProverData> batch = List.of(data);
            HidingProof proof = HidingBasefold.open(P, batch, List.of(WeightedClaim.of(batch, List.of(z), new Ext3[] {Ext3.ONE})),
                    HidingTestSupport.transcript(List.of(data.commitment())), HidingTestSupport.seeded(seed + 100));
            Ext3 round = Ext3.read(proof.opening().foldRounds(), 0);
            int vars = data.commitment().committedVariables();
            for (long[] candidate : pair) {
                assertThat(round).isNotEqualTo(predictedFirstRound(candidate, z));
                assertThat(rowsMatchCandidate(proof.opening().inputOpenings().get(0), candidate, vars)).isFalse();
            }
        }
    }

    @Test
    void reopeningTheSameCommitmentRevealsFreshValuesWhereThePlainOpeningRepeatsItself() {
        SplittableRandom rnd = new SplittableRandom(2);
        long[] table = BasefoldTestSupport.randomTable(N, rnd);
        long[] z = BasefoldTestSupport.randomPoint(N, rnd);
        BasefoldProverData plain = BasefoldProver.commit(P, table);
        List<EvaluationClaim> plainClaim = List.of(EvaluationClaim.of(plain, 0, z));
        BasefoldProof p1 = BasefoldProver.open(P, plain, plainClaim, BasefoldTestSupport.transcript(List.of(plain.commitment())));
        BasefoldProof p2 = BasefoldProver.open(P, plain, plainClaim, BasefoldTestSupport.transcript(List.of(plain.commitment())));
        assertThat(p1.toBytes()).isEqualTo(p2.toBytes());

        HidingProverData data = HidingBasefold.commit(P, table, 2, HidingTestSupport.seeded(5));
        List<HidingProverData> batch = List.of(data);
        List<WeightedClaim> claim = List.of(WeightedClaim.of(batch, List.of(z), new Ext3[] {Ext3.ONE}));
        HidingProof h1 = HidingBasefold.open(P, batch, claim, HidingTestSupport.transcript(List.of(data.commitment())),
                HidingTestSupport.seeded(6));
        HidingProof h2 = HidingBasefold.open(P, batch, claim, HidingTestSupport.transcript(List.of(data.commitment())),
                HidingTestSupport.seeded(7));
        assertThat(h1.maskValues()).isNotEqualTo(h2.maskValues());
        assertThat(h1.maskRoot()).isNotEqualTo(h2.maskRoot());
        long[] r1 = h1.opening().foldRounds(), r2 = h2.opening().foldRounds();
        for (int k = 0; k < r1.length / 3; k++) {
            assertThat(Ext3.read(r1, k)).isNotEqualTo(Ext3.read(r2, k));
        }
        long[] f1 = h1.opening().finalPolynomial(), f2 = h2.opening().finalPolynomial();
        for (int k = 0; k < Ext3Vec.length(f1); k++) {
            assertThat(Ext3.read(f1, k)).isNotEqualTo(Ext3.read(f2, k));
        }
    }

    /**
     * Over many openings of two witnesses with the same claim, a revealed bit (low bit of the first round's
     * h(0) and of the final polynomial's constant) agrees with the witness index about half the time.
     */
    @Test
    void revealedBitsAreUncorrelatedWithTheWitness() {
        SplittableRandom rnd = new SplittableRandom(3);
        long[][] pair = witnessPair(rnd);
        long[] z = pointWithFirstCoordinateTwo(rnd);
        int runs = 96, roundAgree = 0, finalAgree = 0;
        for (int t = 0; t < runs; t++) {
            int bit = rnd.nextInt(2);
            HidingProverData data = HidingBasefold.commit(P, pair[bit], HidingTestSupport.seeded(1000 + t));
            List<HidingProverData> batch = List.of(data);
            HidingProof proof = HidingBasefold.open(P, batch, List.of(WeightedClaim.at(z, Multilinear.evaluate(pair[0], z))),
                    HidingTestSupport.transcript(List.of(data.commitment())), HidingTestSupport.seeded(2000 + t));
            roundAgree += (int) (proof.opening().foldRounds()[0] & 1) == bit ? 1 : 0;
            finalAgree += (int) (proof.opening().finalPolynomial()[0] & 1) == bit ? 1 : 0;
        }
        // binomial(96, 1/2): standard deviation ~4.9; 5 sigma either side
        assertThat(roundAgree).isBetween(runs / 2 - 25, runs / 2 + 25);
        assertThat(finalAgree).isBetween(runs / 2 - 25, runs / 2 + 25);
    }
}
