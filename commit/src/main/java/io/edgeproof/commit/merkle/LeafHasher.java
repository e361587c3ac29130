package io.edgeproof.commit.merkle;

import io.edgeproof.transcript.Hasher;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Hashes leaves and inner nodes with domain tags, so a leaf can never be read as an inner node or the
 * reverse: leaf = H(0x00 || salt || row as little-endian u64s), node = H(0x01 || left || right). Holds its
 * own buffer and hasher, so each thread needs its own instance.
 */
final class LeafHasher {
    static final byte LEAF_TAG = 0;
    static final byte NODE_TAG = 1;
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final Hasher hasher;
    private final byte[] buffer;
    private final int rowLongs;
    private final int saltBytes;

    LeafHasher(Hasher hasher, int rowLongs, int saltBytes) {
        this.hasher = hasher;
        this.rowLongs = rowLongs;
        this.saltBytes = saltBytes;
        this.buffer = new byte[Math.max(1 + saltBytes + 8 * rowLongs, 1 + 2 * Hasher.DIGEST_BYTES)];
    }

    /** Hashes row {@code row} of {@code rows} (rowLongs each) with its salt into out[outOff, +32). */
    void leaf(long[] rows, int row, byte[] salts, int saltIndex, byte[] out, int outOff) {
        buffer[0] = LEAF_TAG;
        if (saltBytes > 0) {
            System.arraycopy(salts, saltIndex * saltBytes, buffer, 1, saltBytes);
        }
        int p = 1 + saltBytes;
        int base = row * rowLongs;
        for (int i = 0; i < rowLongs; i++) {
            LONG_LE.set(buffer, p, rows[base + i]);
            p += 8;
        }
        hasher.hash(buffer, 0, p, out, outOff);
    }

    /** H(0x01 || left || right) into out[outOff, +32). */
    void node(byte[] left, int leftOff, byte[] right, int rightOff, byte[] out, int outOff) {
        buffer[0] = NODE_TAG;
        System.arraycopy(left, leftOff, buffer, 1, Hasher.DIGEST_BYTES);
        System.arraycopy(right, rightOff, buffer, 1 + Hasher.DIGEST_BYTES, Hasher.DIGEST_BYTES);
        hasher.hash(buffer, 0, 1 + 2 * Hasher.DIGEST_BYTES, out, outOff);
    }
}
