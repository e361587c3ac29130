package io.edgeproof.network;

import io.edgeproof.ledger.InputDigest;
import io.edgeproof.ledger.crypto.Secp256k1Key;
import io.edgeproof.ledger.device.DeviceId;
import io.edgeproof.ledger.device.DeviceReading;
import io.edgeproof.ledger.device.SignedReading;
import io.edgeproof.zkml.zk.HiddenInput;
import io.edgeproof.zkml.zk.InputLayout;
import java.security.SecureRandom;

/**
 * A sensor (meter camera, weather station) with its secp256k1 key: the device SDK. A reading is the
 * sensor's raw integer vector (e.g. pixels 0..16 of a camera with resolution 1/16), which a raw-scale model
 * takes as its input as it is. Each capture signs, with a strictly rising sequence number (so the ledger
 * accepts every reading once), either the {@link InputDigest} of the raw reading (a public input) or the
 * digest of its commitment in EdgeProof's own scheme ({@link HiddenInput}; a hidden input).
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

    /** Signs the raw reading taken at {@code timestamp} (device clock, seconds); values must be int16. */
    public synchronized SignedFrame capture(int[] rawReading, long timestamp) {
        DeviceReading r = new DeviceReading(id, timestamp, ++sequence, InputDigest.of(rawReading));
        return new SignedFrame(rawReading, r.sign(key));
    }

    /**
     * Commits the raw reading for the model's input layout with a fresh secret seed (for at most
     * {@code proofs} proofs: a job reassigned after a fault is proved again on another slot) and signs the
     * commitment's digest. The {@link SealedInput} goes to the gateway for the assigned node only.
     */
    public synchronized HiddenFrame captureHidden(int[] rawReading, InputLayout layout, int proofs, long timestamp,
                                                  SecureRandom random) {
        SealedInput sealed = new SealedInput(rawReading, HiddenInput.freshSeed(random), proofs);
        byte[] commitment = sealed.commit(layout).commitment().toBytes();
        DeviceReading r = new DeviceReading(id, timestamp, ++sequence, InputDigest.ofCommitment(commitment));
        return new HiddenFrame(sealed, commitment, r.sign(key));
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

    /** A hidden reading: the secret half, the commitment (public) and the signature over its digest. */
    public record HiddenFrame(SealedInput sealed, byte[] commitment, SignedReading reading) {
        public HiddenFrame {
            commitment = commitment.clone();
        }

        @Override
        public byte[] commitment() {
            return commitment.clone();
        }
    }
}
