package io.edgeproof.zkml.proof;

import io.edgeproof.commit.basefold.BasefoldCommitment;
import io.edgeproof.commit.basefold.BasefoldProverData;
import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.field.codec.ProofReader;
import io.edgeproof.field.codec.ProofWriter;
import io.edgeproof.zkml.graph.ModelException;
import io.edgeproof.zkml.quant.ModelCodec;
import io.edgeproof.zkml.quant.QuantizedModel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The prover's side of setup: the quantized model, the weight tables and their Basefold commitment data,
 * and the verifier key. Serialised as the verifier key, the canonical .epm bytes and each weight
 * polynomial's saved {@link BasefoldProverData}, each length-prefixed. Loading re-hashes the saved codewords
 * instead of re-encoding the weights, and checks that model, verifier key and commitments agree.
 */
public final class ProverKey {
    static final int MAGIC = 0x4B50_5045; // "EPPK" little-endian
    static final int VERSION = 3;

    private final QuantizedModel model;
    private final VerifierKey verifierKey;
    private final long[][] weightBlocks;
    private final long[][] weightPolynomials;
    private final List<BasefoldProverData> weightData;

    ProverKey(QuantizedModel model, VerifierKey verifierKey, long[][] weightBlocks, long[][] weightPolynomials,
              List<BasefoldProverData> weightData) {
        this.model = model;
        this.verifierKey = verifierKey;
        this.weightBlocks = weightBlocks;
        this.weightPolynomials = weightPolynomials;
        this.weightData = List.copyOf(weightData);
    }

    public QuantizedModel model() {
        return model;
    }

    public VerifierKey verifierKey() {
        return verifierKey;
    }

    long[][] weightBlocks() {
        return weightBlocks;
    }

    long[][] weightPolynomials() {
        return weightPolynomials;
    }

    List<BasefoldProverData> weightData() {
        return weightData;
    }

    public byte[] toBytes() {
        List<byte[]> parts = new ArrayList<>();
        parts.add(verifierKey.toBytes());
        parts.add(ModelCodec.encode(model));
        for (BasefoldProverData d : weightData) {
            parts.add(d.toBytes());
        }
        ProofWriter head = new ProofWriter().header(MAGIC, VERSION).u32(weightData.size());
        long total = head.size();
        for (byte[] p : parts) {
            total += 4 + p.length;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("a prover key of " + total + " bytes does not fit one byte array");
        }
        // Assembled at its final size: the saved codewords are most of the key and may be hundreds of MB.
        byte[] out = Arrays.copyOf(head.toByteArray(), (int) total);
        int at = head.size();
        for (byte[] p : parts) {
            ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(at, p.length);
            System.arraycopy(p, 0, out, at + 4, p.length);
            at += 4 + p.length;
        }
        return out;
    }

    /**
     * Decodes a key written by {@link #toBytes()}. Rejects, with {@link MalformedProofException}, truncated or
     * trailing bytes, a verifier key that fails its own checks, a model that is not the verifier key's (content
     * hash or circuit), and saved commitment data that is corrupt or whose root is not the verifier key's.
     */
    public static ProverKey fromBytes(byte[] bytes) throws MalformedProofException {
        ProofReader r = new ProofReader(bytes);
        r.header(MAGIC, VERSION, "prover key");
        int polynomials = r.count("weight polynomials", 0, r.remaining());
        VerifierKey vk = VerifierKey.fromBytes(section(r, "verifier key"));
        QuantizedModel model = model(section(r, "model"), vk);
        List<BasefoldCommitment> expected = vk.weightCommitments();
        if (polynomials != expected.size()) {
            throw new MalformedProofException("prover key holds " + polynomials
                    + " weight polynomials, its verifier key commits to " + expected.size());
        }
        List<BasefoldProverData> data = new ArrayList<>(polynomials);
        for (int p = 0; p < polynomials; p++) {
            data.add(weightData(section(r, "weight data " + p), vk, p));
        }
        r.expectEnd("prover key");
        long[][] blocks = vk.weightPlan().blocks(vk.circuit(), model);
        for (int b = 0; b < blocks.length; b++) {
            if (vk.weightPlan().inKey[b] && !Arrays.equals(blocks[b], vk.keyWeights(b))) {
                throw new MalformedProofException("weight block " + b + " of the verifier key is not the model's");
            }
        }
        return new ProverKey(model, vk, blocks, vk.weightPlan().layout.assemble(blocks), data);
    }

    private static byte[] section(ProofReader r, String what) throws MalformedProofException {
        return r.bytes(what, r.count(what + " length", 1, r.remaining()));
    }

    /** The model, checked to be the one the verifier key was made for (same .epm hash, same circuit). */
    private static QuantizedModel model(byte[] epm, VerifierKey vk) throws MalformedProofException {
        QuantizedModel model;
        ModelCircuit circuit;
        try {
            model = ModelCodec.decode(epm);
            circuit = ModelCircuit.of(model);
        } catch (ModelException e) { // NotProvableException included
            throw new MalformedProofException("prover key holds an invalid model: " + e.getMessage());
        }
        if (!MessageDigest.isEqual(HexFormat.of().parseHex(ModelCodec.contentHash(model)), vk.epmHash())) {
            throw new MalformedProofException("the prover key's model is not the one its verifier key was made for");
        }
        if (!Arrays.equals(circuitBytes(circuit), circuitBytes(vk.circuit()))) {
            throw new MalformedProofException("the prover key's model gives another circuit than its verifier key");
        }
        return model;
    }

    private static byte[] circuitBytes(ModelCircuit circuit) {
        ProofWriter w = new ProofWriter();
        circuit.writeTo(w);
        return w.toByteArray();
    }

    /** Weight polynomial {@code p}'s saved data: intact (see BasefoldProverData#fromBytes) and under the key's root. */
    private static BasefoldProverData weightData(byte[] saved, VerifierKey vk, int p) throws MalformedProofException {
        BasefoldProverData d;
        try {
            d = BasefoldProverData.fromBytes(saved, vk.params());
        } catch (MalformedProofException e) {
            throw new MalformedProofException("prover key, weight polynomial " + p + ": " + e.getMessage());
        }
        BasefoldCommitment want = vk.weightCommitments().get(p);
        if (d.numVariables() != want.numVariables()
                || !MessageDigest.isEqual(d.commitment().root(), want.root())) {
            throw new MalformedProofException("prover key, weight polynomial " + p
                    + ": the saved commitment is not the verifier key's (root or size differs)");
        }
        return d;
    }
}
