package io.edgeproof.network;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.JobContext;
import io.edgeproof.zkml.proof.ProofOutput;
import io.edgeproof.zkml.proof.ProverKey;
import io.edgeproof.zkml.proof.ZkmlProver;

/**
 * The ways the simulated cheater claims a wrong (or unearned) result, each answered by one ledger fault:
 * a real proof of another input (WRONG_INPUT_BINDING), a proof with flipped bytes (INVALID_PROOF or
 * MALFORMED_PROOF), a proof made for another job's context (INVALID_PROOF), an honest proof sent with
 * other outputs (OUTPUT_MISMATCH).
 */
public enum Forgery {
    OTHER_INPUT,
    FLIPPED_BYTES,
    OTHER_JOB_CONTEXT,
    WRONG_OUTPUTS;

    /** The forged submission for {@code input} on the job of {@code context}. */
    public JobResult.Proved forge(ProverKey key, int[] input, JobContext context) {
        Address node = context.node();
        long job = context.jobId();
        return switch (this) {
            case OTHER_INPUT -> {
                int[] other = input.clone();
                other[0] = other[0] == Short.MAX_VALUE ? 0 : Short.MAX_VALUE;
                ProofOutput out = ZkmlProver.prove(key, other, 1, context.toBytes());
                yield new JobResult.Proved(job, node, out.proof().toBytes(), out.outputs());
            }
            case FLIPPED_BYTES -> {
                ProofOutput out = ZkmlProver.prove(key, input, 1, context.toBytes());
                byte[] proof = out.proof().toBytes();
                for (int i = proof.length / 2; i < proof.length / 2 + 8; i++) {
                    proof[i] ^= (byte) 0x5A;
                }
                yield new JobResult.Proved(job, node, proof, skewed(out.outputs()));
            }
            case OTHER_JOB_CONTEXT -> {
                JobContext other = new JobContext(context.chainId(), job + 1, node);
                ProofOutput out = ZkmlProver.prove(key, input, 1, other.toBytes());
                yield new JobResult.Proved(job, node, out.proof().toBytes(), out.outputs());
            }
            case WRONG_OUTPUTS -> {
                ProofOutput out = ZkmlProver.prove(key, input, 1, context.toBytes());
                yield new JobResult.Proved(job, node, out.proof().toBytes(), skewed(out.outputs()));
            }
        };
    }

    /** Outputs with the largest score moved to another class: a different reading of the meter. */
    private static int[] skewed(int[] outputs) {
        int[] y = outputs.clone();
        int best = 0;
        for (int i = 1; i < y.length; i++) {
            if (y[i] > y[best]) {
                best = i;
            }
        }
        int other = (best + 1) % y.length;
        int t = y[best];
        y[best] = y[other];
        y[other] = t == y[other] ? t + 1 : t;
        return y;
    }
}
