package io.edgeproof.network;

import io.edgeproof.zkml.zk.HiddenInput;
import io.edgeproof.zkml.zk.InputLayout;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * What a node needs to prove a hidden input, and what nobody else may see: the device's raw reading, the
 * secret seed its commitment was made with, and how many proofs the commitment takes. From these the node
 * re-derives exactly the commitment the device signed ({@link #commit}). Bytes (the gateway stores them
 * apart from public content and serves them only to the job's assigned node): proofs (u32 BE) || seed (32)
 * || the reading as {@link InputBytes}.
 */
public record SealedInput(int[] reading, byte[] seed, int proofs) {
    public SealedInput {
        if (reading == null || seed == null || seed.length != HiddenInput.seedBytes() || proofs < 1) {
            throw new IllegalArgumentException("a sealed input has a reading, a " + HiddenInput.seedBytes()
                    + "-byte seed and a proof budget >= 1");
        }
        reading = reading.clone();
        seed = seed.clone();
    }

    @Override
    public int[] reading() {
        return reading.clone();
    }

    @Override
    public byte[] seed() {
        return seed.clone();
    }

    /** The commitment (one sample) for the model's input layout: the same arguments always give the same one. */
    public HiddenInput commit(InputLayout layout) {
        return HiddenInput.commit(layout, reading, 1, seed, proofs);
    }

    public byte[] toBytes() {
        byte[] input = InputBytes.encode(reading);
        return ByteBuffer.allocate(4 + seed.length + input.length).putInt(proofs).put(seed).put(input).array();
    }

    /** Throws {@link NetworkException} when the bytes are not one sealed input. */
    public static SealedInput fromBytes(byte[] bytes) {
        int head = 4 + HiddenInput.seedBytes();
        if (bytes.length < head) {
            throw new NetworkException("a sealed input is at least " + head + " bytes, got " + bytes.length);
        }
        int proofs = ByteBuffer.wrap(bytes).getInt();
        if (proofs < 1) {
            throw new NetworkException("a sealed input's proof budget is at least 1, got " + proofs);
        }
        return new SealedInput(InputBytes.decode(Arrays.copyOfRange(bytes, head, bytes.length)),
                Arrays.copyOfRange(bytes, 4, head), proofs);
    }
}
