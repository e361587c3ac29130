package io.edgeproof.network;

import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.ledger.Fault;
import io.edgeproof.ledger.LedgerException;
import io.edgeproof.ledger.ModelId;
import io.edgeproof.zkml.proof.VerifierKey;
import io.edgeproof.zkml.quant.ModelCodec;
import io.edgeproof.zkml.quant.QuantizedModel;
import io.edgeproof.zkml.zk.InputLayout;

/**
 * What intake needs to know of a registered model, read once from its verifier key and .epm: its input size,
 * whether it takes raw device readings (a raw-scale model), and the input layout a hidden input is committed
 * in — absent, with the reason, when the model has no zero-knowledge proofs (zkml/ZK.md: dense layers and Relu).
 */
record ModelTraits(int inputSize, boolean rawInput, InputLayout layout, String zkProblem) {
    /** Most proofs a hidden input may be committed for (each is an attempt; committing costs grow with them). */
    static final int MAX_HIDDEN_PROOFS = 16;

    static ModelTraits of(byte[] verifierKey, byte[] modelBytes) {
        VerifierKey key;
        QuantizedModel model;
        try {
            key = VerifierKey.fromBytes(verifierKey);
        } catch (MalformedProofException | RuntimeException e) {
            throw new LedgerException(Fault.MALFORMED_VERIFIER_KEY, String.valueOf(e.getMessage()));
        }
        try {
            model = ModelCodec.decode(modelBytes);
        } catch (RuntimeException e) {
            throw new LedgerException(Fault.INVALID_REQUEST, "the model is not a readable .epm: " + e.getMessage());
        }
        if (model.inputSize() != key.inputSize()) {
            throw new LedgerException(Fault.INVALID_REQUEST, "the model takes " + model.inputSize()
                    + " inputs, its verifier key " + key.inputSize());
        }
        try {
            return new ModelTraits(key.inputSize(), model.rawInput(), InputLayout.of(key), null);
        } catch (RuntimeException e) {
            return new ModelTraits(key.inputSize(), model.rawInput(), null, String.valueOf(e.getMessage()));
        }
    }

    void requireRawInput(ModelId id) {
        if (!rawInput) {
            throw new LedgerException(Fault.INVALID_REQUEST, "model " + id + " has no raw scale: a device reading is"
                    + " the sensor's raw integers, so the model must be set up with --raw-scale (its resolution)");
        }
    }

    /** The commitment the sealed input makes for this model; INVALID_REQUEST if the model cannot hide inputs. */
    byte[] commit(ModelId id, SealedInput sealed) {
        if (layout == null) {
            throw new LedgerException(Fault.INVALID_REQUEST, "hidden inputs are not supported for model " + id + ": "
                    + zkProblem);
        }
        if (sealed.proofs() > MAX_HIDDEN_PROOFS) {
            throw new LedgerException(Fault.INVALID_REQUEST, "a hidden input takes at most " + MAX_HIDDEN_PROOFS
                    + " proofs, not " + sealed.proofs());
        }
        try {
            return sealed.commit(layout).commitment().toBytes();
        } catch (IllegalArgumentException e) {
            throw new LedgerException(Fault.INVALID_REQUEST, "the hidden input cannot be committed: " + e.getMessage());
        }
    }
}
