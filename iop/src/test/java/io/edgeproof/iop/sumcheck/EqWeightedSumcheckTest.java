package io.edgeproof.iop.sumcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import io.edgeproof.iop.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The eq-weighted prover must give exactly the generic prover's proof on (eq(tau), P...), eq in every term. */
class EqWeightedSumcheckTest {

    /** A zero-check shaped expression over eq (factor 0) and m tables: degrees 1 to 4, base and ext coefficients. */
    private static SumcheckExpression expression(int m, SplittableRandom rnd) {
        List<SumcheckTerm> terms = new ArrayList<>();
        terms.add(SumcheckTerm.of(Ext3.ONE, 0, 1));
        terms.add(SumcheckTerm.of(Ext3.ONE.neg(), 0, 1, 2 % m + 1));
        terms.add(SumcheckTerm.of(Fixtures.randomExt(rnd), 0, m, 1));
        terms.add(SumcheckTerm.of(Ext3.ofBase(7), 0, 1, 1, m));
        terms.add(SumcheckTerm.of(Fixtures.randomExt(rnd), 0, (m + 1) / 2 + 1));
        return new SumcheckExpression(m + 1, terms);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 6, 13})
    void givesTheGenericProversProof(int n) {
        SplittableRandom rnd = new SplittableRandom(40 + n);
        for (boolean extTables : new boolean[] {false, true}) {
            int m = 4;
            long[] tau = Fixtures.randomExtVector(n, rnd);
            List<MultilinearTable> inner = new ArrayList<>();
            for (int i = 0; i < m; i++) {
                inner.add(SumcheckCompletenessTest.table(n, extTables && i % 2 == 1, rnd));
            }
            SumcheckExpression full = expression(m, rnd);
            List<MultilinearTable> all = new ArrayList<>();
            all.add(MultilinearTable.ext(Multilinear.eqTable(tau)));
            all.addAll(inner);
            SumcheckProverOutput generic = SumcheckProver.prove(new SumcheckInstance(n, all, full), Fixtures.transcript());
            SumcheckProverOutput weighted = SumcheckProver.proveEqWeighted(tau,
                    new SumcheckInstance(n, inner, full.withoutFactor(0)), Fixtures.transcript());
            assertThat(weighted).isEqualTo(generic);
            assertThat(weighted.finalEvaluations()).isEqualTo(generic.finalEvaluations());
        }
    }

    @Test
    void derivesTheRoundsEvenWhenACoordinateOfTauIsZero() {
        // a zero coordinate makes q(1) underivable from the claim: the prover must sum it directly
        SplittableRandom rnd = new SplittableRandom(7);
        int n = 5;
        long[] tau = Fixtures.randomExtVector(n, rnd);
        Ext3.ZERO.write(tau, 2);
        Ext3.ONE.write(tau, 3);
        List<MultilinearTable> inner = List.of(SumcheckCompletenessTest.table(n, false, rnd),
                SumcheckCompletenessTest.table(n, false, rnd));
        SumcheckExpression full = new SumcheckExpression(3, List.of(SumcheckTerm.product(0, 1, 2)));
        List<MultilinearTable> all = List.of(MultilinearTable.ext(Multilinear.eqTable(tau)), inner.get(0), inner.get(1));
        assertThat(SumcheckProver.proveEqWeighted(tau, new SumcheckInstance(n, inner, full.withoutFactor(0)),
                Fixtures.transcript())).isEqualTo(SumcheckProver.prove(new SumcheckInstance(n, all, full),
                Fixtures.transcript()));
    }

    @Test
    void refusesATermWithoutTheEqFactor() {
        SumcheckExpression e = new SumcheckExpression(2, List.of(SumcheckTerm.product(0, 1), SumcheckTerm.product(1)));
        assertThatThrownBy(() -> e.withoutFactor(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
