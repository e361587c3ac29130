package io.edgeproof.network;

import io.edgeproof.ledger.JobContext;

/**
 * The ways the simulated cheater claims a wrong (or unearned) result, each answered by one ledger fault, on
 * public and hidden inputs alike: a real proof of an input the job did not name (WRONG_INPUT_BINDING; on a
 * hidden job, a proof about another commitment of the same reading), a proof with flipped bytes
 * (INVALID_PROOF or MALFORMED_PROOF), a proof made for another job's context (INVALID_PROOF), an honest proof
 * sent with other outputs (OUTPUT_MISMATCH).
 */
public enum Forgery {
    OTHER_INPUT,
    FLIPPED_BYTES,
    OTHER_JOB_CONTEXT,
    WRONG_OUTPUTS;

    /**
     * How a node proves one job: in the clear for a public input, in zero knowledge on its commitment slot for
     * a hidden one. The forgeries are written once against it.
     */
    public interface JobProver {
        /** The honest proof of the job's input under {@code context}. */
        Claim prove(JobContext context);

        /** A valid proof under {@code context} of an input the job does not name. */
        Claim proveOther(JobContext context);
    }

    /** A proof's bytes and the outputs claimed with it. */
    public record Claim(byte[] proof, int[] outputs) {
        public Claim {
            proof = proof.clone();
            outputs = outputs.clone();
        }

        @Override
        public byte[] proof() {
            return proof.clone();
        }

        @Override
        public int[] outputs() {
            return outputs.clone();
        }
    }

    /** The forged submission on the job of {@code context}. */
    public JobResult.Proved forge(JobProver prover, JobContext context) {
        Claim claim = switch (this) {
            case OTHER_INPUT -> prover.proveOther(context);
            case FLIPPED_BYTES -> {
                Claim honest = prover.prove(context);
                byte[] proof = honest.proof();
                for (int i = proof.length / 2; i < proof.length / 2 + 8; i++) {
                    proof[i] ^= (byte) 0x5A;
                }
                yield new Claim(proof, skewed(honest.outputs()));
            }
            case OTHER_JOB_CONTEXT -> prover.prove(new JobContext(context.chainId(), context.jobId() + 1, context.node()));
            case WRONG_OUTPUTS -> {
                Claim honest = prover.prove(context);
                yield new Claim(honest.proof(), skewed(honest.outputs()));
            }
        };
        return new JobResult.Proved(context.jobId(), context.node(), claim.proof(), claim.outputs());
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
