package io.edgeproof.ledger.crypto;

import org.bouncycastle.crypto.digests.KeccakDigest;

/** Keccak-256 as Ethereum uses it (original Keccak padding, not SHA3-256): cheap to recompute on an EVM. */
public final class Keccak256 {
    public static final int BYTES = 32;

    private Keccak256() {}

    public static byte[] hash(byte[]... parts) {
        KeccakDigest d = new KeccakDigest(256);
        for (byte[] p : parts) {
            d.update(p, 0, p.length);
        }
        byte[] out = new byte[BYTES];
        d.doFinal(out, 0);
        return out;
    }
}
