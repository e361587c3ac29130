package io.edgeproof.ledger;

/** The committed outcome of a submission that reached verification. */
public sealed interface Settlement {
    long jobId();

    /** The proof verified: the node was paid the job's price from escrow. */
    record Paid(long jobId, Address node, long amount, int[] outputs) implements Settlement {
        public Paid {
            outputs = outputs.clone();
        }

        @Override
        public int[] outputs() {
            return outputs.clone();
        }
    }

    /** The node was slashed {@code slashed} units for {@code fault}; the job is FAULTED, awaiting another node. */
    record Faulted(long jobId, Address node, Fault fault, long slashed, String detail) implements Settlement {}
}
