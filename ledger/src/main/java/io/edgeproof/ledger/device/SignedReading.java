package io.edgeproof.ledger.device;

import io.edgeproof.ledger.crypto.Secp256k1;

/** A reading with its device's signature (64 bytes r || s). Unverified until the ledger checks it. */
public record SignedReading(DeviceReading reading, byte[] signature) {
    public SignedReading {
        if (reading == null || signature == null) {
            throw new IllegalArgumentException("a signed reading has a reading and a signature");
        }
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** True iff the signature is a valid low-s signature of the reading by {@code publicKey}. */
    public boolean isSignedBy(byte[] publicKey) {
        return Secp256k1.verify(publicKey, reading.signingDigest(), signature);
    }
}
