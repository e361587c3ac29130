package io.edgeproof.iop.sumcheck;

import io.edgeproof.field.Ext3;
import io.edgeproof.transcript.Transcript;
import java.util.List;

/**
 * Proves sum_{b in {0,1}^n} expr(P_1(b), ..., P_m(b)) on the caller's transcript, binding x_1 first.
 * The claimed sum is computed here (it comes out of the first round) and absorbed before any challenge.
 * A product of two distinct tables takes a fused fast path; both paths give identical proofs.
 */
public final class SumcheckProver {
    private SumcheckProver() {}

    public static SumcheckProverOutput prove(SumcheckInstance instance, Transcript transcript) {
        if (instance.numVariables() == 0) {
            return proveConstant(instance, transcript);
        }
        List<SumcheckTerm> terms = instance.expression().terms();
        if (instance.tables().size() == 2 && terms.size() == 1 && terms.get(0).degree() == 2
                && terms.get(0).factor(0) != terms.get(0).factor(1)) {
            int first = terms.get(0).factor(0);
            SumcheckProverOutput out = ProductSumcheckProver.prove(instance.tables().get(first),
                    instance.tables().get(1 - first), terms.get(0).coefficient(), transcript);
            return first == 0 ? out : swapEvaluations(out);
        }
        return new GenericSumcheckProver(instance).prove(transcript);
    }

    /**
     * Proves sum_b eq(tau, b) inner(P(b)) for the tables and expression of {@code inner}: the proof, claimed
     * sum and point are exactly those of {@link #prove} on the tables (eq(tau), P_1, ..., P_m) with eq a factor
     * of every term (so {@link SumcheckVerifier} checks it with that expression), and the final evaluations
     * are in that order too, eq(tau, r) first. Faster: eq is never tabulated (see
     * {@link EqWeightedSumcheckProver}).
     */
    public static SumcheckProverOutput proveEqWeighted(long[] tau, SumcheckInstance inner, Transcript transcript) {
        if (inner.numVariables() > 0) {
            return new EqWeightedSumcheckProver(tau, inner).prove(transcript);
        }
        if (tau.length != 0) {
            throw new IllegalArgumentException("eq point of " + tau.length / 3 + " coordinates for a sum over 0 variables");
        }
        int m = inner.tables().size();
        long[] values = new long[3 * (m + 1)];
        Ext3.ONE.write(values, 0);
        for (int i = 0; i < m; i++) {
            inner.tables().get(i).get(0).write(values, i + 1);
        }
        Ext3 sum = inner.expression().evaluate(java.util.Arrays.copyOfRange(values, 3, values.length));
        SumcheckRounds.bindStatement(transcript, 0, inner.degree() + 1, sum);
        return new SumcheckProverOutput(new SumcheckProof(List.of()), sum, new long[0], values);
    }

    /** No variables: the sum is the summand at the single empty point; there are no rounds. */
    private static SumcheckProverOutput proveConstant(SumcheckInstance instance, Transcript transcript) {
        int m = instance.tables().size();
        long[] values = new long[3 * m];
        for (int i = 0; i < m; i++) {
            instance.tables().get(i).get(0).write(values, i);
        }
        Ext3 sum = instance.expression().evaluate(values);
        SumcheckRounds.bindStatement(transcript, 0, instance.degree(), sum);
        return new SumcheckProverOutput(new SumcheckProof(List.of()), sum, new long[0], values);
    }

    private static SumcheckProverOutput swapEvaluations(SumcheckProverOutput out) {
        long[] finals = new long[6];
        out.finalEvaluation(1).write(finals, 0);
        out.finalEvaluation(0).write(finals, 1);
        return new SumcheckProverOutput(out.proof(), out.claimedSum(), out.point(), finals);
    }
}
