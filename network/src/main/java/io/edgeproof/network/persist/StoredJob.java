package io.edgeproof.network.persist;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.ModelId;
import io.edgeproof.ledger.device.SignedReading;
import io.edgeproof.network.ContentHash;

/**
 * A job as the gateway stores it beside the ledger: who posted it, the model, the stored input (a sealed
 * input when hidden), the device's signed reading (null for a public input) and the input commitment of a
 * hidden input (else null). {@code jobId} is 0 for an intake not yet acknowledged by the ledger.
 */
public record StoredJob(long jobId, Address requester, ModelId model, ContentHash input, SignedReading reading,
                        byte[] commitment, long price, long deadline) {
    public StoredJob {
        if (requester == null || model == null || input == null) {
            throw new IllegalArgumentException("a stored job names its requester, model and input");
        }
    }

    StoredJob withId(long id) {
        return new StoredJob(id, requester, model, input, reading, commitment, price, deadline);
    }
}
