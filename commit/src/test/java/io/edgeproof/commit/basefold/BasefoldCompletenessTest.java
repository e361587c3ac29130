package io.edgeproof.commit.basefold;

import static io.edgeproof.commit.basefold.BasefoldTestSupport.instance;
import static io.edgeproof.commit.basefold.BasefoldTestSupport.prove;
import static io.edgeproof.commit.basefold.BasefoldTestSupport.verify;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgeproof.commit.basefold.BasefoldTestSupport.Instance;
import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.transcript.VerificationException;
import org.junit.jupiter.api.Test;

class BasefoldCompletenessTest {
    private static final BasefoldParams P = BasefoldParams.insecureForTests(2, 2, 2, 8);

    private static void roundTrip(BasefoldParams params, int[] sizes, int[] points, long seed)
            throws VerificationException, MalformedProofException {
        Instance in = instance(params, sizes, points, seed);
        BasefoldProof proof = prove(params, in);
        verify(params, in, in.claims(), proof);
        BasefoldProof decoded = BasefoldProof.fromBytes(proof.toBytes(), params, sizes);
        verify(params, in, in.claims(), decoded);
        assertThat(decoded.toBytes()).isEqualTo(proof.toBytes());
    }

    @Test
    void opensOnePolynomialAtOnePointForEdgeSizes() throws Exception {
        for (int n : new int[] {0, 1, 2, 3, 5, 7, 10}) {
            roundTrip(P, new int[] {n}, new int[] {1}, n);
        }
    }

    @Test
    void opensAcrossFoldingArities() throws Exception {
        for (int k = 1; k <= 4; k++) {
            for (int fin = 0; fin <= 3; fin++) {
                roundTrip(BasefoldParams.insecureForTests(1 + k % 2, k, fin, 5), new int[] {9}, new int[] {1}, 10 * k + fin);
            }
        }
    }

    @Test
    void opensOnePolynomialAtSeveralPoints() throws Exception {
        roundTrip(P, new int[] {6}, new int[] {3}, 1);
        roundTrip(P, new int[] {1}, new int[] {2}, 2);
    }

    @Test
    void opensSameSizeBatchAtSharedPointsDirectly() throws Exception {
        BasefoldParams params = P;
        Instance base = instance(params, new int[] {5, 5}, new int[] {1, 0}, 3);
        // second polynomial at the same point as the first: a direct opening, no point reduction
        Instance in = new Instance(base.data(), base.commitments(), java.util.List.of(base.claims().get(0),
                EvaluationClaim.of(base.data().get(1), 1, base.claims().get(0).point())));
        BasefoldProof proof = prove(params, in);
        assertThat(proof.reductionRounds()).isEmpty();
        verify(params, in, in.claims(), proof);
    }

    @Test
    void opensBatchOfDifferentSizesAtDifferentPoints() throws Exception {
        roundTrip(P, new int[] {8, 5}, new int[] {1, 2}, 4);
        roundTrip(P, new int[] {3, 7, 7, 1}, new int[] {2, 1, 1, 1}, 5);
        roundTrip(BasefoldParams.insecureForTests(1, 3, 4, 6), new int[] {10, 4, 9, 6}, new int[] {1, 1, 2, 1}, 6);
        roundTrip(BasefoldParams.insecureForTests(1, 3, 0, 6), new int[] {0, 6}, new int[] {1, 1}, 7);
        // a polynomial joining exactly at a committed layer that is folded further
        roundTrip(BasefoldParams.insecureForTests(1, 3, 0, 6), new int[] {9, 6}, new int[] {1, 1}, 8);
    }
}
