package io.edgeproof.ledger;

/**
 * A challenge of a paid result. OPEN while it waits for the arbiter (EVM back end); UPHELD when the result
 * was wrong: {@code slashed} is what the prover and the attesters who vouched for it lost, {@code reward}
 * what the challenger received on top of its returned bond; REJECTED when the result stood: the bond went
 * to the slashed pool.
 */
public record ChallengeView(long jobId, Address challenger, long bond, Status status, long openedAt, long slashed,
                            long reward) {
    public enum Status { OPEN, UPHELD, REJECTED }
}
