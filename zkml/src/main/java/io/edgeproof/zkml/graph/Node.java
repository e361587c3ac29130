package io.edgeproof.zkml.graph;

/**
 * One operation of a {@link Graph}: its ONNX node name (for messages), what it computes, the values it reads
 * (0 is the model input, k + 1 the output of node k) and the per-sample shape of its output.
 */
public record Node(String name, Layer layer, int[] inputs, int[] shape) {
    public int size() {
        return Shapes.size(shape);
    }
}
