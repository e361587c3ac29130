package io.edgeproof.network;

import io.edgeproof.ledger.ModelId;
import io.edgeproof.ledger.device.SignedReading;

/**
 * What the gateway hands a node for one job: where to fetch the model and the input, the device's signed
 * reading to check them against (null for a public input, which the node checks by its content hash only),
 * and the chain and job the proof's context must name.
 */
public record Assignment(long chainId, long jobId, ModelId model, ContentHash modelContent,
                         ContentHash inputContent, SignedReading reading, long dueAt) {
    public Assignment {
        if (model == null || modelContent == null || inputContent == null) {
            throw new IllegalArgumentException("an assignment names a model, its content and an input");
        }
    }
}
