package io.edgeproof.iop.sumcheck;

import io.edgeproof.field.Goldilocks;
import io.edgeproof.transcript.DomainSeparator;
import io.edgeproof.transcript.PublicStatement;
import io.edgeproof.transcript.Transcript;
import io.edgeproof.transcript.VerificationException;
import java.util.SplittableRandom;

/**
 * A ready-made sumcheck for benchmarks and smoke tests: sum_b A(b) B(b) over two seeded random base
 * tables of size 2^n, proved and verified on a fresh transcript. {@link #verify} discharges the sub-claim
 * with the prover's final evaluations, as a caller would after checking them against commitment openings
 * (which are not part of this measurement).
 */
public final class SumcheckWorkload {
    private static final DomainSeparator DOMAIN = new DomainSeparator("edgeproof-sumcheck-workload", 1);

    private final SumcheckInstance instance;

    private SumcheckWorkload(SumcheckInstance instance) {
        this.instance = instance;
    }

    public static SumcheckWorkload randomProductOfTwo(int numVariables, long seed) {
        if (numVariables < 0 || numVariables > SumcheckInstance.MAX_VARIABLES) {
            throw new IllegalArgumentException("numVariables " + numVariables + " out of range");
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        return new SumcheckWorkload(SumcheckInstance.productOfTwo(
                MultilinearTable.base(randomTable(1 << numVariables, rnd)),
                MultilinearTable.base(randomTable(1 << numVariables, rnd))));
    }

    public SumcheckInstance instance() {
        return instance;
    }

    public SumcheckProverOutput prove() {
        return SumcheckProver.prove(instance, Transcript.open(DOMAIN, PublicStatement.none()));
    }

    public SubClaim verify(SumcheckProverOutput output) throws VerificationException {
        SubClaim claim = SumcheckVerifier.verify(output.claimedSum(), instance.numVariables(), instance.degree(),
                output.proof(), Transcript.open(DOMAIN, PublicStatement.none()));
        claim.requireEvaluations(instance.expression(), output.finalEvaluations());
        return claim;
    }

    private static long[] randomTable(int length, SplittableRandom rnd) {
        long[] t = new long[length];
        for (int i = 0; i < length; i++) {
            long v;
            do {
                v = rnd.nextLong();
            } while (!Goldilocks.isCanonical(v));
            t[i] = v;
        }
        return t;
    }
}
