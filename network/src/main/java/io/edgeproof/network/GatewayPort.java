package io.edgeproof.network;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.NodeResources;
import io.edgeproof.ledger.Settlement;
import io.edgeproof.ledger.device.DeviceId;
import java.util.List;

/**
 * The gateway as a provider node sees it. {@link Gateway} implements it in process; the networked node will
 * reach the same operations over the authenticated HTTP API, so a node is written once against this port.
 * Nodes pull their work ({@link #pollAssignments}), which also suits nodes behind NAT.
 */
public interface GatewayPort {
    /** Stakes from the node's balance and offers its resources and models. */
    void registerNode(Address node, long stake, NodeResources resources);

    void heartbeat(Address node);

    /** The assignments made to this node since the last poll, oldest first. */
    List<Assignment> pollAssignments(Address node);

    /** A stored model or input; the caller checks it against the hash. Throws {@link NetworkException} if absent. */
    byte[] fetch(ContentHash hash);

    /**
     * A hidden job's {@link SealedInput} bytes (raw reading and commitment seed): served only to the node the
     * job is assigned to right now; anyone else gets {@code LedgerException(NOT_ASSIGNED_NODE)}. The caller
     * checks them against the assignment's input hash.
     */
    byte[] fetchSealedInput(Address node, long jobId);

    /** The public key the device's owner registered; throws {@link NetworkException} for an unknown device. */
    byte[] devicePublicKey(DeviceId device);

    /** Settles a proof on the ledger (paid, or slashed and reassigned). */
    Settlement submit(JobResult.Proved result);

    /** Gives the job back: the ledger reopens it at once for another node (no slash, reputation -1). */
    void refuse(JobResult.Refused refusal);
}
