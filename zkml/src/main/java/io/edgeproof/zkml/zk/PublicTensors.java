package io.edgeproof.zkml.zk;

import io.edgeproof.field.Goldilocks;

/**
 * The padded tables (columns low, rows high, zeros on padding; spatial tensors by
 * {@link ZkCircuit.Tensor#blockIndex}) of the tensors the verifier knows: the input
 * when it is public and the model outputs (claimed in the statement, laid out per sample as the output
 * tensors end to end).
 */
final class PublicTensors {
    private final long[][] tables;

    private PublicTensors(long[][] tables) {
        this.tables = tables;
    }

    /** {@code input}: null when hidden. */
    static PublicTensors of(ZkPlan plan, int[] input, int[] outputs) {
        ZkCircuit c = plan.circuit;
        long[][] tables = new long[c.tensors().size()][];
        if (input != null) {
            tables[0] = padded(c, plan.batch, 0, input, 0, c.inputSize());
        }
        int per = c.outputSize();
        int offset = 0;
        for (int o : c.outputs()) {
            int n = c.tensor(o).size();
            tables[o] = padded(c, plan.batch, o, outputs, offset, per);
            offset += n;
        }
        return new PublicTensors(tables);
    }

    /** All-zero tables of the right sizes (the plan's shape pass). */
    static PublicTensors zero(ZkPlan plan) {
        long[][] tables = new long[plan.circuit.tensors().size()][];
        for (int t = 0; t < tables.length; t++) {
            tables[t] = new long[1 << plan.tensorVars(t)];
        }
        return new PublicTensors(tables);
    }

    long[] table(int tensor) {
        if (tables[tensor] == null) {
            throw new IllegalStateException("tensor " + tensor + " is not public");
        }
        return tables[tensor];
    }

    /**
     * The padded block (columns low, rows high) of one tensor of a batch from its values: sample b's
     * values start at {@code from + b per}.
     */
    static long[] padded(ZkCircuit circuit, int batch, int tensor, int[] values, int from, int per) {
        ZkCircuit.Tensor shape = circuit.tensor(tensor);
        long[] table = new long[1 << (shape.colVars() + shape.rowVars(batch))];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < shape.size(); i++) {
                table[shape.blockIndex(b, i)] = Goldilocks.fromSigned(values[from + b * per + i]);
            }
        }
        return table;
    }
}
