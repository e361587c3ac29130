package io.edgeproof.ledger;

import io.edgeproof.ledger.crypto.Keccak256;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The digest that binds a job to a proof's public input: keccak256("edgeproof/input/v1" || count (u32 BE)
 * || every int16 value (BE)), over the quantized input as the proof carries it (all samples end to end).
 * A device signs this digest of its quantized reading; the ledger recomputes it from the verified input.
 */
public final class InputDigest {
    private static final byte[] TAG = "edgeproof/input/v1".getBytes(StandardCharsets.US_ASCII);

    private InputDigest() {}

    public static byte[] of(int[] input) {
        ByteBuffer b = ByteBuffer.allocate(4 + 2 * input.length).putInt(input.length);
        for (int v : input) {
            if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
                throw new IllegalArgumentException("input value " + v + " is not int16");
            }
            b.putShort((short) v);
        }
        return Keccak256.hash(TAG, b.array());
    }
}
