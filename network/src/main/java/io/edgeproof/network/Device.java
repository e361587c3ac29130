package io.edgeproof.network;

import io.edgeproof.ledger.InputDigest;
import io.edgeproof.ledger.crypto.Secp256k1Key;
import io.edgeproof.ledger.device.DeviceId;
import io.edgeproof.ledger.device.DeviceReading;
import io.edgeproof.ledger.device.SignedReading;

/**
 * A sensor (meter camera, weather station) with its secp256k1 key. Each capture signs the digest of the
 * quantized reading with a strictly rising sequence number, so the ledger accepts every reading once.
 */
public final class Device {
    private final DeviceId id;
    private final Secp256k1Key key;
    private long sequence;

    public Device(DeviceId id, Secp256k1Key key) {
        this.id = id;
        this.key = key;
    }

    public DeviceId id() {
        return id;
    }

    /** 65 bytes, what its owner registers. */
    public byte[] publicKey() {
        return key.publicKey();
    }

    /** Signs the quantized reading taken at {@code timestamp} (device clock, seconds). */
    public synchronized SignedFrame capture(int[] quantizedInput, long timestamp) {
        DeviceReading r = new DeviceReading(id, timestamp, ++sequence, InputDigest.of(quantizedInput));
        return new SignedFrame(quantizedInput, r.sign(key));
    }

    /** A reading and the input it attests. */
    public record SignedFrame(int[] input, SignedReading reading) {
        public SignedFrame {
            input = input.clone();
        }

        @Override
        public int[] input() {
            return input.clone();
        }
    }
}
