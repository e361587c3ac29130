package io.edgeproof.ledger.embedded;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.Fault;
import io.edgeproof.ledger.JobState;
import io.edgeproof.ledger.JobView;
import io.edgeproof.ledger.ModelId;

/** A job's mutable row inside one transaction; written back with {@link LedgerStore#updateJob}. */
final class JobRow {
    final long id;
    final Address requester;
    final ModelId model;
    final byte[] inputDigest;
    final long price;
    final long postedAt;
    final long deadline;
    long escrowHeld;
    JobState state;
    Address node;
    int attempts;
    long assignmentDeadline;
    Fault lastFault;

    JobRow(long id, Address requester, ModelId model, byte[] inputDigest, long price, long postedAt, long deadline) {
        this.id = id;
        this.requester = requester;
        this.model = model;
        this.inputDigest = inputDigest.clone();
        this.price = price;
        this.postedAt = postedAt;
        this.deadline = deadline;
    }

    JobView view() {
        return new JobView(id, requester, model, inputDigest.clone(), price, escrowHeld, postedAt, deadline, state,
                node, attempts, assignmentDeadline, lastFault);
    }
}
