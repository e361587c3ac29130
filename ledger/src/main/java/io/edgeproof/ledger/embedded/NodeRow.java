package io.edgeproof.ledger.embedded;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.NodeResources;
import io.edgeproof.ledger.NodeStatus;
import io.edgeproof.ledger.NodeView;

/** A node's mutable row inside one transaction; written back with {@link LedgerStore#updateNode}. */
final class NodeRow {
    final Address address;
    final NodeResources resources;
    long stake;
    NodeStatus status;
    long reputation;
    long lastHeartbeat;
    long unbondAt;
    int activeJobs;
    long slashedTotal;
    long earnedTotal;

    NodeRow(Address address, NodeResources resources) {
        this.address = address;
        this.resources = resources;
    }

    boolean serves(io.edgeproof.ledger.ModelId model) {
        return resources.models().contains(model);
    }

    NodeView view() {
        return new NodeView(address, stake, status, reputation, lastHeartbeat, unbondAt, activeJobs, slashedTotal,
                earnedTotal, resources);
    }
}
