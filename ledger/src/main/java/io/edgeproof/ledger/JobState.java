package io.edgeproof.ledger;

/**
 * POSTED -> ASSIGNED -> PAID (verified and paid in one step), or ASSIGNED -> FAULTED (the node failed; it
 * is excluded and the job waits for another node) -> ASSIGNED ... ; any open state -> REFUNDED once the
 * job's deadline passes without a verified result.
 */
public enum JobState {
    POSTED, ASSIGNED, FAULTED, PAID, REFUNDED;

    public boolean open() {
        return this != PAID && this != REFUNDED;
    }
}
