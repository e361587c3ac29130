package io.edgeproof.iop.sumcheck;

import io.edgeproof.iop.testing.Fixtures;
import io.edgeproof.transcript.VerificationException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class SumcheckPropertiesTest {
    /** Any sum of products over any mix of base and extension tables proves, verifies and discharges. */
    @Property(tries = 60)
    void randomExpressionsAreComplete(@ForAll @IntRange(min = 0, max = 6) int n,
                                      @ForAll @IntRange(min = 1, max = 4) int tables,
                                      @ForAll @IntRange(min = 1, max = 3) int terms,
                                      @ForAll long seed) throws VerificationException {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<MultilinearTable> t = new ArrayList<>();
        for (int i = 0; i < tables; i++) {
            t.add(SumcheckCompletenessTest.table(n, rnd.nextBoolean(), rnd));
        }
        List<SumcheckTerm> ts = new ArrayList<>();
        for (int k = 0; k < terms; k++) {
            int[] factors = new int[1 + rnd.nextInt(4)];
            for (int f = 0; f < factors.length; f++) {
                factors[f] = rnd.nextInt(tables);
            }
            ts.add(SumcheckTerm.of(Fixtures.randomExt(rnd), factors));
        }
        SumcheckCompletenessTest.proveAndVerify(new SumcheckInstance(n, t, new SumcheckExpression(tables, ts)));
    }
}
