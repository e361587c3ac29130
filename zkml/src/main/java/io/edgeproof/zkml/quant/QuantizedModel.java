package io.edgeproof.zkml.quant;

import io.edgeproof.zkml.graph.ModelException;
import io.edgeproof.zkml.graph.Shapes;
import java.util.List;

/**
 * A compiled model: the integer program the prover will prove. Real inputs map to int16 by
 * q = clamp(floor(x / inputScale + 1/2)); outputs map back by y * scale. With {@code rawInput} the input
 * scale is a sensor's resolution (a raw-scale model): a raw integer reading r stands for r * inputScale, its
 * quantization is r itself, and the proof's input is the raw reading (QUANTIZATION.md, "Raw readings").
 */
public record QuantizedModel(int[] inputShape, double inputScale, List<QNode> nodes, int[] outputs, boolean rawInput) {
    /** A model whose input scale was calibrated (no raw scale). */
    public QuantizedModel(int[] inputShape, double inputScale, List<QNode> nodes, int[] outputs) {
        this(inputShape, inputScale, nodes, outputs, false);
    }

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

    /**
     * The model's input for a raw sensor reading: the reading itself (quantizing r * inputScale gives r).
     * Throws {@link ModelException} for a model without a raw scale, a reading of the
     * wrong size, or a value outside int16: the proof's input is int16, and a wider ADC would need a proven
     * rescaling in front of the model.
     */
    public int[] rawReading(int[] raw) {
        if (!rawInput) {
            throw new ModelException("the model has no raw scale: compile or set it up with"
                    + " --raw-scale (the sensor's resolution) to take raw readings");
        }
        if (raw.length != inputSize()) {
            throw new ModelException("a reading of " + raw.length + " values, the model takes "
                    + inputSize());
        }
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] < Requant.LO || raw[i] > Requant.HI) {
                throw new ModelException("raw reading value " + raw[i] + " at " + i
                        + " is outside int16 [-32768, 32767]: the proof takes int16 inputs (a wider sensor needs a"
                        + " proven rescaling in front of the model, not supported)");
            }
        }
        return raw.clone();
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
