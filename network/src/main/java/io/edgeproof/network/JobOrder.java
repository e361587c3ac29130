package io.edgeproof.network;

import io.edgeproof.ledger.ModelId;
import io.edgeproof.ledger.device.SignedReading;

/**
 * A requester's job as the gateway takes it: run {@code model} on the device reading {@code reading}, whose
 * raw integer values are {@code input}, or, with {@code reading} null, on the public input {@code input} (the
 * job then names its {@link io.edgeproof.ledger.InputDigest}); {@code price} is escrowed at posting;
 * {@code deadline} is absolute (ledger seconds). With {@code hiding} the input is hidden: the reading signs
 * the commitment that {@code input} and the hiding's seed and proof budget make, the gateway serves them only
 * to the assigned node, and everyone else sees the commitment.
 */
public record JobOrder(ModelId model, int[] input, SignedReading reading, long price, long deadline, Hiding hiding) {
    /** The secret half of a hidden input: the commitment's seed and how many proofs it takes. */
    public record Hiding(byte[] seed, int proofs) {
        public Hiding {
            seed = seed.clone();
        }

        @Override
        public byte[] seed() {
            return seed.clone();
        }
    }

    public JobOrder {
        if (model == null || input == null) {
            throw new IllegalArgumentException("a job order names a model and an input");
        }
        input = input.clone();
    }

    /** A job on a public input or on a device's public reading. */
    public JobOrder(ModelId model, int[] input, SignedReading reading, long price, long deadline) {
        this(model, input, reading, price, deadline, null);
    }

    /** A job on a public input, not attested by any device. */
    public static JobOrder publicInput(ModelId model, int[] input, long price, long deadline) {
        return new JobOrder(model, input, null, price, deadline);
    }

    /** A job on a device's hidden reading ({@link Device#captureHidden}). */
    public static JobOrder hidden(ModelId model, SealedInput sealed, SignedReading reading, long price, long deadline) {
        return new JobOrder(model, sealed.reading(), reading, price, deadline, new Hiding(sealed.seed(), sealed.proofs()));
    }

    public boolean inputHidden() {
        return hiding != null;
    }

    /** The hidden input as the assigned node gets it; only for a hidden order. */
    public SealedInput sealed() {
        return new SealedInput(input, hiding.seed(), hiding.proofs());
    }

    @Override
    public int[] input() {
        return input.clone();
    }
}
