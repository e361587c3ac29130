package io.edgeproof.commit.basefold;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeproof.commit.basefold.HidingTestSupport.Instance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HidingCompletenessTest {
    @ParameterizedTest(name = "n={0} polys={1} claims={2} points={3} k={4} final={5} Q={6}")
    @CsvSource({
            "0, 1, 1, 1, 2, 2, 6", "1, 1, 1, 1, 2, 2, 6", "2, 1, 1, 1, 2, 0, 6", "3, 2, 1, 1, 2, 2, 6",
            "5, 1, 2, 3, 2, 2, 8", "7, 3, 1, 2, 3, 1, 8", "8, 1, 1, 1, 4, 9, 10", "9, 2, 2, 2, 4, 4, 12",
            "10, 1, 1, 1, 2, 2, 20", "4, 1, 1, 40, 1, 0, 4"})
    void hidingOpeningsVerifyAndRoundTrip(int n, int polys, int claims, int pointsPer, int k, int fin, int q)
            throws Exception {
        BasefoldParams p = BasefoldParams.insecureForTests(2, k, fin, q).withGrindingBits(2);
        Instance in = HidingTestSupport.instance(p, n, polys, claims, pointsPer, 100 + n);
        HidingProof proof = HidingTestSupport.prove(p, in, 7);
        HidingTestSupport.verify(p, in, in.claims(), proof);
        HidingCommitment c = in.commitments().get(0);
        byte[] bytes = proof.toBytes();
        HidingProof decoded = HidingProof.fromBytes(bytes, p, n, c.extraVariables(), polys, claims);
        assertThat(decoded.toBytes()).isEqualTo(bytes);
        HidingTestSupport.verify(p, in, in.claims(), decoded);
        assertThat(HidingBasefold.revealedPositions(p, c.committedVariables(), 1))
                .isLessThanOrEqualTo(HidingBasefold.randomCoefficients(n, c.extraVariables()));
    }
}
