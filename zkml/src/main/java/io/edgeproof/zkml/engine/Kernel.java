package io.edgeproof.zkml.engine;

/** A node of the quantized model prepared for execution on a batch of samples laid end to end. */
interface Kernel {
    /** Computes the node's output for {@code batch} samples from its inputs' values (each batch x size). */
    int[] run(int[][] inputs, int batch);
}
