package io.edgeproof.network;

import java.nio.ByteBuffer;

/**
 * The stored form of a quantized input: count (u32 BE) then each int16 (BE), the same values
 * {@link io.edgeproof.ledger.InputDigest} hashes, so a fetched input is checked against the device's digest.
 */
public final class InputBytes {
    private InputBytes() {}

    public static byte[] encode(int[] input) {
        ByteBuffer b = ByteBuffer.allocate(4 + 2 * input.length).putInt(input.length);
        for (int v : input) {
            if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
                throw new IllegalArgumentException("input value " + v + " is not int16");
            }
            b.putShort((short) v);
        }
        return b.array();
    }

    /** Throws {@link NetworkException} when the bytes are not exactly one encoded input. */
    public static int[] decode(byte[] bytes) {
        if (bytes.length < 4) {
            throw new NetworkException("an input is at least 4 bytes, got " + bytes.length);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        long n = Integer.toUnsignedLong(b.getInt());
        if (bytes.length != 4 + 2 * n) {
            throw new NetworkException("an input of " + n + " values is " + (4 + 2 * n) + " bytes, got " + bytes.length);
        }
        int[] x = new int[(int) n];
        for (int i = 0; i < x.length; i++) {
            x[i] = b.getShort();
        }
        return x;
    }
}
