package io.edgeproof.commit.basefold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.edgeproof.transcript.HashFunction;
import org.junit.jupiter.api.Test;

class BasefoldSecurityTest {
    private static BasefoldParams params(int logBlowup, int queries, int grinding, ProximityRegime regime, int fin) {
        return new BasefoldParams(logBlowup, 4, fin, queries, grinding, regime, HashFunction.SHA256);
    }

    @Test
    void uniqueDecodingMatchesAHandComputedValue() {
        // rho = 1/2: delta = 1/4, each query keeps a far oracle alive with probability 3/4
        BasefoldSecurity.Report r = BasefoldSecurity.analyse(params(1, 100, 0, ProximityRegime.UNIQUE_DECODING, 0), 10, 1);
        assertThat(r.queryBits()).isCloseTo(100 * (Math.log(4.0 / 3) / Math.log(2)), within(1e-9));
        // folded lengths 2^11 .. 2^2 sum to 4092; each fold costs len / 2^192
        assertThat(r.proximityBits()).isCloseTo(192 - Math.log(4092) / Math.log(2), within(1e-9));
        assertThat(r.sumcheckBits()).isCloseTo(192 - Math.log(20) / Math.log(2), within(1e-9));
        assertThat(r.bits()).isCloseTo(41.50374992788438, within(1e-9));
    }

    @Test
    void johnsonRegimeBalancesQueriesAgainstProximityGaps() {
        BasefoldSecurity.Report r = BasefoldSecurity.analyse(params(2, 90, 16, ProximityRegime.JOHNSON, 8), 20, 1);
        // hand computation (independent script): the best m is 59, eta = sqrt(1/4) / 118
        assertThat(r.eta()).isCloseTo(0.5 / 118, within(1e-12));
        assertThat(r.bits()).isCloseTo(104.90427574485079, within(1e-6));
        assertThat(r.proximityBits()).isGreaterThanOrEqualTo(r.bits());
        assertThat(r.listBits()).isGreaterThan(170);
    }

    @Test
    void moreQueriesOrGrindingGiveMoreBitsUntilAnotherTermBinds() {
        double previous = 0;
        for (int q = 10; q <= 200; q += 10) {
            double bits = params(2, q, 0, ProximityRegime.UNIQUE_DECODING, 4).securityBits(16);
            assertThat(bits).isGreaterThanOrEqualTo(previous);
            previous = bits;
        }
        assertThat(params(2, 60, 20, ProximityRegime.JOHNSON, 4).securityBits(16))
                .isGreaterThan(params(2, 60, 0, ProximityRegime.JOHNSON, 4).securityBits(16));
        // the hash caps everything
        assertThat(params(4, 1000, 30, ProximityRegime.JOHNSON, 4).securityBits(16)).isLessThanOrEqualTo(128);
    }

    @Test
    void johnsonNeedsFewerQueriesThanUniqueDecoding() {
        BasefoldParams unique = params(2, 90, 16, ProximityRegime.UNIQUE_DECODING, 8);
        assertThat(unique.withRegime(ProximityRegime.JOHNSON).securityBits(20)).isGreaterThan(unique.securityBits(20));
    }

    @Test
    void batchingCostsAtMostALittle() {
        BasefoldParams p = BasefoldParams.standard();
        assertThat(p.securityBits(20, 4)).isLessThanOrEqualTo(p.securityBits(20)).isGreaterThan(p.securityBits(20) - 2);
    }

    @Test
    void standardParametersReachOneHundredBitsAtTwoToTheTwenty() {
        assertThat(BasefoldParams.standard().securityBits(20)).isCloseTo(103.10, within(0.01));
        assertThat(BasefoldParams.standard().securityBits(20)).isGreaterThanOrEqualTo(100);
        assertThat(BasefoldParams.standard().securityBits(20, 2)).isGreaterThanOrEqualTo(100);
    }

    @Test
    void proofSizeModelTracksRealProofs() {
        BasefoldParams p = BasefoldParams.insecureForTests(2, 3, 3, 40);
        BasefoldWorkload w = BasefoldWorkload.random(p, 12, 3);
        w.commit();
        int actual = w.open().toBytes().length;
        assertThat(BasefoldSecurity.expectedProofBytes(p, 12)).isCloseTo(actual, within(actual * 0.08));
    }
}
