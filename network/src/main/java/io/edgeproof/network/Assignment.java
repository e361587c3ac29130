package io.edgeproof.network;

import io.edgeproof.ledger.ModelId;
import io.edgeproof.ledger.device.SignedReading;

/**
 * What the gateway hands a node for one job: where to fetch the model and the input, the device's signed
 * reading to check them against (null for a public input, which the node checks by its content hash only),
 * and the chain and job the proof's context must name. For a hidden input, {@code hidden} holds the
 * commitment the device signed and the commitment slot this attempt proves with; the input itself is a
 * {@link SealedInput} the node fetches with {@link GatewayPort#fetchSealedInput} (only the assigned node may).
 */
public record Assignment(long chainId, long jobId, ModelId model, ContentHash modelContent,
                         ContentHash inputContent, SignedReading reading, long dueAt, Hidden hidden) {
    /**
     * A hidden input's public side: the input commitment's bytes, and the slot of its proof budget this
     * attempt uses (attempt k uses slot k - 1: a slot proved twice would reveal a linear function of the input).
     */
    public record Hidden(byte[] commitment, int slot) {
        public Hidden {
            if (commitment == null || slot < 0) {
                throw new IllegalArgumentException("a hidden input names its commitment and a slot >= 0");
            }
            commitment = commitment.clone();
        }

        @Override
        public byte[] commitment() {
            return commitment.clone();
        }
    }

    public Assignment {
        if (model == null || modelContent == null || inputContent == null) {
            throw new IllegalArgumentException("an assignment names a model, its content and an input");
        }
        if (hidden != null && reading == null) {
            throw new IllegalArgumentException("a hidden input is a device's signed commitment");
        }
    }

    /** An assignment on a public input or a device's public reading. */
    public Assignment(long chainId, long jobId, ModelId model, ContentHash modelContent, ContentHash inputContent,
                      SignedReading reading, long dueAt) {
        this(chainId, jobId, model, modelContent, inputContent, reading, dueAt, null);
    }
}
