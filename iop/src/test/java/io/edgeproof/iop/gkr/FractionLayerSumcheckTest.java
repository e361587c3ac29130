package io.edgeproof.iop.gkr;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import io.edgeproof.iop.sumcheck.MultilinearTable;
import io.edgeproof.iop.sumcheck.SumcheckInstance;
import io.edgeproof.iop.sumcheck.SumcheckProver;
import io.edgeproof.iop.sumcheck.SumcheckProverOutput;
import io.edgeproof.iop.testing.Fixtures;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The implicit-eq layer prover must give byte for byte the generic prover's proof of the explicit instance. */
class FractionLayerSumcheckTest {
    private static void assertMatchesGenericProver(long[] point, boolean baseNumerators, SplittableRandom rnd) {
        int n = point.length / 3;
        Ext3 lambda = Fixtures.randomExt(rnd);
        MultilinearTable pl = baseNumerators ? MultilinearTable.base(Fixtures.randomBaseTable(1 << n, rnd))
                : MultilinearTable.ext(Fixtures.randomExtVector(1 << n, rnd));
        MultilinearTable pr = baseNumerators ? MultilinearTable.base(Fixtures.randomBaseTable(1 << n, rnd))
                : MultilinearTable.ext(Fixtures.randomExtVector(1 << n, rnd));
        MultilinearTable ql = MultilinearTable.ext(Fixtures.randomExtVector(1 << n, rnd));
        MultilinearTable qr = MultilinearTable.ext(Fixtures.randomExtVector(1 << n, rnd));
        SumcheckInstance explicit = new SumcheckInstance(n, List.of(MultilinearTable.ext(Multilinear.eqTable(point)),
                pl, pr, ql, qr), FractionLayerReduction.expression(lambda));
        SumcheckProverOutput generic = SumcheckProver.prove(explicit, Fixtures.transcript());
        SumcheckProverOutput fast = new FractionLayerSumcheck(point, lambda, pl, pr, ql, qr)
                .prove(generic.claimedSum(), Fixtures.transcript());
        assertThat(fast).isEqualTo(generic);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 6, 13})
    void matchesGenericProverOnRandomPoints(int n) {
        SplittableRandom rnd = new SplittableRandom(n);
        assertMatchesGenericProver(Fixtures.randomExtVector(n, rnd), true, rnd);
        assertMatchesGenericProver(Fixtures.randomExtVector(n, rnd), false, rnd);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 4, 13})
    void unitNumeratorsMatchTheGenericProverWithTablesOfOnes(int n) {
        SplittableRandom rnd = new SplittableRandom(200 + n);
        long[] point = Fixtures.randomExtVector(n, rnd);
        Ext3 lambda = Fixtures.randomExt(rnd);
        long[] ones = new long[1 << n];
        java.util.Arrays.fill(ones, 1);
        MultilinearTable one = MultilinearTable.base(ones);
        MultilinearTable ql = MultilinearTable.ext(Fixtures.randomExtVector(1 << n, rnd));
        MultilinearTable qr = MultilinearTable.ext(Fixtures.randomExtVector(1 << n, rnd));
        SumcheckProverOutput generic = SumcheckProver.prove(new SumcheckInstance(n, List.of(
                MultilinearTable.ext(Multilinear.eqTable(point)), one, one, ql, qr),
                FractionLayerReduction.expression(lambda)), Fixtures.transcript());
        SumcheckProverOutput fast = FractionLayerSumcheck.withUnitNumerators(point, lambda, ql, qr)
                .prove(generic.claimedSum(), Fixtures.transcript());
        assertThat(fast).isEqualTo(generic);
    }

    /** A zero coordinate makes t(1) underivable from the claim: the prover must compute it instead. */
    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void matchesGenericProverWhenAPointCoordinateIsZero(int n) {
        SplittableRandom rnd = new SplittableRandom(100 + n);
        long[] point = Fixtures.randomExtVector(n, rnd);
        point[0] = 0;
        point[1] = 0;
        point[2] = 0;
        assertMatchesGenericProver(point, true, rnd);
    }

    /** Shifted leaves (q = alpha - v, numerators one or base), also with a zero coordinate (t(1) summed). */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 5, 13})
    void shiftedLeavesMatchTheGenericProver(int n) {
        SplittableRandom rnd = new SplittableRandom(400 + n);
        Ext3 alpha = Fixtures.randomExt(rnd);
        long[] values = Fixtures.randomBaseTable(2 << n, rnd);
        long[] q = new long[3 * values.length];
        for (int i = 0; i < values.length; i++) {
            alpha.sub(Ext3.ofBase(values[i])).write(q, i);
        }
        long[] ones = new long[2 << n];
        java.util.Arrays.fill(ones, 1);
        MultilinearTable[] numerators = {null, MultilinearTable.base(Fixtures.randomBaseTable(2 << n, rnd))};
        for (boolean zeroCoordinate : new boolean[] {false, true}) {
            long[] point = Fixtures.randomExtVector(n, rnd);
            if (zeroCoordinate && n > 0) {
                point[0] = point[1] = point[2] = 0;
            }
            for (MultilinearTable p : numerators) {
                MultilinearTable all = p == null ? MultilinearTable.base(ones) : p;
                Ext3 lambda = Fixtures.randomExt(rnd);
                SumcheckProverOutput generic = SumcheckProver.prove(new SumcheckInstance(n, List.of(
                        MultilinearTable.ext(Multilinear.eqTable(point)), half(all, 0), half(all, 1),
                        half(MultilinearTable.ext(q), 0), half(MultilinearTable.ext(q), 1)),
                        FractionLayerReduction.expression(lambda)), Fixtures.transcript());
                SumcheckProverOutput fast = new FractionLayerSumcheck(point, lambda, p, alpha, values)
                        .prove(generic.claimedSum(), Fixtures.transcript());
                assertThat(fast).isEqualTo(generic);
            }
        }
    }

    private static MultilinearTable half(MultilinearTable t, int which) {
        int stride = t.extension() ? 3 : 1, n = t.size() / 2;
        return new MultilinearTable(java.util.Arrays.copyOfRange(t.values(), which * stride * n, (which + 1) * stride * n),
                t.extension());
    }
}
