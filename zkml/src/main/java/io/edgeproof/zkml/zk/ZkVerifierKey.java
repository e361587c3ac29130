package io.edgeproof.zkml.zk;

import io.edgeproof.commit.basefold.BasefoldParams;
import io.edgeproof.commit.basefold.HidingBasefold;
import io.edgeproof.commit.basefold.HidingCommitment;
import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.field.codec.ProofReader;
import io.edgeproof.field.codec.ProofWriter;
import io.edgeproof.transcript.Hasher;
import io.edgeproof.zkml.proof.DenseCircuit;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.HexFormat;

/**
 * The verifier key of a hidden-weight model: commitment parameters, the public circuit ({@link ZkCircuit}:
 * shapes, requantization pairs, one excess bound per layer), input and output scales, the hiding weight
 * commitment and the number of proofs it may take (B). Never the weights, nor a hash of them (a hash would
 * let anyone confirm a guessed model); the model id is SHA-256 over all of the above, so it is fixed by the
 * salted commitment and differs between two setups of the same model.
 */
public final class ZkVerifierKey {
    static final int MAGIC = 0x565A_5045; // "EPZV" little-endian
    static final int VERSION = 1;
    static final int MAX_BUDGET = 1 << 16;

    private final BasefoldParams params;
    private final ZkCircuit circuit;
    private final double inputScale;
    private final double[] outputScales;
    private final List<HidingCommitment> weights;
    private final int budget;
    private final byte[] modelId;

    ZkVerifierKey(BasefoldParams params, ZkCircuit circuit, double inputScale, double[] outputScales,
                  List<HidingCommitment> weights, int budget) {
        this.params = params;
        this.circuit = circuit;
        this.inputScale = inputScale;
        this.outputScales = outputScales.clone();
        this.weights = List.copyOf(weights);
        this.budget = budget;
        this.modelId = sha256(body());
    }

    BasefoldParams params() {
        return params;
    }

    ZkCircuit circuit() {
        return circuit;
    }

    /** One hiding commitment per weight part ({@link WeightLayout}). */
    List<HidingCommitment> weightCommitments() {
        return weights;
    }

    /** Proofs the weight commitment may take part in. */
    public int budget() {
        return budget;
    }

    public byte[] modelId() {
        return modelId.clone();
    }

    public String modelIdHex() {
        return HexFormat.of().formatHex(modelId);
    }

    public double[] outputScales() {
        return outputScales.clone();
    }

    public double inputScale() {
        return inputScale;
    }

    public int inputSize() {
        return circuit.inputSize();
    }

    public int outputSize() {
        return circuit.outputSize();
    }

    private byte[] body() {
        ProofWriter w = new ProofWriter();
        DenseCircuit.writeParams(w, params);
        circuit.writeTo(w);
        w.u64(Double.doubleToLongBits(inputScale));
        for (double s : outputScales) {
            w.u64(Double.doubleToLongBits(s));
        }
        w.u32(budget).u32(weights.size());
        for (HidingCommitment c : weights) {
            w.bytes(c.root()).u32(c.numVariables()).u32(c.extraVariables());
        }
        return w.toByteArray();
    }

    public byte[] toBytes() {
        return new ProofWriter().header(MAGIC, VERSION).bytes(body()).bytes(modelId).toByteArray();
    }

    /** Whether {@code bytes} start like a hidden-weight verifier key (the CLI tells the two kinds apart). */
    public static boolean matches(byte[] bytes) {
        return bytes.length >= 4 && (bytes[0] & 0xFF | (bytes[1] & 0xFF) << 8 | (bytes[2] & 0xFF) << 16
                | (bytes[3] & 0xFF) << 24) == MAGIC;
    }

    /** Decodes and validates; the commitment's shape must be the one the circuit and budget give. */
    public static ZkVerifierKey fromBytes(byte[] bytes) throws MalformedProofException {
        ProofReader r = new ProofReader(bytes);
        r.header(MAGIC, VERSION, "zero-knowledge verifier key");
        BasefoldParams params = DenseCircuit.readParams(r);
        ZkCircuit circuit = ZkCircuit.readFrom(r);
        double inputScale = scale(r);
        double[] outputScales = new double[circuit.outputs().length];
        for (int i = 0; i < outputScales.length; i++) {
            outputScales[i] = scale(r);
        }
        int budget = r.count("weight budget", 1, MAX_BUDGET);
        WeightLayout layout;
        try {
            layout = new WeightLayout(circuit, budget);
        } catch (IllegalArgumentException ex) {
            throw new MalformedProofException("unusable weight layout: " + ex.getMessage());
        }
        r.count("weight parts", layout.parts.size(), layout.parts.size());
        List<HidingCommitment> commitments = new ArrayList<>();
        for (Layout part : layout.parts) {
            byte[] root = r.bytes("weight commitment root", Hasher.DIGEST_BYTES);
            int n = r.count("weight commitment variables", part.numVariables(), part.numVariables());
            int e = HidingBasefold.extraVariables(params, n, budget);
            r.count("weight commitment extra variables", e, e);
            commitments.add(new HidingCommitment(root, n, e));
        }
        byte[] id = r.bytes("model id", Hasher.DIGEST_BYTES);
        r.expectEnd("zero-knowledge verifier key");
        ZkVerifierKey key = new ZkVerifierKey(params, circuit, inputScale, outputScales, commitments, budget);
        if (!MessageDigest.isEqual(id, key.modelId)) {
            throw new MalformedProofException("the stored model id does not match the key's contents");
        }
        return key;
    }

    private static double scale(ProofReader r) throws MalformedProofException {
        double s = Double.longBitsToDouble(r.u64("scale"));
        if (!(s > 0) || Double.isInfinite(s)) {
            throw new MalformedProofException("scale " + s + " is not positive and finite");
        }
        return s;
    }

    private static byte[] sha256(byte[] body) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update("edgeproof-zk-model-id".getBytes(StandardCharsets.UTF_8));
            md.update(new byte[] {0, 0, 0, (byte) ZkProver.PROTOCOL_VERSION});
            return md.digest(body);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("the JDK lacks SHA-256", ex);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ZkVerifierKey k && Arrays.equals(k.modelId, modelId);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(modelId);
    }
}
