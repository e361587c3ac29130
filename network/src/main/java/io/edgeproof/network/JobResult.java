package io.edgeproof.network;

import io.edgeproof.ledger.Address;

/** What a node returns for an assignment: a proof and its claimed outputs, or a refusal with the reason. */
public sealed interface JobResult {
    long jobId();

    Address node();

    record Proved(long jobId, Address node, byte[] proof, int[] outputs) implements JobResult {
        public Proved {
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

    /** The node would not prove: the fetched model or input did not check out (it is not slashed for that). */
    record Refused(long jobId, Address node, String reason) implements JobResult {}
}
