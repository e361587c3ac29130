package io.edgeproof.zkml.proof;

import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.field.codec.ProofReader;
import io.edgeproof.field.codec.ProofWriter;

/**
 * Integer softmax over each row of a plain tensor (rows of {@code rowLength} values, the engine's last
 * axis): m = max_j x_j, e_j = E[max(x_j - m, -2^15) + 2^15], Z = sum_j e_j, y_j = floor((65534 e_j + Z) / (2Z)).
 * {@code exp} is the model's 2^15 + 1 entry table E (every entry in [0, 2^15]); the proof
 * looks up e_j by the difference d_j = m - x_j in a 2^16-row table that folds the clamp in:
 * T[d] = E[2^15 - min(d, 2^15)]. Output y has the input's layout.
 */
record SoftmaxStep(int node, int input, int output, int rowLength, int[] exp) implements ModelCircuit.Step {
    static final int EXP_SIZE = (1 << 15) + 1;
    static final int ONE = 1 << 15;
    /** 2 * 32767: y_j 2Z + r_j = 65534 e_j + Z. */
    static final long TWICE_MAX = 2L * io.edgeproof.zkml.quant.Requant.HI;
    static final int MAX_ROW = 1 << 16;

    /** e for a difference d = m - x in [0, 2^16): the table the lookup reads, the clamp folded in. */
    int[] differenceTable() {
        int[] t = new int[TableStep.SIZE];
        for (int d = 0; d < t.length; d++) {
            t[d] = exp[ONE - Math.min(d, ONE)];
        }
        return t;
    }

    /** Bits of the remainder r_j and of its complement 2Z - 1 - r_j (Z <= rowLength 2^15). */
    int remainderBits() {
        return 16 + 1 + ModelCircuit.log2Ceil(rowLength);
    }

    void writeBody(ProofWriter w) {
        w.u32(rowLength);
        for (int v : exp) {
            w.u32(v);
        }
    }

    /** Reads the body; the input must be plain rows of rowLength values, the output in the same layout. */
    static SoftmaxStep readBody(ProofReader r, java.util.List<ModelCircuit.Tensor> tensors, int node, int input,
                                int output) throws MalformedProofException {
        int d = r.count("softmax row length", 1, MAX_ROW);
        ModelCircuit.Tensor x = tensors.get(input);
        if (x.isSpatial() || x.cols() != d || !x.equals(tensors.get(output)) || r.remaining() < 4L * EXP_SIZE) {
            throw new MalformedProofException("softmax step over a layout other than rows of " + d);
        }
        int[] exp = new int[EXP_SIZE];
        for (int j = 0; j < EXP_SIZE; j++) {
            exp[j] = r.u32("exp table entry");
            if (exp[j] < 0 || exp[j] > ONE) {
                throw new MalformedProofException("exp table entry " + j + " is outside [0, 2^15]");
            }
        }
        return new SoftmaxStep(node, input, output, d, exp);
    }
}
