package io.edgeproof.zkml.zk;

import io.edgeproof.commit.basefold.HidingBasefold;
import io.edgeproof.commit.basefold.HidingProverData;
import java.security.SecureRandom;

/**
 * A hidden input and its commitment, re-derivable from (input, seed): the device SDK calls {@link #commit}
 * on its raw int16 reading and signs {@link #commitment()}; the prover, given the same input and the secret
 * 256-bit seed, calls it again and gets the very same commitment (the proof's statement carries it), with
 * the randomness it needs to open it. The seed must stay secret: with it the masks can be undone.
 */
public final class HiddenInput {
    private final int[] input;
    private final int batch;
    private final HidingProverData data;
    /** The one-time masks of the proofs this commitment may take part in. */
    private final long[] masks;
    private final InputCommitment commitment;

    private HiddenInput(int[] input, int batch, HidingProverData data, long[] masks, int proofs) {
        this.input = input.clone();
        this.batch = batch;
        this.data = data;
        this.masks = masks;
        this.commitment = new InputCommitment(data.commitment(), batch, proofs);
    }

    /**
     * Commits {@code batch} samples of int16 input (laid end to end) for at most {@code proofs} proofs; the
     * same arguments always give the same commitment.
     */
    public static HiddenInput commit(InputLayout layout, int[] input, int batch, byte[] seed, int proofs) {
        if (batch < 1 || input.length != (long) batch * layout.inputSize()) {
            throw new IllegalArgumentException("the input holds " + input.length + " values, expected " + batch + " x "
                    + layout.inputSize());
        }
        if (proofs < 1 || proofs > InputCommitment.MAX_PROOFS) {
            throw new IllegalArgumentException("an input commitment takes 1.." + InputCommitment.MAX_PROOFS + " proofs");
        }
        for (int v : input) {
            if (v < -32768 || v > 32767) {
                throw new IllegalArgumentException("input value " + v + " is not int16");
            }
        }
        Layout l = layout.polynomial(batch, proofs);
        SecureRandom random = new SeededRandom(seed);
        int array = ZkPlan.sigmaArray(l);
        long[] masks = Layout.masks(random, proofs * ZkPlan.inputSlotsPerProof(), l.blockVars(array));
        long[] table = l.assemble(new long[][] {layout.block(input, batch), masks});
        HidingProverData data = HidingBasefold.commit(layout.params(), table, proofs, random);
        return new HiddenInput(input, batch, data, masks, proofs);
    }

    /** A fresh secret seed (for an input owner who commits itself). */
    public static byte[] freshSeed(SecureRandom random) {
        return SeededRandom.freshSeed(random);
    }

    public InputCommitment commitment() {
        return commitment;
    }

    public int[] input() {
        return input.clone();
    }

    public int batch() {
        return batch;
    }

    HidingProverData data() {
        return data;
    }

    long[] masks() {
        return masks;
    }

    /** Bytes of a seed. */
    public static int seedBytes() {
        return SeededRandom.SEED_BYTES;
    }
}
