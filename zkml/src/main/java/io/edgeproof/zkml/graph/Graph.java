package io.edgeproof.zkml.graph;

import java.util.List;

/**
 * A float model in topological order: value 0 is the input (per-sample shape {@code inputShape}), node k
 * produces value k + 1, {@code outputs} are the values the model returns.
 */
public record Graph(int[] inputShape, List<Node> nodes, int[] outputs) {
    public Graph {
        nodes = List.copyOf(nodes);
        for (int k = 0; k < nodes.size(); k++) {
            for (int in : nodes.get(k).inputs()) {
                if (in < 0 || in > k) {
                    throw new IllegalArgumentException("node " + k + " reads value " + in + " not yet computed");
                }
            }
        }
        for (int o : outputs) {
            if (o < 0 || o > nodes.size()) {
                throw new IllegalArgumentException("output value " + o + " does not exist");
            }
        }
    }

    public int[] shapeOf(int value) {
        return value == 0 ? inputShape : nodes.get(value - 1).shape();
    }

    public int inputSize() {
        return Shapes.size(inputShape);
    }

    /** Number of nodes reading each value (graph outputs count as readers). */
    public int[] consumers() {
        int[] c = new int[nodes.size() + 1];
        for (Node n : nodes) {
            for (int in : n.inputs()) {
                c[in]++;
            }
        }
        for (int o : outputs) {
            c[o]++;
        }
        return c;
    }

    /** Parameters (weights and biases) of the learned layers, for tables and benchmarks. */
    public long parameterCount() {
        long p = 0;
        for (Node n : nodes) {
            switch (n.layer()) {
                case Layer.Linear l -> p += l.weights().length + l.bias().length;
                case Layer.Conv c -> p += c.weights().length + c.bias().length;
                case Layer.ScaleShift s -> p += s.scale().size() + s.shift().size();
                default -> { }
            }
        }
        return p;
    }
}
