package io.edgeproof.zkml.proof;

import io.edgeproof.commit.basefold.BasefoldParams;
import io.edgeproof.commit.basefold.BasefoldProverData;
import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.field.codec.ProofReader;
import io.edgeproof.field.codec.ProofWriter;
import io.edgeproof.transcript.Hasher;
import io.edgeproof.zkml.graph.ModelException;
import io.edgeproof.zkml.quant.ModelCodec;
import io.edgeproof.zkml.quant.QuantizedModel;
import java.security.MessageDigest;
import java.util.List;

/**
 * The prover's side of setup: the quantized model, the weight tables and their Basefold commitment data,
 * and the verifier key. Serialised as the canonical .epm bytes, the parameters and the model id; loading
 * recommits the weights (deterministic) and checks that the model id comes out the same.
 */
public final class ProverKey {
    static final int MAGIC = 0x4B50_5045; // "EPPK" little-endian
    static final int VERSION = 1;

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
        ProofWriter w = new ProofWriter().header(MAGIC, VERSION);
        VerifierKey.writeParams(w, verifierKey.params());
        byte[] epm = ModelCodec.encode(model);
        return w.u32(epm.length).bytes(epm).bytes(verifierKey.modelId()).toByteArray();
    }

    public static ProverKey fromBytes(byte[] bytes) throws MalformedProofException {
        ProofReader r = new ProofReader(bytes);
        r.header(MAGIC, VERSION, "prover key");
        BasefoldParams params = VerifierKey.readParams(r);
        int length = r.count("model length", 1, r.remaining());
        byte[] epm = r.bytes("model", length);
        byte[] id = r.bytes("model id", Hasher.DIGEST_BYTES);
        r.expectEnd("prover key");
        QuantizedModel model;
        try {
            model = ModelCodec.decode(epm);
        } catch (ModelException e) {
            throw new MalformedProofException("prover key holds an invalid model: " + e.getMessage());
        }
        ProverKey key = ZkmlProver.setup(model, params);
        if (!MessageDigest.isEqual(id, key.verifierKey().modelId())) {
            throw new MalformedProofException("the prover key's model id does not match its model");
        }
        return key;
    }
}
