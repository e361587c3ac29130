package io.edgeproof.ledger;

/**
 * Why the ledger refused an operation or penalised a node, in words an operator can act on (like Helium's
 * invalid reasons). A fault that {@link #slashes()} is a committed outcome: the node loses
 * {@link LedgerRules#slashBasisPoints()} of its stake (and, on an assigned job, the job is reopened for
 * another node). NODE_OFFLINE and JOB_RELEASED are committed outcomes without a slash. Every other fault is
 * a rejection: the ledger throws {@link LedgerException} and changes nothing.
 */
public enum Fault {
    // Node faults on an assigned job: slash, exclude the node from the job, reopen it.
    INVALID_PROOF(true, "the proof does not verify under the job's context"),
    MALFORMED_PROOF(true, "the proof bytes do not decode"),
    WRONG_MODEL(true, "the proof is for another model than the job's"),
    WRONG_INPUT_BINDING(true, "the proof's input is not the input the job was posted with"),
    OUTPUT_MISMATCH(true, "the submitted outputs differ from the outputs the proof verifies"),
    REPLAYED_RESULT(true, "this proof was already accepted for another job"),
    DEADLINE_MISSED(true, "no valid result before the assignment deadline"),
    // After a challenge the arbiter upheld: the paid result was wrong (the job stays paid, marked OVERTURNED).
    RESULT_OVERTURNED(true, "the arbiter upheld a challenge: the paid result was wrong"),
    WRONG_ATTESTATION(true, "attested that a result verified, and the arbiter overturned it"),
    // Liveness: the job is reopened, the node is not slashed (it may have crashed; it did not cheat).
    NODE_OFFLINE(false, "the assigned node missed its heartbeats"),
    JOB_RELEASED(false, "the assigned node released the job it could not run (reputation -1, no slash)"),
    // Rejections.
    NOT_ASSIGNED_NODE(false, "the job is not assigned to this node"),
    DUPLICATE_SUBMISSION(false, "the job already has a verified result"),
    JOB_NOT_OPEN(false, "the job was already refunded"),
    JOB_ALREADY_ASSIGNED(false, "the job is assigned to a node that has not failed yet"),
    NODE_EXCLUDED(false, "this node already failed this job"),
    NODE_NOT_ELIGIBLE(false, "the node is not online, below the minimum stake, or does not serve the model"),
    UNKNOWN_JOB(false, "no job with this id"),
    UNKNOWN_NODE(false, "no node registered at this address"),
    UNKNOWN_MODEL(false, "no model registered with this id"),
    UNKNOWN_DEVICE(false, "no device registered with this id"),
    BAD_DEVICE_SIGNATURE(false, "the device reading's signature does not verify under the device's key"),
    REPLAYED_READING(false, "the device reading's sequence number is not above the last one used"),
    INSUFFICIENT_ESCROW(false, "the requester's balance does not cover the job's price"),
    INSUFFICIENT_BALANCE(false, "the balance does not cover the stake"),
    STAKE_TOO_LOW(false, "the stake is below the minimum"),
    ALREADY_REGISTERED(false, "already registered"),
    MALFORMED_VERIFIER_KEY(false, "the verifier key does not decode"),
    BAD_PUBLIC_KEY(false, "not a secp256k1 public key"),
    UNBONDING_NOT_FINISHED(false, "the unbonding period has not passed, or the node still holds a job"),
    INVALID_REQUEST(false, "an amount, deadline or argument is out of range"),
    RELEASE_TOO_LATE(false, "the assignment deadline passed: the job is faulted DEADLINE_MISSED, not released"),
    // Epochs.
    EPOCH_NOT_OVER(false, "the epoch has not ended yet"),
    EPOCH_ALREADY_CLOSED(false, "the epoch was already closed"),
    EPOCH_NOT_CLOSED(false, "the epoch is not closed yet: no reward to claim"),
    NO_REWARD(false, "the node earned no reward in this epoch"),
    REWARD_ALREADY_CLAIMED(false, "this epoch's reward was already paid to the node"),
    // Challenges.
    NOT_CHALLENGEABLE(false, "only a paid result can be challenged"),
    CHALLENGE_WINDOW_CLOSED(false, "the challenge window of this result has passed"),
    BOND_TOO_SMALL(false, "the bond is below the minimum challenge bond"),
    ALREADY_CHALLENGED(false, "this result was already challenged"),
    NO_OPEN_CHALLENGE(false, "no challenge of this result is waiting for the arbiter"),
    NOT_ARBITER(false, "only the arbiter named at deployment decides challenges"),
    // Feeds.
    UNKNOWN_FEED(false, "no feed with this id"),
    NOT_FEED_OWNER(false, "only the requester who opened the feed may close it"),
    FEED_CLOSED(false, "the feed is closed"),
    FEED_BUDGET_EXHAUSTED(false, "the feed's remaining budget does not cover one more job"),
    WRONG_FEED_DEVICE(false, "the reading is not from the feed's device");

    private final boolean slashes;
    private final String description;

    Fault(boolean slashes, String description) {
        this.slashes = slashes;
        this.description = description;
    }

    public boolean slashes() {
        return slashes;
    }

    public String description() {
        return description;
    }
}
