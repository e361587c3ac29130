package io.edgeproof.zkml.quant;

import io.edgeproof.zkml.graph.Shapes;

/** One integer operation: inputs (0 = model input, k + 1 = node k), per-sample output shape, output scale. */
public record QNode(String name, QLayer layer, int[] inputs, int[] shape, double scale) {
    public int size() {
        return Shapes.size(shape);
    }
}
