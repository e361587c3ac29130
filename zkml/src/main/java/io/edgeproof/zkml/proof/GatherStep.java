package io.edgeproof.zkml.proof;

import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.field.codec.ProofReader;
import io.edgeproof.field.codec.ProofWriter;

/**
 * A Layout (gather, concat of one input, slice, pad, transpose, tile): y[i] = x[index[i]], or the constant
 * {@code fill} where index[i] = -1 (engine-order indices of one sample; the same map for every sample).
 */
record GatherStep(int node, int input, int output, int[] index, int fill) implements ModelCircuit.Step {
    /** The pairs (i, index[i]) of the elements that read the input. */
    SparseMap map() {
        int n = 0;
        for (int v : index) {
            n += v >= 0 ? 1 : 0;
        }
        int[] out = new int[n];
        int[] in = new int[n];
        for (int i = 0, k = 0; i < index.length; i++) {
            if (index[i] >= 0) {
                out[k] = i;
                in[k++] = index[i];
            }
        }
        return new SparseMap(out, in);
    }

    void writeBody(ProofWriter w) {
        w.u32(fill).u32(index.length);
        for (int v : index) {
            w.u32(v);
        }
    }

    static GatherStep readBody(ProofReader r, java.util.List<ModelCircuit.Tensor> tensors, int node, int input,
                               int output) throws MalformedProofException {
        int fill = r.u32("fill");
        if (fill < io.edgeproof.zkml.quant.Requant.LO || fill > io.edgeproof.zkml.quant.Requant.HI) {
            throw new MalformedProofException("layout fill " + fill + " is not an int16");
        }
        int n = tensors.get(output).size();
        r.count("layout elements", n, n);
        if (r.remaining() < 4L * n) {
            throw new MalformedProofException("layout index longer than the bytes left");
        }
        int inSize = tensors.get(input).size();
        int[] index = new int[n];
        for (int i = 0; i < n; i++) {
            index[i] = r.u32("layout index");
            if (index[i] < -1 || index[i] >= inSize) {
                throw new MalformedProofException("layout index " + index[i] + " outside the input");
            }
        }
        return new GatherStep(node, input, output, index, fill);
    }
}
