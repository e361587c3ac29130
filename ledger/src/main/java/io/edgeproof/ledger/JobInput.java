package io.edgeproof.ledger;

import io.edgeproof.ledger.crypto.Keccak256;
import io.edgeproof.ledger.device.SignedReading;

/** What a job runs on: a signed device reading, or a public input given by its {@link InputDigest}. */
public sealed interface JobInput {
    /** The digest the proof's input must hash to. */
    byte[] digest();

    record Device(SignedReading reading) implements JobInput {
        @Override
        public byte[] digest() {
            return reading.reading().readingHash();
        }
    }

    record Public(byte[] digest) implements JobInput {
        public Public {
            if (digest == null || digest.length != Keccak256.BYTES) {
                throw new IllegalArgumentException("an input digest is 32 bytes");
            }
            digest = digest.clone();
        }

        @Override
        public byte[] digest() {
            return digest.clone();
        }
    }
}
