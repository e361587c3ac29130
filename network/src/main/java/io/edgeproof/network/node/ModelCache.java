package io.edgeproof.network.node;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.NodeResources;
import io.edgeproof.ledger.Settlement;
import io.edgeproof.ledger.device.DeviceId;
import io.edgeproof.network.Assignment;
import io.edgeproof.network.ContentHash;
import io.edgeproof.network.GatewayPort;
import io.edgeproof.network.JobResult;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link GatewayPort} that serves the models a node set up at start from memory instead of downloading
 * them for every job; everything else (inputs included) goes to the gateway. The node still checks every
 * object it is handed against its hash.
 */
final class ModelCache implements GatewayPort {
    private final GatewayPort gateway;
    private final ConcurrentHashMap<ContentHash, byte[]> models = new ConcurrentHashMap<>();

    ModelCache(GatewayPort gateway) {
        this.gateway = gateway;
    }

    void remember(ContentHash hash, byte[] modelBytes) {
        models.put(hash, modelBytes.clone());
    }

    @Override
    public byte[] fetch(ContentHash hash) {
        byte[] cached = models.get(hash);
        return cached != null ? cached.clone() : gateway.fetch(hash);
    }

    @Override
    public void registerNode(Address node, long stake, NodeResources resources) {
        gateway.registerNode(node, stake, resources);
    }

    @Override
    public void heartbeat(Address node) {
        gateway.heartbeat(node);
    }

    @Override
    public List<Assignment> pollAssignments(Address node) {
        return gateway.pollAssignments(node);
    }

    @Override
    public byte[] fetchSealedInput(Address node, long jobId) {
        return gateway.fetchSealedInput(node, jobId);
    }

    @Override
    public byte[] devicePublicKey(DeviceId device) {
        return gateway.devicePublicKey(device);
    }

    @Override
    public Settlement submit(JobResult.Proved result) {
        return gateway.submit(result);
    }

    @Override
    public void refuse(JobResult.Refused refusal) {
        gateway.refuse(refusal);
    }
}
