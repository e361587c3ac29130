package io.edgeproof.cli;

import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.zkml.graph.ModelException;
import io.edgeproof.zkml.proof.ProverKey;
import io.edgeproof.zkml.quant.QuantizedModel;
import io.edgeproof.zkml.zk.HiddenInput;
import io.edgeproof.zkml.zk.InputLayout;
import io.edgeproof.zkml.zk.ZkProofOutput;
import io.edgeproof.zkml.zk.ZkProver;
import io.edgeproof.zkml.zk.ZkProverKey;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * The zero-knowledge side of {@code prove}: a hidden-weight key (any input visibility) or a public-mode key
 * with {@code --hide-input}. A hidden input is committed from its int16 values and the input owner's seed
 * (fresh when none is given); a hidden-weight key spends one slot set, recorded in prover.key before proving.
 */
final class ZkProve {
    /** What a zero-knowledge prove produced, for the command to print. */
    record Result(ZkProofOutput output, String modelIdHex, QuantizedModel model, String inputCommitment, int weightSlot) {}

    private ZkProve() {}

    static Result run(Path keyFile, byte[] keyBytes, List<double[]> rows, boolean hideInput, String seedHex,
                      int inputProofs, int inputSlot, byte[] context) throws IOException {
        SecureRandom random = new SecureRandom();
        if (ZkProverKey.matches(keyBytes)) {
            ZkProverKey key;
            try {
                key = ZkProverKey.fromBytes(keyBytes);
            } catch (MalformedProofException e) {
                throw new ModelException(keyFile + ": " + e.getMessage(), e);
            }
            int[] x = quantize(key.model(), rows, key.verifierKey().inputSize());
            ZkProverKey.WeightSlot slot = key.reserveSlot();
            ZkProverKey.recordUse(keyFile, key.slotsUsed());
            if (!hideInput) {
                ZkProofOutput out = ZkProver.prove(key, slot, x, rows.size(), context, random);
                return new Result(out, key.verifierKey().modelIdHex(), key.model(), null, slot.index());
            }
            HiddenInput hidden = commit(InputLayout.of(key.verifierKey()), x, rows.size(), seedHex, inputProofs, random);
            ZkProofOutput out = ZkProver.prove(key, slot, hidden, inputSlot, context, random);
            return new Result(out, key.verifierKey().modelIdHex(), key.model(), hidden.commitment().toHex(), slot.index());
        }
        ProverKey key;
        try {
            key = ProverKey.fromBytes(keyBytes);
        } catch (MalformedProofException e) {
            throw new ModelException(keyFile + ": " + e.getMessage(), e);
        }
        int[] x = quantize(key.model(), rows, key.verifierKey().inputSize());
        HiddenInput hidden = commit(InputLayout.of(key.verifierKey()), x, rows.size(), seedHex, inputProofs, random);
        ZkProofOutput out = ZkProver.prove(key, hidden, inputSlot, context, random);
        return new Result(out, key.verifierKey().modelIdHex(), key.model(), hidden.commitment().toHex(), -1);
    }

    private static HiddenInput commit(InputLayout layout, int[] x, int batch, String seedHex, int proofs,
                                      SecureRandom random) {
        if (seedHex == null) {
            return HiddenInput.commit(layout, x, batch, HiddenInput.freshSeed(random), proofs);
        }
        byte[] seed;
        try {
            seed = HexFormat.of().parseHex(seedHex.startsWith("0x") ? seedHex.substring(2) : seedHex);
        } catch (IllegalArgumentException e) {
            throw new ModelException("--input-seed must be " + HiddenInput.seedBytes() + " bytes in hex ("
                    + 2 * HiddenInput.seedBytes() + " hex digits); it holds a character that is not a hex digit");
        }
        if (seed.length != HiddenInput.seedBytes()) {
            throw new ModelException("--input-seed must be " + HiddenInput.seedBytes() + " bytes in hex ("
                    + 2 * HiddenInput.seedBytes() + " hex digits); got " + seed.length + " bytes");
        }
        return HiddenInput.commit(layout, x, batch, seed, proofs);
    }

    private static int[] quantize(QuantizedModel model, List<double[]> rows, int size) {
        int[] x = new int[rows.size() * size];
        for (int b = 0; b < rows.size(); b++) {
            if (rows.get(b).length != size) {
                throw new ModelException("sample " + b + " has " + rows.get(b).length + " values, the model expects " + size);
            }
            System.arraycopy(model.quantizeInput(rows.get(b)), 0, x, b * size, size);
        }
        return x;
    }
}
