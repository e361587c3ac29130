package io.edgeproof.zkml.quant;

import io.edgeproof.zkml.graph.Shapes;
import java.util.List;

/**
 * A compiled model: the integer program the prover will prove. Real inputs map to int16 by
 * q = clamp(floor(x / inputScale + 1/2)); outputs map back by y * scale.
 */
public record QuantizedModel(int[] inputShape, double inputScale, List<QNode> nodes, int[] outputs) {
    public QuantizedModel {
        nodes = List.copyOf(nodes);
        for (int k = 0; k < nodes.size(); k++) {
            for (int in : nodes.get(k).inputs()) {
                if (in < 0 || in > k) {
                    throw new IllegalArgumentException("node " + k + " reads value " + in + " not yet computed");
                }
            }
        }
    }

    public int inputSize() {
        return Shapes.size(inputShape);
    }

    public int[] shapeOf(int value) {
        return value == 0 ? inputShape : nodes.get(value - 1).shape();
    }

    public double scaleOf(int value) {
        return value == 0 ? inputScale : nodes.get(value - 1).scale();
    }

    /** Total output elements per sample (outputs concatenated). */
    public int outputSize() {
        int n = 0;
        for (int o : outputs) {
            n += Shapes.size(shapeOf(o));
        }
        return n;
    }

    public int[] quantizeInput(double[] x) {
        int[] q = new int[x.length];
        for (int i = 0; i < q.length; i++) {
            q[i] = Requant.quantize(x[i] / inputScale);
        }
        return q;
    }

    /** Real outputs of one sample from the integer outputs (concatenated in output order). */
    public double[] dequantize(int[] y) {
        double[] out = new double[y.length];
        int p = 0;
        for (int o : outputs) {
            double s = scaleOf(o);
            int n = Shapes.size(shapeOf(o));
            for (int i = 0; i < n; i++, p++) {
                out[p] = y[p] * s;
            }
        }
        return out;
    }

    public long parameterCount() {
        long p = 0;
        for (QNode n : nodes) {
            switch (n.layer()) {
                case QLayer.Linear l -> p += l.weights().length + l.bias().length;
                case QLayer.Conv c -> p += c.weights().length + c.bias().length;
                default -> { }
            }
        }
        return p;
    }
}
