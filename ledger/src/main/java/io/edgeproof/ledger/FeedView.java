package io.edgeproof.ledger;

import io.edgeproof.ledger.device.DeviceId;

/**
 * A feed as the ledger sees it: {@code budgetLeft} is still escrowed in the feed (counted in the audit's
 * escrowHeld), {@code jobsOpened} jobs were paid into escrow from it; {@code open} is false once closed.
 */
public record FeedView(long id, Address requester, ModelId model, DeviceId device, long pricePerJob,
                       long jobLifetime, long budgetPosted, long budgetLeft, long jobsOpened, boolean open) {}
