package io.edgeproof.zkml.proof;

import io.edgeproof.commit.basefold.BasefoldCommitment;
import io.edgeproof.commit.basefold.BasefoldParams;
import io.edgeproof.commit.basefold.ProximityRegime;
import io.edgeproof.field.Goldilocks;
import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.field.codec.ProofReader;
import io.edgeproof.field.codec.ProofWriter;
import io.edgeproof.transcript.HashFunction;
import io.edgeproof.transcript.Hasher;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * What a verifier needs for one model: the commitment parameters, the model's content hash (.epm), the
 * circuit (shapes, requantization constants, bounds), input and output scales, and the weight commitment.
 * Never the weights themselves.
 *
 * <p>The model id is SHA-256 over a tag, the protocol version and every one of these fields as encoded
 * here: it is deterministic (same .epm and parameters give the same id on every machine and run), never
 * depends on an input, and the decoder recomputes and checks it.
 */
public final class VerifierKey {
    static final int MAGIC = 0x4B56_5045; // "EPVK" little-endian
    static final int VERSION = 2;

    private final BasefoldParams params;
    private final byte[] epmHash;
    private final ModelCircuit circuit;
    private final double inputScale;
    private final double[] outputScales;
    private final List<BasefoldCommitment> weightCommitments;
    private final WeightPlan weightPlan;
    /** Per weight block, its table when the key holds it ({@link WeightPlan#inKey}), else null. */
    private final long[][] keyWeights;
    private final byte[] modelId;

    VerifierKey(BasefoldParams params, byte[] epmHash, ModelCircuit circuit, double inputScale, double[] outputScales,
                List<BasefoldCommitment> weightCommitments, long[][] keyWeights) {
        this.params = params;
        this.epmHash = epmHash.clone();
        this.circuit = circuit;
        this.inputScale = inputScale;
        this.outputScales = outputScales.clone();
        this.weightCommitments = List.copyOf(weightCommitments);
        this.weightPlan = new WeightPlan(circuit);
        this.keyWeights = keyWeights.clone();
        for (int b = 0; b < keyWeights.length; b++) {
            if ((keyWeights[b] != null) != weightPlan.inKey[b]
                    || (keyWeights[b] != null && keyWeights[b].length != 1 << weightPlan.blockVars[b])) {
                throw new IllegalArgumentException("the key's weight blocks do not match the weight plan");
            }
        }
        this.modelId = sha256(body());
    }

    BasefoldParams params() {
        return params;
    }

    /** The SHA-256 of the model's canonical .epm bytes (not copied: callers must not modify it). */
    byte[] epmHash() {
        return epmHash;
    }

    ModelCircuit circuit() {
        return circuit;
    }

    WeightPlan weightPlan() {
        return weightPlan;
    }

    List<BasefoldCommitment> weightCommitments() {
        return weightCommitments;
    }

    /** The table of a weight block held in the key (not copied: callers must not modify it). */
    long[] keyWeights(int block) {
        return keyWeights[block];
    }

    public byte[] modelId() {
        return modelId.clone();
    }

    public String modelIdHex() {
        return HexFormat.of().formatHex(modelId);
    }

    public double inputScale() {
        return inputScale;
    }

    /** One scale per model output tensor, in output order. */
    public double[] outputScales() {
        return outputScales.clone();
    }

    public int inputSize() {
        return circuit.inputSize();
    }

    public int outputSize() {
        return circuit.outputSize();
    }

    private byte[] body() {
        ProofWriter w = new ProofWriter();
        writeParams(w, params);
        w.bytes(epmHash);
        circuit.writeTo(w);
        w.u64(Double.doubleToLongBits(inputScale));
        for (double s : outputScales) {
            w.u64(Double.doubleToLongBits(s));
        }
        for (BasefoldCommitment c : weightCommitments) {
            w.u8(c.numVariables()).bytes(c.root());
        }
        // blocks held in the key: int8 weights one byte each, biases as signed 64-bit values
        for (int b = 0; b < keyWeights.length; b++) {
            if (keyWeights[b] != null) {
                boolean bias = weightPlan.isBias(b);
                for (long v : keyWeights[b]) {
                    if (bias) {
                        w.u64(Goldilocks.toSigned(v));
                    } else {
                        w.u8((int) Goldilocks.toSigned(v) & 0xFF);
                    }
                }
            }
        }
        return w.toByteArray();
    }

