package io.edgeproof.network.persist;

import io.edgeproof.ledger.Address;

/**
 * The request nonces a gateway has accepted, so a captured request cannot be sent again. Entries older than
 * the timestamp window may be forgotten: a request that old is refused for its timestamp anyway.
 */
public interface SeenNonces {
    /** Records {@code nonce} for {@code caller}; false if it was recorded before (a replay). */
    boolean claim(Address caller, String nonce, long time);

    /** Forgets nonces recorded with a time before {@code time}. */
    void forgetBefore(long time);
}
