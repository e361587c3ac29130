package io.edgeproof.network;

import io.edgeproof.ledger.ModelId;
import io.edgeproof.ledger.device.SignedReading;

/**
 * A requester's job as the gateway takes it: run {@code model} on the device reading {@code reading}, whose
 * quantized input is {@code input}; {@code price} is escrowed at posting; {@code deadline} is absolute
 * (ledger seconds).
 */
public record JobOrder(ModelId model, int[] input, SignedReading reading, long price, long deadline) {
    public JobOrder {
        if (model == null || input == null || reading == null) {
            throw new IllegalArgumentException("a job order names a model, an input and its signed reading");
        }
        input = input.clone();
    }

    @Override
    public int[] input() {
        return input.clone();
    }
}
