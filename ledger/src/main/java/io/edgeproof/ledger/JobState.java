package io.edgeproof.ledger;

/**
 * POSTED -> ASSIGNED -> PAID (verified and paid in one step), or ASSIGNED -> FAULTED (the node failed; it
 * is excluded and the job waits for another node) -> ASSIGNED ... ; any open state -> REFUNDED once the
 * job's deadline passes without a verified result. PAID -> OVERTURNED when the arbiter upholds a challenge
 * of the result (the payment stands; the prover and the attesters who vouched for it are slashed).
 */
public enum JobState {
    POSTED, ASSIGNED, FAULTED, PAID, REFUNDED, OVERTURNED;

    public boolean open() {
        return this == POSTED || this == ASSIGNED || this == FAULTED;
    }
}
