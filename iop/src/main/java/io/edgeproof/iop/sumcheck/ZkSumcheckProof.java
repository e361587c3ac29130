package io.edgeproof.iop.sumcheck;

import io.edgeproof.field.Ext3;

/**
 * A masked sumcheck: the mask's commitment and hypercube sum, the sumcheck of f + rho g, and the mask's
 * value at the final point with its opening.
 */
public record ZkSumcheckProof(byte[] maskCommitment, Ext3 maskSum, SumcheckProof sumcheck, Ext3 maskEvaluation,
                              byte[] maskOpening) {
    public ZkSumcheckProof {
        if (maskCommitment == null || maskSum == null || sumcheck == null || maskEvaluation == null
                || maskOpening == null) {
            throw new IllegalArgumentException("every part of a masked sumcheck proof is required");
        }
        maskCommitment = maskCommitment.clone();
        maskOpening = maskOpening.clone();
    }

    @Override
    public byte[] maskCommitment() {
        return maskCommitment.clone();
    }

    @Override
    public byte[] maskOpening() {
        return maskOpening.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ZkSumcheckProof p && java.util.Arrays.equals(p.maskCommitment, maskCommitment)
                && p.maskSum.equals(maskSum) && p.sumcheck.equals(sumcheck) && p.maskEvaluation.equals(maskEvaluation)
                && java.util.Arrays.equals(p.maskOpening, maskOpening);
    }

    @Override
    public int hashCode() {
        return sumcheck.hashCode() * 31 + maskSum.hashCode();
    }

    @Override
    public String toString() {
        return "ZkSumcheckProof[rounds=" + sumcheck.numRounds() + "]";
    }
}
