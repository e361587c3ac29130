package io.edgeproof.ledger;

import io.edgeproof.ledger.crypto.Keccak256;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The digest that binds a job to a proof's input. A public input: keccak256("edgeproof/input/v1" || count
 * (u32 BE) || every int16 value (BE)), over the input as the proof carries it (all samples end to end) — for
 * a raw-scale model, the device's raw reading itself. A hidden input: keccak256("edgeproof/input-commitment/v1"
 * || the input commitment's bytes). A device signs one of the two; the ledger recomputes it from the verified
 * proof. The two tags keep them apart: no public input has the digest of a commitment.
 */
public final class InputDigest {
    private static final byte[] TAG = "edgeproof/input/v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] COMMITMENT_TAG = "edgeproof/input-commitment/v1".getBytes(StandardCharsets.US_ASCII);

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

    /** The digest of a hidden input: of the bytes of its input commitment (zkml {@code InputCommitment.toBytes}). */
    public static byte[] ofCommitment(byte[] commitment) {
        return Keccak256.hash(COMMITMENT_TAG, commitment);
    }
}
