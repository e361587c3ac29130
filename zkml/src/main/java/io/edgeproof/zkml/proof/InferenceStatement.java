package io.edgeproof.zkml.proof;

import io.edgeproof.field.Goldilocks;
import io.edgeproof.transcript.PublicStatement;
import io.edgeproof.transcript.StatementBinder;

/**
 * Everything public about one proof, absorbed before the first challenge: protocol version, model id
 * (which binds the quantized graph, its shapes and scales, the commitment parameters and the weight
 * commitment), visibility flags, batch size, the input, the claimed outputs and the caller's context (job
 * id, prover address, chain id: opaque bytes), so a proof cannot be replayed for another job or prover.
 */
record InferenceStatement(byte[] modelId, int batch, int[] input, int[] outputs, byte[] context) implements PublicStatement {
    /** Visibility flags as bound: 0 = public, always, in this statement; hidden modes are proved under {@code zkml.zk.ZkStatement}. */
    static final int PUBLIC = 0;

    @Override
    public void bindTo(StatementBinder b) {
        b.u64("protocol-version", ZkmlProver.PROTOCOL_VERSION);
        b.bytes("model-id", modelId);
        b.u64("input-visibility", PUBLIC);
        b.u64("weight-visibility", PUBLIC);
        b.u64("batch", batch);
        b.bases("input", signed(input));
        b.bases("outputs", signed(outputs));
        b.bytes("context", context);
    }

    private static long[] signed(int[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Goldilocks.fromSigned(values[i]);
        }
        return out;
    }
}
