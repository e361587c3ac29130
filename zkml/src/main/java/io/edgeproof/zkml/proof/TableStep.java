package io.edgeproof.zkml.proof;

import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.field.codec.ProofReader;
import io.edgeproof.field.codec.ProofWriter;
import io.edgeproof.zkml.quant.Requant;

/** y = table[x + 2^15] element-wise (a 2^16-entry int16 table, public, part of the model); y has x's layout. */
record TableStep(int node, int input, int output, int[] table) implements ModelCircuit.Step {
    static final int SIZE = 1 << 16;
    static final int OFFSET = 1 << 15;

    void writeBody(ProofWriter w) {
        for (int v : table) {
            w.u32(v);
        }
    }

    static TableStep readBody(ProofReader r, java.util.List<ModelCircuit.Tensor> tensors, int node, int input,
                              int output) throws MalformedProofException {
        if (!tensors.get(input).equals(tensors.get(output)) || r.remaining() < 4L * SIZE) {
            throw new MalformedProofException("lookup step over different layouts or truncated table");
        }
        int[] table = new int[SIZE];
        for (int j = 0; j < SIZE; j++) {
            table[j] = r.u32("table entry");
            if (table[j] < Requant.LO || table[j] > Requant.HI) {
                throw new MalformedProofException("table entry " + j + " is not an int16");
            }
        }
        return new TableStep(node, input, output, table);
    }
}
