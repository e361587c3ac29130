package io.edgeproof.zkml.zk;

import io.edgeproof.field.Goldilocks;
import io.edgeproof.transcript.PublicStatement;
import io.edgeproof.transcript.StatementBinder;

/**
 * Everything public about one zero-knowledge proof, absorbed before the first challenge: protocol version,
 * model id (binding the circuit, parameters and weight commitment), the visibility flags, the batch, the
 * public input or the input commitment and the slot it spends, the weight slot (hidden weights), the
 * claimed outputs and the caller's context.
 */
record ZkStatement(byte[] modelId, int batch, int[] input, InputCommitment inputCommitment, int inputSlot,
                   boolean weightsHidden, int weightSlot, int[] outputs, byte[] context) implements PublicStatement {
    static final int PUBLIC = 0, HIDDEN = 1;

    boolean inputHidden() {
        return inputCommitment != null;
    }

    @Override
    public void bindTo(StatementBinder b) {
        b.u64("protocol-version", ZkProver.PROTOCOL_VERSION);
        b.bytes("model-id", modelId);
        b.u64("input-visibility", inputHidden() ? HIDDEN : PUBLIC);
        b.u64("weight-visibility", weightsHidden ? HIDDEN : PUBLIC);
        b.u64("batch", batch);
        if (inputHidden()) {
            inputCommitment.bindTo(b);
            b.u64("input-slot", inputSlot);
        } else {
            b.bases("input", signed(input));
        }
        if (weightsHidden) {
            b.u64("weight-slot", weightSlot);
        }
        b.bases("outputs", signed(outputs));
        b.bytes("context", context);
    }

    static long[] signed(int[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Goldilocks.fromSigned(values[i]);
        }
        return out;
    }
}
