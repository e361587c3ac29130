package io.edgeproof.network;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.NodeResources;
import io.edgeproof.ledger.Settlement;
import io.edgeproof.ledger.device.DeviceId;
import java.util.List;

/** A port that passes every call to another; tests override one method to play a lying gateway or transport. */
class ForwardingPort implements GatewayPort {
    private final GatewayPort to;

    ForwardingPort(GatewayPort to) {
        this.to = to;
    }

    @Override
    public void registerNode(Address node, long stake, NodeResources resources) {
        to.registerNode(node, stake, resources);
    }

    @Override
    public void heartbeat(Address node) {
        to.heartbeat(node);
    }

    @Override
    public List<Assignment> pollAssignments(Address node) {
        return to.pollAssignments(node);
    }

    @Override
    public byte[] fetch(ContentHash hash) {
        return to.fetch(hash);
    }

    @Override
    public byte[] fetchSealedInput(Address node, long jobId) {
        return to.fetchSealedInput(node, jobId);
    }

    @Override
    public byte[] devicePublicKey(DeviceId device) {
        return to.devicePublicKey(device);
    }

    @Override
    public Settlement submit(JobResult.Proved result) {
        return to.submit(result);
    }

    @Override
    public void refuse(JobResult.Refused refusal) {
        to.refuse(refusal);
    }
}
