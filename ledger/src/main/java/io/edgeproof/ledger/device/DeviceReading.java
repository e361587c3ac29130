package io.edgeproof.ledger.device;

import io.edgeproof.ledger.crypto.Keccak256;
import io.edgeproof.ledger.crypto.Secp256k1Key;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One reading as a device attests it. {@code readingHash} is {@link io.edgeproof.ledger.InputDigest} of the
 * quantized reading; {@code sequence} must rise strictly per device (the ledger rejects any other as a
 * replay); {@code timestamp} is the device's clock in seconds, informational.
 *
 * <p>Signed digest: keccak256("edgeproof/device-reading/v1" || id length (u8) || id (ASCII) || timestamp
 * (u64 BE) || sequence (u64 BE) || readingHash (32)).
 */
public record DeviceReading(DeviceId deviceId, long timestamp, long sequence, byte[] readingHash) {
    private static final byte[] TAG = "edgeproof/device-reading/v1".getBytes(StandardCharsets.US_ASCII);

    public DeviceReading {
        if (readingHash == null || readingHash.length != Keccak256.BYTES || sequence < 0) {
            throw new IllegalArgumentException("a reading has a 32-byte hash and a non-negative sequence");
        }
        readingHash = readingHash.clone();
    }

    @Override
    public byte[] readingHash() {
        return readingHash.clone();
    }

    public byte[] signingDigest() {
        byte[] id = deviceId.value().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(1 + id.length + 8 + 8 + readingHash.length)
                .put((byte) id.length).put(id).putLong(timestamp).putLong(sequence).put(readingHash);
        return Keccak256.hash(TAG, b.array());
    }

    /** Signs with the device's key: 64-byte r || s, low s, RFC 6979 nonce. */
    public SignedReading sign(Secp256k1Key key) {
        return new SignedReading(this, key.sign(signingDigest()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeviceReading r && deviceId.equals(r.deviceId) && timestamp == r.timestamp
                && sequence == r.sequence && Arrays.equals(readingHash, r.readingHash);
    }

    @Override
    public int hashCode() {
        return deviceId.hashCode() * 31 + Long.hashCode(sequence);
    }

    @Override
    public String toString() {
        return "DeviceReading[" + deviceId + " #" + sequence + " @" + timestamp + " "
                + HexFormat.of().formatHex(readingHash) + "]";
    }
}
