package io.edgeproof.iop.gkr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeproof.field.Ext3;
import io.edgeproof.iop.sumcheck.MultilinearTable;
import io.edgeproof.iop.testing.Fixtures;
import io.edgeproof.transcript.VerificationException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClaimMergerTest {
    static List<EvaluationClaim> trueClaims(MultilinearTable f, int count, SplittableRandom rnd) {
        List<EvaluationClaim> claims = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long[] point = Fixtures.randomExtVector(f.numVariables(), rnd);
            claims.add(new EvaluationClaim(point, f.evaluate(point)));
        }
        return claims;
    }

    @ParameterizedTest
    @CsvSource({"0,1", "0,3", "1,2", "3,1", "3,4", "6,3"})
    void mergesTrueClaimsIntoOneThatHolds(int n, int count) throws VerificationException {
        SplittableRandom rnd = new SplittableRandom(n * 10L + count);
        for (MultilinearTable f : List.of(MultilinearTable.base(Fixtures.randomBaseTable(1 << n, rnd)),
                MultilinearTable.ext(Fixtures.randomExtVector(1 << n, rnd)))) {
            List<EvaluationClaim> claims = trueClaims(f, count, rnd);
            ClaimMerger.Output out = ClaimMerger.prove(f, claims, Fixtures.transcript());
            EvaluationClaim merged = ClaimMerger.verify(n, claims, out.proof(), Fixtures.transcript());
            assertThat(merged).isEqualTo(out.merged());
            merged.requireValue(f.evaluate(merged.point()));
        }
    }

    @Test
    void rejectsOneFalseClaimAmongTrueOnes() {
        SplittableRandom rnd = new SplittableRandom(5);
        MultilinearTable f = MultilinearTable.base(Fixtures.randomBaseTable(16, rnd));
        List<EvaluationClaim> claims = trueClaims(f, 3, rnd);
        MergedClaimProof proof = ClaimMerger.prove(f, claims, Fixtures.transcript()).proof();
        List<EvaluationClaim> lying = new ArrayList<>(claims);
        lying.set(1, new EvaluationClaim(claims.get(1).point(), claims.get(1).value().add(Ext3.ONE)));
        assertMergeMismatch(lying, proof);
        assertThatThrownBy(() -> ClaimMerger.prove(f, lying, Fixtures.transcript()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void soundnessBitsCountGammaAndTheSumcheck() {
        assertThat(ClaimMerger.soundnessBits(20, 5)).isCloseTo(192 - Math.log(44) / Math.log(2),
                org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void rejectsTamperedMergedValue() {
        SplittableRandom rnd = new SplittableRandom(6);
        MultilinearTable f = MultilinearTable.base(Fixtures.randomBaseTable(16, rnd));
        List<EvaluationClaim> claims = trueClaims(f, 2, rnd);
        MergedClaimProof proof = ClaimMerger.prove(f, claims, Fixtures.transcript()).proof();
        MergedClaimProof bad = new MergedClaimProof(proof.sumcheck(), proof.value().add(Ext3.ONE));
        assertMergeMismatch(claims, bad);
    }

    private static void assertMergeMismatch(List<EvaluationClaim> claims, MergedClaimProof proof) {
        assertThatThrownBy(() -> ClaimMerger.verify(4, claims, proof, Fixtures.transcript()))
                .isInstanceOfSatisfying(VerificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(GkrReason.MERGE_MISMATCH));
    }
}
