package io.edgeproof.zkml.proof;

import io.edgeproof.zkml.quant.QLayer;
import io.edgeproof.zkml.quant.QNode;
import io.edgeproof.zkml.quant.QuantizedModel;
import io.edgeproof.zkml.quant.Requant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link ModelCircuit} from a quantized model: one step per Linear, Conv, Relu and MaxPool node,
 * and per element-wise or index-map node ({@link PointwiseBuilder}); Reshapes become free re-readings of
 * the same table (a dense layer after a flatten reads the spatial block with its weight columns laid out in
 * the tensor's padded order).
 * Anything else is refused with {@link NotProvableException} naming the node. The accumulator bounds and
 * the no-wrap condition are computed here, per output channel.
 */
final class CircuitBuilder {
    private final QuantizedModel model;
    private final List<ModelCircuit.Tensor> tensors = new ArrayList<>();
    private final List<ModelCircuit.Step> steps = new ArrayList<>();
    private final int[] tensorOfValue;
    private boolean inputFixed;
    private final PointwiseBuilder pointwise = new PointwiseBuilder(this);

    CircuitBuilder(QuantizedModel model) {
        this.model = model;
        this.tensorOfValue = new int[model.nodes().size() + 1];
        tensors.add(null); // the input's layout is fixed by its first consumer
    }

    ModelCircuit build() {
        for (int k = 0; k < model.nodes().size(); k++) {
            QNode node = model.nodes().get(k);
            if (reluBeforePool(k)) {
                // relu then max-pool = max-pool then relu (relu is monotone): the Relu runs on the pooled
                // tensor, a quarter of the range checks for a 2x2 pool; the engine's relu tensor is never formed
                QNode pool = model.nodes().get(k + 1);
                int pooled = maxPool(k + 1, pool, (QLayer.MaxPool) pool.layer(), tensorOfValue[node.inputs()[0]]);
                tensorOfValue[k + 2] = relu(k, pool, pooled);
                k++;
                continue;
            }
            boolean binary = node.layer() instanceof QLayer.Add || node.layer() instanceof QLayer.Mul
                    || node.layer() instanceof QLayer.MatMul;
            if (node.inputs().length != (binary ? 2 : 1)) {
                throw notProvable(k, node.layer().getClass().getSimpleName() + " of " + node.inputs().length + " inputs");
            }
            int in = tensorOfValue[node.inputs()[0]];
            tensorOfValue[k + 1] = switch (node.layer()) {
                // a Reshape keeps the engine's flat order: it re-reads the same table; the consumers that
                // depend on the layout (Linear rows, Conv and MaxPool windows) check it themselves
                case QLayer.Reshape r -> in;
                case QLayer.Linear l -> linear(k, l, in);
                case QLayer.Conv c -> conv(k, node, c, in);
                case QLayer.Relu r -> relu(k, node, in);
                case QLayer.MaxPool p -> maxPool(k, node, p, in);
                case QLayer.ScaleShift a -> pointwise.scaleShift(k, node, a, anyLayout(in));
                case QLayer.Add a -> pointwise.add(k, node, a, anyLayout(in), anyLayout(tensorOfValue[node.inputs()[1]]));
                case QLayer.Mul m -> pointwise.mul(k, node, m, anyLayout(in), anyLayout(tensorOfValue[node.inputs()[1]]));
                case QLayer.MatMul m -> pointwise.matmul(k, node, m, anyLayout(in), anyLayout(tensorOfValue[node.inputs()[1]]));
                case QLayer.AvgPool p -> pointwise.avgPool(k, node, p, anyLayout(in));
                case QLayer.ReduceMean r -> pointwise.reduceMean(k, node, r, anyLayout(in));
                case QLayer.Layout l -> pointwise.gather(k, node, l, anyLayout(in));
                case QLayer.Lookup l -> pointwise.lookup(k, l, anyLayout(in));
                case QLayer.Softmax s -> pointwise.softmax(k, node, s, in);
                default -> throw notProvable(k, node.layer().getClass().getSimpleName());
            };
        }
        int[] outs = new int[model.outputs().length];
        for (int i = 0; i < outs.length; i++) {
            outs[i] = tensorOfValue[model.outputs()[i]];
            if (outs[i] == 0) {
                throw new NotProvableException("not yet provable: model output " + i
                        + " is the input itself (no layer to prove)");
            }
        }
        return new ModelCircuit(tensors, steps, outs, model.inputSize());
    }

    /**
     * Whether node k is a Relu read only by the MaxPool at node k + 1 (not a model output), every window of
     * which holds at least one input position: then max(relu) = relu(max). An all-padding window would give
     * -2^15 in the engine but relu(-2^15) = 0 after the swap.
     */
    private boolean reluBeforePool(int k) {
        if (!(model.nodes().get(k).layer() instanceof QLayer.Relu) || k + 1 >= model.nodes().size()
                || !(model.nodes().get(k + 1).layer() instanceof QLayer.MaxPool p)) {
            return false;
        }
        for (int j = 0; j < model.nodes().size(); j++) {
            for (int v : model.nodes().get(j).inputs()) {
                if (v == k + 1 && j != k + 1) {
                    return false;
                }
            }
        }
        for (int v : model.outputs()) {
            if (v == k + 1) {
                return false;
            }
        }
        int[] in = model.shapeOf(k + 1);
        int[] out = model.nodes().get(k + 1).shape();
        if (in.length != 4 || out.length != 4) {
            return false;
        }
        return everyWindowReads(p.kernelH(), p.strides()[0], p.pads()[0], p.dilations()[0], in[2], out[2])
                && everyWindowReads(p.kernelW(), p.strides()[1], p.pads()[1], p.dilations()[1], in[3], out[3]);
    }

    /** Along one axis: every output position's window covers at least one position in [0, size). */
    private static boolean everyWindowReads(int kernel, int stride, int pad, int dilation, int size, int outputs) {
        for (int o = 0; o < outputs; o++) {
            boolean reads = false;
            for (int k = 0; k < kernel && !reads; k++) {
                int i = o * stride + k * dilation - pad;
                reads = i >= 0 && i < size;
            }
            if (!reads) {
                return false;
            }
        }
        return true;
    }

    NotProvableException notProvable(int k, String op) {
        return new NotProvableException("not yet provable: op " + op + " at node " + (k + 1) + " ("
                + model.nodes().get(k).name() + "); supported: Linear, Conv (group 1), Relu, MaxPool, AvgPool,"
                + " ReduceMean, ScaleShift, Add/Sub and Mul (one operand may broadcast), MatMul, Lookup, Softmax (last axis), Layout, Reshape");
    }

    QuantizedModel model() {
        return model;
    }

    /** Adds a tensor and the step producing it; returns the tensor. */
    int add(ModelCircuit.Tensor t, java.util.function.IntFunction<ModelCircuit.Step> step) {
        tensors.add(t);
        steps.add(step.apply(tensors.size() - 1));
        return tensors.size() - 1;
    }

    ModelCircuit.Tensor tensor(int id) {
        return tensors.get(id);
    }

    /** The tensor holding a model value (0 = the model input, k + 1 = node k). */
    int tensorOf(int value) {
        return tensorOfValue[value];
    }

    /**
     * The tensor of a value read by an op indifferent to layout (element-wise or through an explicit index
     * map); the model input, if still free, takes its natural layout.
     */
    private int anyLayout(int tensor) {
        if (tensor == 0 && !inputFixed) {
            tensors.set(0, natural(model.inputShape()));
            inputFixed = true;
        }
        return tensor;
    }

    /** Spatial [C, H, W] for a 4-D shape of batch 1, else rows of the last dimension. */
    static ModelCircuit.Tensor natural(int[] shape) {
        if (shape.length == 4 && shape[0] == 1) {
            return ModelCircuit.Tensor.spatial(shape[1], shape[2], shape[3]);
        }
        int last = shape.length == 0 ? 1 : shape[shape.length - 1];
        return ModelCircuit.Tensor.plain(io.edgeproof.zkml.graph.Shapes.size(shape) / last, last);
    }

    /** Fixes the input as a plain matrix on first use; later uses must agree. */
    void requireCols(int k, int tensor, int cols, String op) {
        if (tensor == 0 && !inputFixed) {
            if (cols <= 0 || model.inputSize() % cols != 0) {
                throw notProvable(k, op + " over " + cols + " columns of an input of " + model.inputSize());
            }
            tensors.set(0, ModelCircuit.Tensor.plain(model.inputSize() / cols, cols));
            inputFixed = true;
        } else if (tensors.get(tensor).isSpatial() || tensors.get(tensor).cols() != cols) {
            throw notProvable(k, op + " reading " + cols + " columns of a tensor laid out as " + tensors.get(tensor));
        }
    }

    /** The spatial layout of a window op's input, fixing the model input's on first use. */
    private ModelCircuit.Tensor spatialInput(int k, QNode node, int in, String op) {
        int[] shape = model.shapeOf(node.inputs()[0]);
        if (shape.length != 4 || shape[0] != 1) {
            throw notProvable(k, op + " over a tensor of shape " + java.util.Arrays.toString(shape));
        }
        ModelCircuit.Tensor want = ModelCircuit.Tensor.spatial(shape[1], shape[2], shape[3]);
        if (in == 0 && !inputFixed) {
            tensors.set(0, want);
            inputFixed = true;
        } else if (!tensors.get(in).equals(want)) {
            throw notProvable(k, op + " reading a tensor laid out as " + tensors.get(in));
        }
        return want;
    }

    private static ModelCircuit.Tensor spatialOutput(QNode node) {
        int[] s = node.shape();
        return ModelCircuit.Tensor.spatial(s[1], s[2], s[3]);
    }

    private int linear(int k, QLayer.Linear l, int in) {
        boolean flatten = in != 0 && tensors.get(in).isSpatial();
        if (flatten) {
            ModelCircuit.Tensor x = tensors.get(in);
            if (x.size() != l.inFeatures()) {
                throw notProvable(k, "Linear over " + l.inFeatures() + " features of a tensor of " + x.size());
            }
            tensors.add(ModelCircuit.Tensor.plain(1, l.outFeatures()));
        } else {
            requireCols(k, in, l.inFeatures(), "Linear");
            tensors.add(ModelCircuit.Tensor.plain(tensors.get(in).rowsPerSample(), l.outFeatures()));
        }
        return addLinear(k, in, l.inFeatures(), l.outFeatures(), l.weights(), l.bias(), l.rq(), null);
    }

    private int conv(int k, QNode node, QLayer.Conv c, int in) {
        if (c.group() != 1) {
            throw notProvable(k, "Conv with " + c.group() + " groups");
        }
        spatialInput(k, node, in, "Conv");
        tensors.add(spatialOutput(node));
        ModelCircuit.Window w = new ModelCircuit.Window(c.kernelH(), c.kernelW(), c.strides()[0], c.strides()[1],
                c.pads()[0], c.pads()[1], c.dilations()[0], c.dilations()[1]);
        if (!w.valid()) {
            throw notProvable(k, "Conv with window " + w);
        }
        return addLinear(k, in, c.inChannels() * w.size(), c.outChannels(), c.weights(), c.bias(), c.rq(), w);
    }

    private int addLinear(int k, int in, int terms, int n, byte[] weights, long[] bias, Requant rq,
                          ModelCircuit.Window window) {
        int out = tensors.size() - 1;
        long[] mult = new long[n];
        int[] shift = new int[n];
        int[] excess = new int[n];
        long[] bound = new long[n];
        for (int c = 0; c < n; c++) {
            int ch = rq.channels() == 1 ? 0 : c;
            mult[c] = rq.multipliers()[ch];
            shift[c] = rq.shifts()[ch];
            long sumAbs = 0;
            for (int i = 0; i < terms; i++) {
                sumAbs += Math.abs(weights[c * terms + i]);
            }
            bound[c] = (sumAbs << 15) + Math.abs(bias[c]);
            excess[c] = ModelCircuit.excessBits(bound[c], mult[c], shift[c]);
            if (!ModelCircuit.noWrap(bound[c], mult[c], shift[c], excess[c])) {
                throw new NotProvableException("not yet provable: " + (window == null ? "Linear" : "Conv")
                        + " at node " + (k + 1) + " channel " + c + ": the requantization relation could wrap around"
                        + " the field (M=" + mult[c] + ", s=" + shift[c] + ", |acc| <= " + bound[c] + ")");
            }
        }
        steps.add(new ModelCircuit.Linear(k, in, out, terms, n, mult, shift, excess, bound, window));
        return out;
    }

    private int relu(int k, QNode node, int in) {
        if (in == 0 && !inputFixed) {
            int[] shape = node.shape();
            requireCols(k, 0, shape.length == 0 ? 1 : shape[shape.length - 1], "Relu");
        }
        tensors.add(tensors.get(in));
        steps.add(new ModelCircuit.Relu(k, in, tensors.size() - 1));
        return tensors.size() - 1;
    }

    private int maxPool(int k, QNode node, QLayer.MaxPool p, int in) {
        ModelCircuit.Tensor x = spatialInput(k, node, in, "MaxPool");
        ModelCircuit.Tensor y = spatialOutput(node);
        ModelCircuit.Window w = new ModelCircuit.Window(p.kernelH(), p.kernelW(), p.strides()[0], p.strides()[1],
                p.pads()[0], p.pads()[1], p.dilations()[0], p.dilations()[1]);
        if (!w.valid() || w.size() > ModelCircuit.MaxPool.MAX_WINDOW || x.cols() != y.cols()) {
            throw notProvable(k, "MaxPool with window " + w + " (at most " + ModelCircuit.MaxPool.MAX_WINDOW
                    + " positions)");
        }
        tensors.add(y);
        steps.add(new ModelCircuit.MaxPool(k, in, tensors.size() - 1, w));
        return tensors.size() - 1;
    }
}
