package io.edgeproof.network;

import io.edgeproof.zkml.proof.ProverKey;
import io.edgeproof.zkml.proof.ZkmlProver;
import io.edgeproof.zkml.quant.ModelCodec;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prover keys by the content hash of the model they were set up from: setup runs once per model and
 * process, however many nodes in the process serve it. The model id the key derives is what a node checks
 * against its assignment.
 */
public final class ModelKeys {
    private final ConcurrentHashMap<ContentHash, ProverKey> keys = new ConcurrentHashMap<>();

    /** Adds a key already set up (e.g. by the model's owner in the same process) for the model bytes it came from. */
    public void add(ContentHash model, ProverKey key) {
        keys.putIfAbsent(model, key);
    }

    /** The key for these .epm bytes, set up on first use. */
    public ProverKey forModel(ContentHash model, byte[] modelBytes) {
        if (!model.names(modelBytes)) {
            throw new NetworkException("the model bytes do not hash to " + model);
        }
        return keys.computeIfAbsent(model, m -> ZkmlProver.setup(ModelCodec.decode(modelBytes)));
    }
}
