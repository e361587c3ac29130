package io.edgeproof.iop.sumcheck;

import io.edgeproof.field.Ext3;

/**
 * The prover's result: the proof, the sum it proved, the point the transcript chose (r_1 first) and each
 * table's multilinear extension at that point (interleaved, in table order), which the caller sends or
 * opens so the verifier can discharge its {@link SubClaim}.
 */
public record SumcheckProverOutput(SumcheckProof proof, Ext3 claimedSum, long[] point, long[] finalEvaluations) {
    public SumcheckProverOutput {
        point = point.clone();
        finalEvaluations = finalEvaluations.clone();
    }

    @Override
    public long[] point() {
        return point.clone();
    }

    @Override
    public long[] finalEvaluations() {
        return finalEvaluations.clone();
    }

    public Ext3 finalEvaluation(int table) {
        return Ext3.read(finalEvaluations, table);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SumcheckProverOutput s && s.proof.equals(proof) && s.claimedSum.equals(claimedSum)
                && java.util.Arrays.equals(s.point, point) && java.util.Arrays.equals(s.finalEvaluations, finalEvaluations);
    }

    @Override
    public int hashCode() {
        return proof.hashCode() * 31 + claimedSum.hashCode();
    }

    @Override
    public String toString() {
        return "SumcheckProverOutput[rounds=" + proof.numRounds() + ", claimedSum=" + claimedSum + "]";
    }
}
