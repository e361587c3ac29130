package io.edgeproof.zkml.zk;

import io.edgeproof.commit.basefold.BasefoldParams;
import io.edgeproof.commit.basefold.HidingBasefold;
import io.edgeproof.commit.basefold.HidingCommitment;
import io.edgeproof.commit.basefold.HidingProverData;
import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.field.codec.ProofReader;
import io.edgeproof.field.codec.ProofWriter;
import io.edgeproof.zkml.graph.ModelException;
import io.edgeproof.zkml.quant.ModelCodec;
import io.edgeproof.zkml.quant.QLayer;
import io.edgeproof.zkml.quant.QuantizedModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The prover's side of a hidden-weight setup: the model, its {@link ZkVerifierKey}, the secret 256-bit seed
 * from which the weight commitment's one-time masks, salts and random blocks are re-derived (ChaCha20), and
 * how many of the B slot sets are used. Loading re-commits the weights from the seed and checks the root.
 *
 * <p>Bytes: magic "EPZP", version, u32 slots used (at {@link #COUNTER_OFFSET}, rewritten in place before
 * each proof by {@link #recordUse}), the seed, the verifier key and the .epm, each length-prefixed. The
 * seed is as secret as the weights.
 */
public final class ZkProverKey {
    static final int MAGIC = 0x505A_5045; // "EPZP" little-endian
    static final int VERSION = 1;
    public static final int COUNTER_OFFSET = 5;

    private final QuantizedModel model;
    private final ZkVerifierKey verifierKey;
    private final byte[] seed;
    /** Per weight part: its hiding commitment data and its block of one-time masks (B slot sets). */
    private final List<HidingProverData> weights;
    private final List<long[]> masks;
    private int slotsUsed;

    private ZkProverKey(QuantizedModel model, ZkVerifierKey verifierKey, byte[] seed, List<HidingProverData> weights,
                        List<long[]> masks, int slotsUsed) {
        this.model = model;
        this.verifierKey = verifierKey;
        this.seed = seed.clone();
        this.weights = weights;
        this.masks = masks;
        this.slotsUsed = slotsUsed;
    }

    /** Setup: commits the weights (hiding) for {@code budget} proofs, with a fresh seed. */
    static ZkProverKey create(QuantizedModel model, ZkCircuit circuit, BasefoldParams params, int budget,
                              SecureRandom random) {
        if (budget < 1 || budget > ZkVerifierKey.MAX_BUDGET) {
            throw new IllegalArgumentException("the weight budget must be in [1, " + ZkVerifierKey.MAX_BUDGET + "] proofs");
        }
        byte[] seed = SeededRandom.freshSeed(random);
        Committed c = commit(model, circuit, params, budget, seed);
        double[] outputScales = new double[model.outputs().length];
        for (int i = 0; i < outputScales.length; i++) {
            outputScales[i] = model.scaleOf(model.outputs()[i]);
        }
        List<HidingCommitment> commitments = new ArrayList<>();
        for (HidingProverData d : c.data) {
            commitments.add(d.commitment());
        }
        ZkVerifierKey vk = new ZkVerifierKey(params, circuit, model.inputScale(), outputScales, commitments, budget);
        return new ZkProverKey(model, vk, seed, c.data, c.masks, 0);
    }

    private record Committed(List<HidingProverData> data, List<long[]> masks) {}

    /** Each weight part from the weights and the seed: its masks, then its hiding commitment, from one keystream. */
    private static Committed commit(QuantizedModel model, ZkCircuit circuit, BasefoldParams params, int budget,
                                    byte[] seed) {
        WeightLayout layout = new WeightLayout(circuit, budget);
        SecureRandom random = new SeededRandom(seed);
        long[][] weights = weightBlocks(model, circuit);
        List<HidingProverData> data = new ArrayList<>();
        List<long[]> masks = new ArrayList<>();
        for (int p = 0; p < layout.parts.size(); p++) {
            Layout part = layout.parts.get(p);
            long[][] blocks = new long[part.blocks()][];
            for (int wb = 0; wb < weights.length; wb++) {
                if (layout.part[wb] == p) {
                    blocks[layout.block[wb]] = weights[wb];
                }
            }
            int array = layout.maskBlock(p);
            blocks[array] = Layout.masks(random, budget * layout.reads[p], part.blockVars(array));
            masks.add(blocks[array]);
            data.add(HidingBasefold.commit(params, part.assemble(blocks), budget, random));
        }
        return new Committed(data, masks);
    }

    /** Per dense or conv layer: its weights (index k + 2^K n, k its padded inner index) and its bias, padded with zeros. */
    static long[][] weightBlocks(QuantizedModel model, ZkCircuit circuit) {
        java.util.List<ZkCircuit.Dense> dense = circuit.denseSteps();
        long[][] blocks = new long[2 * dense.size()][];
        int index = 0;
        for (var node : model.nodes()) {
            byte[] weights;
            long[] bias;
            switch (node.layer()) {
                case QLayer.Linear l -> {
                    weights = l.weights();
                    bias = l.bias();
                }
                case QLayer.Conv c -> {
                    weights = c.weights();
                    bias = c.bias();
                }
                default -> {
                    continue;
                }
            }
            ZkCircuit.Dense d = dense.get(index);
            int nv = ZkCircuit.log2Ceil(d.out());
            blocks[2 * index] = ZkWitness.weightTable(weights, d, circuit.featureColumns(d), circuit.featureVars(d), nv);
            blocks[2 * index + 1] = ZkWitness.biasTable(bias, d, nv);
            index++;
        }
        return blocks;
    }

    public QuantizedModel model() {
        return model;
    }

    public ZkVerifierKey verifierKey() {
        return verifierKey;
    }

    List<HidingProverData> weightData() {
        return weights;
    }

    List<long[]> masks() {
        return masks;
    }

    public synchronized int slotsUsed() {
        return slotsUsed;
    }

    /**
     * Takes the next unused slot set, or refuses once B proofs used the weight commitment: another opening
     * would reveal weight information its randomness no longer hides. A saved key must record the use
     * ({@link #recordUse}) before the proof is made.
     */
    public synchronized WeightSlot reserveSlot() {
        if (slotsUsed >= verifierKey.budget()) {
            throw new ModelException("weight commitment opening budget exhausted: " + slotsUsed + " of "
                    + verifierKey.budget() + " proofs used; run setup again (new commitment, new model id)");
        }
        return new WeightSlot(this, slotsUsed++);
    }

    /** One reserved slot set of a key's weight commitment, good for one proof. */
    public static final class WeightSlot {
        private final ZkProverKey key;
        private final int index;
        private boolean spent;

        private WeightSlot(ZkProverKey key, int index) {
            this.key = key;
            this.index = index;
        }

        public int index() {
            return index;
        }

        /** The slot index, once, for this key only. */
        synchronized int spend(ZkProverKey owner) {
            if (owner != key || spent) {
                throw new IllegalStateException("a weight slot is used once, with the key that reserved it");
            }
            spent = true;
            return index;
        }
    }

    public byte[] toBytes() {
        byte[] vk = verifierKey.toBytes();
        byte[] epm = ModelCodec.encode(model);
        return new ProofWriter().header(MAGIC, VERSION).u32(slotsUsed).bytes(seed).u32(vk.length).bytes(vk)
                .u32(epm.length).bytes(epm).toByteArray();
    }

    /** Whether {@code bytes} start like a hidden-weight prover key. */
    public static boolean matches(byte[] bytes) {
        return bytes.length >= 4 && ByteBuffer.wrap(bytes, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() == MAGIC;
    }

    /** Decodes, re-commits the weights from the seed and checks the root is the verifier key's. */
    public static ZkProverKey fromBytes(byte[] bytes) throws MalformedProofException {
        ProofReader r = new ProofReader(bytes);
        r.header(MAGIC, VERSION, "zero-knowledge prover key");
        int used = r.count("slots used", 0, ZkVerifierKey.MAX_BUDGET);
        byte[] seed = r.bytes("seed", SeededRandom.SEED_BYTES);
        ZkVerifierKey vk = ZkVerifierKey.fromBytes(r.bytes("verifier key", r.count("verifier key length", 1, r.remaining())));
        QuantizedModel model;
        ZkCircuit circuit;
        try {
            model = ModelCodec.decode(r.bytes("model", r.count("model length", 1, r.remaining())));
            circuit = ZkCircuit.of(model);
        } catch (ModelException e) {
            throw new MalformedProofException("the prover key holds an invalid model: " + e.getMessage());
        }
        r.expectEnd("zero-knowledge prover key");
        if (!Arrays.equals(circuit.encode(), vk.circuit().encode()) || used > vk.budget()) {
            throw new MalformedProofException("the prover key's model or counter does not fit its verifier key");
        }
        Committed c = commit(model, circuit, vk.params(), vk.budget(), seed);
        for (int p = 0; p < c.data.size(); p++) {
            if (!MessageDigest.isEqual(c.data.get(p).commitment().root(), vk.weightCommitments().get(p).root())) {
                throw new MalformedProofException("the prover key's weights and seed do not give its verifier key's"
                        + " commitment");
            }
        }
        return new ZkProverKey(model, vk, seed, c.data, c.masks, used);
    }

    /** Rewrites the counter of a saved prover key in place (before a proof uses the slot). */
    public static void recordUse(Path file, int slotsUsed) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.SYNC)) {
            ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, slotsUsed);
            ch.write(b, COUNTER_OFFSET);
        }
    }
}
