package io.edgeproof.ledger;

import io.edgeproof.ledger.device.DeviceId;

/**
 * A standing feed: run {@code model} on every new signed reading of {@code device}. The whole
 * {@code budget} is escrowed when the feed opens; each reading opens a job of {@code pricePerJob} from it,
 * due {@code jobLifetime} seconds later; closing the feed refunds what is left.
 */
public record FeedRequest(ModelId model, DeviceId device, long pricePerJob, long jobLifetime, long budget) {
    public FeedRequest {
        if (model == null || device == null) {
            throw new IllegalArgumentException("a feed names a model and a device");
        }
    }
}
