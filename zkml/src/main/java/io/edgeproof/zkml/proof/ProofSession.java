package io.edgeproof.zkml.proof;

import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import io.edgeproof.transcript.Transcript;
import io.edgeproof.transcript.VerificationException;
import java.util.List;

/**
 * The state one proof run shares between its steps, on either side: the transcript, the plans, the claims
 * left on each commitment and the public input's table. The prover also holds its witness and weight
 * tables; the verifier leaves them null.
 */
final class ProofSession {
    final Transcript transcript;
    final WitnessPlan plan;
    final WeightPlan weights;
    final ClaimBook witnessClaims;
    final ClaimBook weightClaims;
    /** The public input in its padded tensor layout, as field elements. */
    final long[] inputTable;
    final WitnessBuilder.Witness witness;
    /** The prover's weight blocks (from the model it computes with). */
    final long[][] proverWeights;

    ProofSession(Transcript transcript, WitnessPlan plan, WeightPlan weights, int[] input, WitnessBuilder.Witness witness,
                 long[][] proverWeights) {
        this.transcript = transcript;
        this.plan = plan;
        this.weights = weights;
        this.witnessClaims = new ClaimBook(plan.layout, plan::placement);
        this.weightClaims = new ClaimBook(weights.layout, weights.layout::placement);
        this.inputTable = WitnessBuilder.toField(WitnessBuilder.padded(plan, 0, WitnessBuilder.toLong(input)));
        this.witness = witness;
        this.proverWeights = proverWeights;
    }

    /** The prover's field table of a tensor (tensor 0: the public input). */
    long[] tensorTable(int tensor) {
        return tensor == 0 ? inputTable : witness.blocks()[plan.tensorBlock[tensor]];
    }

    /** Claims on weight blocks the verifier key holds: the verifier evaluates them itself ({@link #checkKeyWeights}). */
    final List<ClaimBook.Pending> keyWeightClaims = new java.util.ArrayList<>();

    /** Records a claim on a weight block: on the weight commitment, or, for a block the key holds, for the verifier to check. */
    void claimWeight(int block, long[] point, Ext3 value) {
        if (weights.inKey[block]) {
            keyWeightClaims.add(new ClaimBook.Pending(block, point.clone(), value));
        } else {
            weightClaims.add(block, point, value);
        }
    }

    /** Verifier: every claim on a weight block the key holds is that block's multilinear extension at the point. */
    void checkKeyWeights(VerifierKey key) throws VerificationException {
        for (ClaimBook.Pending c : keyWeightClaims) {
            if (!Multilinear.evaluate(key.keyWeights(c.block()), c.point()).equals(c.value())) {
                throw new VerificationException(ZkmlReason.KEY_WEIGHT_MISMATCH,
                        "weight block " + c.block() + " held in the verifier key has another value at its claimed point");
            }
        }
    }

    /** Records a claim on a tensor, or checks it directly when the tensor is the public input. */
    void claimTensor(int tensor, long[] point, Ext3 value) {
        if (tensor != 0) {
            witnessClaims.add(plan.tensorBlock[tensor], point, value);
        }
    }

    Ext3 publicInputAt(long[] point) {
        return Multilinear.evaluate(inputTable, point);
    }

    static long[] slice(long[] point, int from, int to) {
        return java.util.Arrays.copyOfRange(point, 3 * from, 3 * to);
    }

    static long[] concat(long[] low, long[] high) {
        long[] out = java.util.Arrays.copyOf(low, low.length + high.length);
        System.arraycopy(high, 0, out, low.length, high.length);
        return out;
    }
}