    public byte[] toBytes() {
        return new ProofWriter().header(MAGIC, VERSION).bytes(body()).bytes(modelId).toByteArray();
    }

    /** Decodes and validates a key; a key whose stored model id does not match its contents is rejected. */
    public static VerifierKey fromBytes(byte[] bytes) throws MalformedProofException {
        ProofReader r = new ProofReader(bytes);
        r.header(MAGIC, VERSION, "verifier key");
        BasefoldParams params = readParams(r);
        byte[] epmHash = r.bytes("model hash", Hasher.DIGEST_BYTES);
        ModelCircuit circuit = ModelCircuit.readFrom(r);
        double inputScale = scale(r);
        double[] outputScales = new double[circuit.outputs().length];
        for (int i = 0; i < outputScales.length; i++) {
            outputScales[i] = scale(r);
        }
        WeightPlan plan = new WeightPlan(circuit);
        List<BasefoldCommitment> commitments = new ArrayList<>();
        for (int v : plan.layout.allPolyVars()) {
            int n = r.u8("commitment variables");
            if (n != v) {
                throw new MalformedProofException("weight commitment of " + n + " variables, the circuit needs " + v);
            }
            commitments.add(new BasefoldCommitment(r.bytes("commitment root", Hasher.DIGEST_BYTES), n));
        }
        long[][] keyWeights = new long[plan.blockVars.length][];
        for (int b = 0; b < keyWeights.length; b++) {
            if (plan.inKey[b]) {
                keyWeights[b] = new long[1 << plan.blockVars[b]];
                boolean bias = plan.isBias(b);
                for (int i = 0; i < keyWeights[b].length; i++) {
                    keyWeights[b][i] = Goldilocks.fromSigned(bias ? r.u64("key bias") : (byte) r.u8("key weight"));
                }
            }
        }
        byte[] id = r.bytes("model id", Hasher.DIGEST_BYTES);
        r.expectEnd("verifier key");
        VerifierKey key = new VerifierKey(params, epmHash, circuit, inputScale, outputScales, commitments, keyWeights);
        if (!MessageDigest.isEqual(id, key.modelId)) {
            throw new MalformedProofException("the stored model id does not match the key's contents");
        }
        return key;
    }

    static void writeParams(ProofWriter w, BasefoldParams p) {
        w.u8(p.logBlowup()).u8(p.foldingArityLog()).u8(p.finalLogSize()).u32(p.queries()).u8(p.grindingBits())
                .u8(p.regime().ordinal()).u8(p.hash().ordinal());
    }

    static BasefoldParams readParams(ProofReader r) throws MalformedProofException {
        int blowup = r.u8("log blowup");
        int arity = r.u8("folding arity");
        int fin = r.u8("final size");
        int queries = r.u32("queries");
        int grinding = r.u8("grinding bits");
        int regime = r.u8("regime");
        int hash = r.u8("hash");
        if (regime >= ProximityRegime.values().length || hash >= HashFunction.values().length) {
            throw new MalformedProofException("unknown regime or hash");
        }
        try {
            return new BasefoldParams(blowup, arity, fin, queries, grinding, ProximityRegime.values()[regime],
                    HashFunction.values()[hash]);
        } catch (IllegalArgumentException e) {
            throw new MalformedProofException("invalid commitment parameters: " + e.getMessage());
        }
    }

    private static double scale(ProofReader r) throws MalformedProofException {
        double s = Double.longBitsToDouble(r.u64("scale"));
        if (!(s > 0) || Double.isInfinite(s)) {
            throw new MalformedProofException("scale " + s + " is not positive and finite");
        }
        return s;
    }

    static byte[] sha256(byte[] body) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update("edgeproof-model-id".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            md.update(new byte[] {0, 0, 0, (byte) ZkmlProver.PROTOCOL_VERSION});
            return md.digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerifierKey k && Arrays.equals(k.modelId, modelId);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(modelId);
    }
}
