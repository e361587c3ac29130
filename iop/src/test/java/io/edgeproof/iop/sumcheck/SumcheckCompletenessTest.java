package io.edgeproof.iop.sumcheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import io.edgeproof.iop.testing.Fixtures;
import io.edgeproof.transcript.Transcript;
import io.edgeproof.transcript.VerificationException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SumcheckCompletenessTest {
    private static final int[] SIZES = {0, 1, 2, 3, 5, 10};

    /** The sum over the hypercube, straight from the definition. */
    static Ext3 bruteForceSum(SumcheckInstance instance) {
        int m = instance.tables().size();
        Ext3 sum = Ext3.ZERO;
        for (int b = 0; b < 1 << instance.numVariables(); b++) {
            long[] values = new long[3 * m];
            for (int i = 0; i < m; i++) {
                instance.tables().get(i).get(b).write(values, i);
            }
            sum = sum.add(instance.expression().evaluate(values));
        }
        return sum;
    }

    /** Runs prover and verifier and checks everything the caller would check. */
    static SumcheckProverOutput proveAndVerify(SumcheckInstance instance) throws VerificationException {
        SumcheckProverOutput out = SumcheckProver.prove(instance, Fixtures.transcript());
        assertThat(out.claimedSum()).isEqualTo(bruteForceSum(instance));
        Transcript verifierTranscript = Fixtures.transcript();
        SubClaim claim = SumcheckVerifier.verify(out.claimedSum(), instance.numVariables(), instance.degree(),
                out.proof(), verifierTranscript);
        assertThat(claim.point()).isEqualTo(out.point());
        for (int i = 0; i < instance.tables().size(); i++) {
            assertThat(out.finalEvaluation(i)).isEqualTo(instance.tables().get(i).evaluate(claim.point()));
        }
        claim.requireEvaluations(instance.expression(), out.finalEvaluations());
        return out;
    }

    static MultilinearTable table(int n, boolean ext, SplittableRandom rnd) {
        return ext ? MultilinearTable.ext(Fixtures.randomExtVector(1 << n, rnd))
                : MultilinearTable.base(Fixtures.randomBaseTable(1 << n, rnd));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void productOfTwoIsComplete(boolean ext) throws VerificationException {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int n : SIZES) {
            proveAndVerify(SumcheckInstance.productOfTwo(table(n, ext, rnd), table(n, ext, rnd)));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 7, 10})
    void productFastPathMatchesGenericProver(int n) {
        SplittableRandom rnd = new SplittableRandom(2 + n);
        Ext3 c = Fixtures.randomExt(rnd);
        List<MultilinearTable> tables = List.of(table(n, false, rnd), table(n, true, rnd));
        // the factors in reverse order also exercise the fast path's reordering of final evaluations
        SumcheckInstance instance = new SumcheckInstance(n, tables,
                new SumcheckExpression(2, List.of(SumcheckTerm.of(c, 1, 0))));
        SumcheckProverOutput fast = SumcheckProver.prove(instance, Fixtures.transcript());
        if (n > 0) {
            SumcheckProverOutput generic = new GenericSumcheckProver(instance).prove(Fixtures.transcript());
            assertThat(fast).isEqualTo(generic);
        }
        assertThat(fast.claimedSum()).isEqualTo(bruteForceSum(instance));
        assertThat(fast.finalEvaluation(0)).isEqualTo(tables.get(0).evaluate(fast.point()));
        assertThat(fast.finalEvaluation(1)).isEqualTo(tables.get(1).evaluate(fast.point()));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 5, 10})
    void eqTimesProductOfDegreeThreeIsComplete(int n) throws VerificationException {
        SplittableRandom rnd = new SplittableRandom(3 + n);
        long[] eq = Multilinear.eqTable(Fixtures.randomExtVector(n, rnd));
        proveAndVerify(new SumcheckInstance(n, List.of(MultilinearTable.ext(eq), table(n, false, rnd), table(n, false, rnd)),
                new SumcheckExpression(3, List.of(SumcheckTerm.product(0, 1, 2)))));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 5, 10})
    void gkrShapedSumOfProductsIsComplete(int n) throws VerificationException {
        SplittableRandom rnd = new SplittableRandom(4 + n);
        Ext3 lambda = Fixtures.randomExt(rnd);
        List<MultilinearTable> tables = new ArrayList<>();
        tables.add(MultilinearTable.ext(Multilinear.eqTable(Fixtures.randomExtVector(n, rnd))));
        tables.add(table(n, false, rnd));
        tables.add(table(n, true, rnd));
        tables.add(table(n, false, rnd));
        tables.add(table(n, true, rnd));
        proveAndVerify(new SumcheckInstance(n, tables, new SumcheckExpression(5, List.of(
                SumcheckTerm.product(0, 1, 4),
                SumcheckTerm.product(0, 2, 3),
                SumcheckTerm.of(lambda, 0, 3, 4)))));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 5, 9})
    void mixedDegreesRepeatedFactorsAndCoefficientsAreComplete(int n) throws VerificationException {
        SplittableRandom rnd = new SplittableRandom(5 + n);
        List<MultilinearTable> tables = List.of(table(n, false, rnd), table(n, true, rnd), table(n, false, rnd));
        proveAndVerify(new SumcheckInstance(n, tables, new SumcheckExpression(3, List.of(
                SumcheckTerm.of(Fixtures.randomExt(rnd), 0),
                SumcheckTerm.of(Fixtures.randomExt(rnd), 1, 1),
                SumcheckTerm.of(Fixtures.randomExt(rnd), 0, 2, 0, 1),
                SumcheckTerm.product(2, 2)))));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void squareOfOneTableTakesTheGenericPath(int n) throws VerificationException {
        SplittableRandom rnd = new SplittableRandom(6 + n);
        MultilinearTable t = table(n, false, rnd);
        proveAndVerify(new SumcheckInstance(n, List.of(t, t), SumcheckExpression.productOfTwo()));
        proveAndVerify(new SumcheckInstance(n, List.of(t), new SumcheckExpression(1, List.of(SumcheckTerm.product(0, 0)))));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 6})
    void workloadApiProvesAndVerifies(int n) throws VerificationException {
        SumcheckWorkload w = SumcheckWorkload.randomProductOfTwo(n, 7);
        SumcheckProverOutput out = w.prove();
        w.verify(out);
    }
}
