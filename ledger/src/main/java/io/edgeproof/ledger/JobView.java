package io.edgeproof.ledger;

/**
 * A job as the ledger sees it. {@code node} is null unless ASSIGNED or PAID; {@code lastFault} is the most
 * recent node fault (null if none); {@code attempts} counts assignments; {@code escrowHeld} is the price
 * while the job is open, 0 once paid or refunded.
 */
public record JobView(long id, Address requester, ModelId model, byte[] inputDigest, long price, long escrowHeld,
                      long postedAt, long deadline, JobState state, Address node, int attempts,
                      long assignmentDeadline, Fault lastFault) {}
