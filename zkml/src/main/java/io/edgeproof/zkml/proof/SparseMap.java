package io.edgeproof.zkml.proof;

import io.edgeproof.field.Ext3Vec;
import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.field.codec.ProofReader;
import io.edgeproof.field.codec.ProofWriter;

/**
 * A public 0/1 matrix from a step's input to its output, per sample: pair k adds input element in[k] into
 * output element out[k] (engine-order indices of one sample). It describes a gather (each output reads at
 * most one input), a pooling window sum or a reduction. Over a batch the same pairs apply to every sample.
 * Its multilinear extension is never structured: the weight T_z(q) = sum_k eq(z, out_k) [q = in_k] costs
 * O(B pairs) to build or evaluate, which the verifier pays (see PROOF.md).
 */
record SparseMap(int[] out, int[] in) {
    SparseMap {
        if (out.length != in.length) {
            throw new IllegalArgumentException("sparse map with " + out.length + " outputs and " + in.length + " inputs");
        }
        out = out.clone();
        in = in.clone();
    }

    int pairs() {
        return out.length;
    }

    /** Whether every one of the outSize outputs reads exactly one input (a gather without fill). */
    boolean isGather(int outSize) {
        for (int c : countsPerOutput(outSize)) {
            if (c != 1) {
                return false;
            }
        }
        return true;
    }

    /** Pairs per output element (the window count of a pool, the reduced count of a mean). */
    int[] countsPerOutput(int outSize) {
        int[] c = new int[outSize];
        for (int o : out) {
            c[o]++;
        }
        return c;
    }

    /**
     * T(q) over the input block for the output block's eq table: the sum of eqOut over the pairs reading q,
     * for every sample of the batch (interleaved extension table).
     */
    long[] weights(ModelCircuit.Tensor inT, ModelCircuit.Tensor outT, int inVars, int batch, long[] eqOut) {
        long[] t = Ext3Vec.allocate(1 << inVars);
        for (int b = 0; b < batch; b++) {
            for (int k = 0; k < out.length; k++) {
                int q = inT.blockIndex(b, in[k]);
                Ext3Vec.add(t, q, eqOut, outT.blockIndex(b, out[k]), t, q);
            }
        }
        return t;
    }

    /** sum over the batch's pairs of eqOut[out] * eqIn[in]: T at the point of eqIn, without building T. */
    io.edgeproof.field.Ext3 weightAt(ModelCircuit.Tensor inT, ModelCircuit.Tensor outT, int batch, long[] eqOut,
                                     long[] eqIn) {
        long[] acc = new long[3];
        long[] term = new long[3];
        for (int b = 0; b < batch; b++) {
            for (int k = 0; k < out.length; k++) {
                Ext3Vec.mul(eqOut, outT.blockIndex(b, out[k]), eqIn, inT.blockIndex(b, in[k]), term, 0);
                Ext3Vec.add(acc, 0, term, 0, acc, 0);
            }
        }
        return io.edgeproof.field.Ext3.read(acc, 0);
    }

    void writeTo(ProofWriter w) {
        w.u32(out.length);
        for (int k = 0; k < out.length; k++) {
            w.u32(out[k]).u32(in[k]);
        }
    }

    /** Reads a map whose indices lie in [0, outSize) and [0, inSize). */
    static SparseMap readFrom(ProofReader r, int outSize, int inSize) throws MalformedProofException {
        int n = r.count("map pairs", 0, Math.min((int) ModelCircuit.MAX_TENSOR_SIZE, r.remaining() / 8));
        int[] out = new int[n];
        int[] in = new int[n];
        for (int k = 0; k < n; k++) {
            out[k] = r.count("map output", 0, outSize - 1);
            in[k] = r.count("map input", 0, inSize - 1);
        }
        return new SparseMap(out, in);
    }
}
