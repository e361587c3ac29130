package io.edgeproof.zkml.onnx;

import io.edgeproof.zkml.graph.Tensor;

/** What an ONNX value name stands for during import: a known constant or a computed graph value. */
sealed interface Value {
    int[] shape();

    record Const(Tensor tensor) implements Value {
        @Override
        public int[] shape() {
            return tensor.shape();
        }
    }

    /** Value {@code id} of the graph being built (0 = model input). */
    record Dyn(int id, int[] shape) implements Value {}
}
