package io.edgeproof.zkml.quant;

import io.edgeproof.zkml.graph.Graph;
import io.edgeproof.zkml.graph.Layer;
import io.edgeproof.zkml.graph.ModelException;
import io.edgeproof.zkml.graph.Node;
import io.edgeproof.zkml.graph.ScalarProgram;
import io.edgeproof.zkml.graph.Shapes;
import io.edgeproof.zkml.graph.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a simplified float graph into a {@link QuantizedModel}: calibrates activation scales, quantizes
 * weights to int8 per output channel, and picks every requantization pair and lookup table. Deterministic:
 * only IEEE arithmetic and StrictMath, sequential per-element loops, no hashing order.
 */
public final class Quantizer {
    static final int INT16 = 1 << 15;

    private final Graph graph;
    private final double[] maxAbs;
    private final List<QNode> out = new ArrayList<>();
    private final int[] map;

    private Quantizer(Graph graph, double[] maxAbs) {
        this.graph = graph;
        this.maxAbs = maxAbs;
        this.map = new int[graph.nodes().size() + 1];
    }

    public static QuantizedModel quantize(Graph g, List<double[]> calibration) {
        return quantize(g, calibration, 0);
    }

    /**
     * As {@link #quantize(Graph, List)}; a {@code rawScale} > 0 (a sensor's resolution) fixes the input scale
     * instead of calibrating it, and marks the model as taking raw readings ({@link QuantizedModel#rawInput}).
     */
    public static QuantizedModel quantize(Graph g, List<double[]> calibration, double rawScale) {
        if (rawScale < 0 || !Double.isFinite(rawScale)) {
            throw new ModelException("a raw scale is a positive, finite resolution, not " + rawScale);
        }
        Quantizer q = new Quantizer(g, Calibration.maxAbs(g, calibration));
        double inputScale = rawScale > 0 ? rawScale : Calibration.scaleFor(q.maxAbs[0]);
        for (int k = 0; k < g.nodes().size(); k++) {
            q.translate(k, g.nodes().get(k), inputScale);
        }
        int[] outputs = new int[g.outputs().length];
        for (int i = 0; i < outputs.length; i++) {
            outputs[i] = q.map[g.outputs()[i]];
        }
        return new QuantizedModel(g.inputShape(), inputScale, q.out, outputs, rawScale > 0);
    }

    private double scale(int newValue, double inputScale) {
        return newValue == 0 ? inputScale : out.get(newValue - 1).scale();
    }

    private void translate(int k, Node n, double inputScale) {
        int[] ins = new int[n.inputs().length];
        double[] sIn = new double[ins.length];
        for (int i = 0; i < ins.length; i++) {
            ins[i] = map[n.inputs()[i]];
            sIn[i] = scale(ins[i], inputScale);
        }
        double calibrated = Calibration.scaleFor(maxAbs[k + 1]);
        double s = sIn.length > 0 ? sIn[0] : calibrated;
        QLayer layer = switch (n.layer()) {
            case Layer.Linear l -> Weights.linear(l, sIn[0], s = calibrated);
            case Layer.Conv c -> Weights.conv(c, sIn[0], s = calibrated);
            case Layer.MatMul m -> {
                int kDim = graph.shapeOf(n.inputs()[0])[graph.shapeOf(n.inputs()[0]).length - 1];
                s = calibrated;
                yield new QLayer.MatMul(Requant.single(sIn[0] * sIn[1] / s, (long) kDim * INT16 * INT16));
            }
            case Layer.Binary b -> binary(b.op(), sIn, s = calibrated);
            case Layer.ScaleShift ss -> Weights.scaleShift(ss, sIn[0], s = calibrated);
            case Layer.Relu r -> new QLayer.Relu();
            case Layer.Clip c -> new QLayer.Clip(Requant.quantize(c.min() / s), Requant.quantize(c.max() / s));
            case Layer.PRelu p -> prelu(p);
            case Layer.MaxPool p -> new QLayer.MaxPool(p.kernelH(), p.kernelW(), p.strides(), p.pads(), p.dilations());
            case Layer.AvgPool p -> avgPool(p);
            case Layer.Elementwise e -> new QLayer.Lookup(table(e.program(), sIn[0], s = calibrated));
            case Layer.Softmax sm -> {
                s = 1.0 / Requant.HI;
                yield new QLayer.Softmax(sm.axisFrom(), sm.axisTo(), expTable(sIn[0]));
            }
            case Layer.ReduceMean r -> {
                int count = Shapes.size(graph.shapeOf(n.inputs()[0])) / Math.max(1, n.size());
                s = calibrated;
                yield new QLayer.ReduceMean(r.axes(), r.keepDims(), Requant.single(sIn[0] / (count * s), (long) count * INT16));
            }
            case Layer.Layout l -> {
                s = max(sIn);
                for (int i = 0; i < ins.length; i++) {
                    ins[i] = rescaled(n, ins[i], sIn[i], s);
                }
                yield new QLayer.Layout(l.index(), Requant.quantize(l.fill() / s));
            }
            case Layer.Reshape r -> new QLayer.Reshape();
        };
        out.add(new QNode(n.name(), layer, ins, n.shape(), s));
        map[k + 1] = out.size();
    }

