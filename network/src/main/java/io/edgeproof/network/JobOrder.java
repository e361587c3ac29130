package io.edgeproof.network;

import io.edgeproof.ledger.ModelId;
import io.edgeproof.ledger.device.SignedReading;

/**
 * A requester's job as the gateway takes it: run {@code model} on the device reading {@code reading}, whose
 * quantized input is {@code input}, or, with {@code reading} null, on the public input {@code input} (the job
 * then names its {@link io.edgeproof.ledger.InputDigest}); {@code price} is escrowed at posting;
 * {@code deadline} is absolute (ledger seconds).
 */
public record JobOrder(ModelId model, int[] input, SignedReading reading, long price, long deadline) {
    public JobOrder {
        if (model == null || input == null) {
            throw new IllegalArgumentException("a job order names a model and an input");
        }
        input = input.clone();
    }

    /** A job on a public input, not attested by any device. */
    public static JobOrder publicInput(ModelId model, int[] input, long price, long deadline) {
        return new JobOrder(model, input, null, price, deadline);
    }

    @Override
    public int[] input() {
        return input.clone();
    }
}
