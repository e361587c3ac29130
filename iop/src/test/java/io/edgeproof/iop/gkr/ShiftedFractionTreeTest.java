package io.edgeproof.iop.gkr;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeproof.field.Ext3;
import io.edgeproof.iop.sumcheck.MultilinearTable;
import io.edgeproof.iop.testing.Fixtures;
import io.edgeproof.transcript.VerificationException;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shifted tree (leaf denominators alpha - v kept implicit) and the fast layer prover must give bit for
 * bit the proof of the plain tree built from the explicit denominators. Sizes include 0, 1, 2 variables and
 * one large enough for the kernels' parallel chunks.
 */
class ShiftedFractionTreeTest {
    private static long[] explicitDenominators(Ext3 shift, long[] values) {
        long[] q = new long[3 * values.length];
        for (int i = 0; i < values.length; i++) {
            shift.sub(Ext3.ofBase(values[i])).write(q, i);
        }
        return q;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 7, 13})
    void shiftedTreesProveExactlyAsPlainTrees(int n) throws VerificationException {
        SplittableRandom rnd = new SplittableRandom(300 + n);
        Ext3 alpha = Fixtures.randomExt(rnd);
        long[] values = Fixtures.randomBaseTable(1 << n, rnd);
        long[] counts = new long[1 << n];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = rnd.nextInt(1 << 20);
        }
        long[] q = explicitDenominators(alpha, values);
        FractionTree[][] pairs = {
            {FractionTree.buildShifted(null, alpha, values), FractionTree.buildWithUnitNumerators(q)},
            {FractionTree.buildShifted(MultilinearTable.base(counts), alpha, values),
                    FractionTree.build(MultilinearTable.base(counts), q)}};
        for (FractionTree[] pair : pairs) {
            assertThat(pair[0].rootNumerator()).isEqualTo(pair[1].rootNumerator());
            assertThat(pair[0].rootDenominator()).isEqualTo(pair[1].rootDenominator());
            FractionalSumProver.Output shifted = FractionalSumProver.prove(pair[0], Fixtures.transcript());
            FractionalSumProver.Output plain = FractionalSumProver.prove(pair[1], Fixtures.transcript());
            assertThat(shifted.proof()).isEqualTo(plain.proof());
            assertThat(shifted.claims()).isEqualTo(plain.claims());
            FractionalSumClaims verified = FractionalSumVerifier.verify(n, shifted.proof(), Fixtures.transcript());
            long[] point = verified.leafDenominator().point();
            verified.leafDenominator().requireValue(pair[0].leafDenominatorAt(point));
            verified.leafNumerator().requireValue(pair[0].leafNumeratorAt(point));
        }
    }
}
