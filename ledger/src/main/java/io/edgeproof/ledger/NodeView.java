package io.edgeproof.ledger;

/** A node as the ledger sees it. {@code unbondAt} is 0 unless unbonding. */
public record NodeView(Address address, long stake, NodeStatus status, long reputation, long lastHeartbeat,
                       long unbondAt, int activeJobs, long slashedTotal, long earnedTotal, NodeResources resources) {}
