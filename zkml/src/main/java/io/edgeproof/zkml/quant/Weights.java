package io.edgeproof.zkml.quant;

import io.edgeproof.zkml.graph.Layer;
import io.edgeproof.zkml.graph.ModelException;
import io.edgeproof.zkml.graph.Tensor;

/**
 * Weight quantization: int8 symmetric per output channel for Linear/Conv (scale max|w| / 127), int16 per
 * tensor for element-wise constants; biases rounded at the accumulator scale s_x * s_w.
 */
final class Weights {
    static final int INT8_MAX = 127;
    private static final long INT16 = 1 << 15;
    /** Biases beyond this would only ever saturate the output; rejecting them keeps every bound small. */
    private static final double BIAS_LIMIT = 0x1p46;

    record Int16(int[] values, double scale) {}

    private Weights() {}

    static QLayer.Linear linear(Layer.Linear l, double sIn, double sOut) {
        int k = l.inFeatures();
        PerChannel q = perChannel(l.weights(), l.outFeatures(), k, l.bias(), sIn, sOut);
        return new QLayer.Linear(k, l.outFeatures(), q.weights, q.bias, q.rq);
    }

    static QLayer.Conv conv(Layer.Conv c, double sIn, double sOut) {
        int per = c.weights().length / c.outChannels();
        PerChannel q = perChannel(c.weights(), c.outChannels(), per, c.bias(), sIn, sOut);
        return new QLayer.Conv(c.inChannels(), c.outChannels(), c.kernelH(), c.kernelW(), c.strides(), c.pads(),
                c.dilations(), c.group(), q.weights, q.bias, q.rq);
    }

    private record PerChannel(byte[] weights, long[] bias, Requant rq) {}

    private static PerChannel perChannel(double[] w, int channels, int per, double[] bias, double sIn, double sOut) {
        byte[] q = new byte[w.length];
        long[] b = new long[channels];
        double[] m = new double[channels];
        long[] bound = new long[channels];
        for (int o = 0; o < channels; o++) {
            double max = 0;
            for (int i = 0; i < per; i++) {
                max = Math.max(max, Math.abs(w[o * per + i]));
            }
            double sw = max > 0 ? max / INT8_MAX : 1.0;
            long sumAbs = 0;
            for (int i = 0; i < per; i++) {
                int v = (int) Math.clamp(Math.floor(w[o * per + i] / sw + 0.5), -INT8_MAX, INT8_MAX);
                q[o * per + i] = (byte) v;
                sumAbs += Math.abs(v);
            }
            b[o] = roundBias(bias[o] / (sIn * sw));
            m[o] = sIn * sw / sOut;
            bound[o] = sumAbs * INT16 + Math.abs(b[o]);
        }
        return new PerChannel(q, b, Requant.choose(m, bound));
    }

    static QLayer.ScaleShift scaleShift(Layer.ScaleShift ss, double sIn, double sOut) {
        Int16 a = int16(ss.scale());
        double[] shift = ss.shift().values();
        long[] b = new long[shift.length];
        long maxB = 0;
        for (int i = 0; i < b.length; i++) {
            b[i] = roundBias(shift[i] / (sIn * a.scale()));
            maxB = Math.max(maxB, Math.abs(b[i]));
        }
        long maxA = 0;
        for (int v : a.values()) {
            maxA = Math.max(maxA, Math.abs(v));
        }
        Requant rq = Requant.single(sIn * a.scale() / sOut, maxA * INT16 + maxB);
        return new QLayer.ScaleShift(ss.scale().shape(), a.values(), ss.shift().shape(), b, rq);
    }

    /** Per-tensor symmetric int16: scale max|t| / 32767. */
    static Int16 int16(Tensor t) {
        double max = 0;
        for (double v : t.values()) {
            max = Math.max(max, Math.abs(v));
        }
        double s = max > 0 ? max / Requant.HI : 1.0;
        int[] q = new int[t.size()];
        for (int i = 0; i < q.length; i++) {
            q[i] = Requant.quantize(t.values()[i] / s);
        }
        return new Int16(q, s);
    }

    private static long roundBias(double v) {
        if (!(Math.abs(v) < BIAS_LIMIT)) {
            throw new ModelException("a bias is " + v + " times the accumulator scale; the layer's weights or inputs are degenerate");
        }
        return (long) Math.floor(v + 0.5);
    }
}