    private QLayer binary(Layer.BinaryOp op, double[] sIn, double s) {
        if (op == Layer.BinaryOp.MUL) {
            return new QLayer.Mul(Requant.single(sIn[0] * sIn[1] / s, (long) INT16 * INT16));
        }
        double ma = sIn[0] / s;
        double mb = sIn[1] / s;
        long[] pair = Requant.pair(Math.max(ma, mb), 2L * INT16);
        int shift = (int) pair[1];
        long a = Math.round(Math.scalb(ma, shift));
        long b = Math.round(Math.scalb(mb, shift));
        return new QLayer.Add(a, op == Layer.BinaryOp.SUB ? -b : b, shift);
    }

    private static QLayer prelu(Layer.PRelu p) {
        Weights.Int16 slope = Weights.int16(p.slope());
        return new QLayer.PRelu(p.slope().shape(), slope.values(), Requant.single(slope.scale(), (long) INT16 * INT16));
    }

    private static QLayer avgPool(Layer.AvgPool p) {
        int window = p.kernelH() * p.kernelW();
        double[] m = new double[window];
        long[] bound = new long[window];
        for (int c = 1; c <= window; c++) {
            m[c - 1] = 1.0 / c;
            bound[c - 1] = (long) c * INT16;
        }
        return new QLayer.AvgPool(p.kernelH(), p.kernelW(), p.strides(), p.pads(), p.countIncludePad(), Requant.choose(m, bound));
    }

    /** table[i] = round(f((i - 2^15) * sIn) / sOut) over the whole int16 domain. */
    static int[] table(ScalarProgram f, double sIn, double sOut) {
        int[] t = new int[2 * INT16];
        for (int i = 0; i < t.length; i++) {
            double y = f.eval((i - INT16) * sIn) / sOut;
            t[i] = Double.isNaN(y) ? 0 : Requant.quantize(y);
        }
        return t;
    }

    /** exp[j] = round(exp((j - 2^15) * s) * 2^15) for j in [0, 2^15]: differences to the row max, clamped at -2^15. */
    static int[] expTable(double s) {
        int[] t = new int[INT16 + 1];
        for (int j = 0; j <= INT16; j++) {
            t[j] = (int) Math.floor(StrictMath.exp((j - INT16) * s) * INT16 + 0.5);
        }
        return t;
    }

    /** Brings input {@code v} to scale {@code target} with a scalar scale/shift node, if it is not there already. */
    private int rescaled(Node n, int v, double from, double target) {
        if (from == target) {
            return v;
        }
        Tensor one = Tensor.scalar(Tensor.Type.FLOAT, 1);
        QLayer ss = Weights.scaleShift(new Layer.ScaleShift(one, Tensor.scalar(Tensor.Type.FLOAT, 0)), from, target);
        int[] shape = v == 0 ? graph.inputShape() : out.get(v - 1).shape();
        out.add(new QNode(n.name() + "/rescale", ss, new int[] {v}, shape, target));
        return out.size();
    }

    private static double max(double[] v) {
        double m = 0;
        for (double d : v) {
            m = Math.max(m, d);
        }
        if (m == 0) {
            throw new ModelException("layout node without inputs");
        }
        return m;
    }
}
