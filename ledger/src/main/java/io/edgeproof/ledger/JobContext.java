package io.edgeproof.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The proof context a node must prove under: it binds a proof to one job, one node and one chain, so a
 * proof cannot be replayed for another job, stolen by another node, or carried to another deployment.
 * Layout (52 bytes): ASCII "edgeproof/job/v1" (16) || chain id (u64 BE) || job id (u64 BE) || node address (20).
 */
public record JobContext(long chainId, long jobId, Address node) {
    static final byte[] TAG = "edgeproof/job/v1".getBytes(StandardCharsets.US_ASCII);
    public static final int BYTES = 16 + 8 + 8 + Address.BYTES;

    public byte[] toBytes() {
        return ByteBuffer.allocate(BYTES).put(TAG).putLong(chainId).putLong(jobId).put(node.bytes()).array();
    }
}
