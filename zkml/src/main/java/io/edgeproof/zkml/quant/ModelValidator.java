package io.edgeproof.zkml.quant;

import io.edgeproof.zkml.graph.FloatKernels;
import io.edgeproof.zkml.graph.ModelException;
import io.edgeproof.zkml.graph.Shapes;
import java.util.Arrays;

/**
 * Structural checks of a decoded model, so that a hostile .epm can neither crash the engine nor break the
 * bounds the prover relies on: shapes agree with every layer's geometry, tables have their exact sizes and
 * ranges, indices stay in range, and every requantization keeps |acc * M| + 2^(s-1) below 2^62 for all
 * int16 inputs.
 */
final class ModelValidator {
    private static final long INT16 = 1 << 15;

    private ModelValidator() {}

    static void validate(QuantizedModel m) {
        Shapes.size(m.inputShape());
        for (int o : m.outputs()) {
            check(o >= 0 && o <= m.nodes().size(), "output " + o + " does not exist");
        }
        check(m.outputs().length > 0, "no outputs");
        for (int k = 0; k < m.nodes().size(); k++) {
            QNode n = m.nodes().get(k);
            try {
                Shapes.size(n.shape());
                node(m, n);
            } catch (ModelException e) {
                throw new ModelException("malformed .epm: node " + k + " ('" + n.name() + "'): " + e.getMessage(), e);
            }
        }
    }

    private static void node(QuantizedModel m, QNode n) {
        int[] ins = n.inputs();
        int arity = switch (n.layer()) {
            case QLayer.MatMul x -> 2;
            case QLayer.Add x -> 2;
            case QLayer.Mul x -> 2;
            case QLayer.Layout x -> Math.max(1, ins.length);
            default -> 1;
        };
        check(ins.length == arity, "expects " + arity + " inputs, has " + ins.length);
        int[] in = m.shapeOf(ins[0]);
        int inSize = Shapes.size(in);
        int size = n.size();
        switch (n.layer()) {
            case QLayer.Linear l -> {
                check(l.inFeatures() > 0 && l.outFeatures() > 0, "empty linear layer");
                check((long) l.inFeatures() * l.outFeatures() == l.weights().length && l.bias().length == l.outFeatures(), "weight sizes");
                check(inSize % l.inFeatures() == 0 && (long) inSize / l.inFeatures() * l.outFeatures() == size, "shapes");
                channels(l.rq(), l.outFeatures());
                for (int o = 0; o < l.outFeatures(); o++) {
                    bound(sumAbs(l.weights(), o * l.inFeatures(), l.inFeatures()) * INT16 + Math.abs(l.bias()[o]), l.rq(), o);
                }
            }
            case QLayer.Conv c -> conv(c, in, n.shape());
            case QLayer.MatMul mm -> {
                int[] b = m.shapeOf(ins[1]);
                check(in.length >= 2 && b.length >= 2 && in[in.length - 1] == b[b.length - 2], "operand shapes");
                int[] batch = Shapes.broadcast(Arrays.copyOf(in, in.length - 2), Arrays.copyOf(b, b.length - 2), "MatMul");
                int[] out = Arrays.copyOf(batch, batch.length + 2);
                out[batch.length] = in[in.length - 2];
                out[batch.length + 1] = b[b.length - 1];
                check(Arrays.equals(out, n.shape()), "output shape");
                bound((long) in[in.length - 1] * INT16 * INT16, mm.rq(), 0);
            }
            case QLayer.Add a -> {
                check(Arrays.equals(Shapes.broadcast(in, m.shapeOf(ins[1]), "Add"), n.shape()), "output shape");
                check(a.shift() >= 1 && a.shift() <= 62 && Math.abs(a.ma()) <= 1L << 40 && Math.abs(a.mb()) <= 1L << 40, "multipliers");
            }
            case QLayer.Mul mu -> {
                check(Arrays.equals(Shapes.broadcast(in, m.shapeOf(ins[1]), "Mul"), n.shape()), "output shape");
                bound(INT16 * INT16, mu.rq(), 0);
            }
            case QLayer.ScaleShift s -> {
                check(Arrays.equals(in, n.shape()), "shape changes");
                constant(s.scaleShape(), s.scale().length, n.shape());
                constant(s.shiftShape(), s.shift().length, n.shape());
                long maxB = 0;
                for (long b : s.shift()) {
                    check(Math.abs(b) < 1L << 47, "shift constant too large");
                    maxB = Math.max(maxB, Math.abs(b));
                }
                int16(s.scale());
                bound(maxAbs(s.scale()) * INT16 + maxB, s.rq(), 0);
                channels(s.rq(), 1);
            }
            case QLayer.Relu r -> check(inSize == size, "shape changes");
            case QLayer.Clip c -> check(inSize == size && c.lo() <= c.hi(), "bounds");
            case QLayer.PRelu p -> {
                check(inSize == size, "shape changes");
                constant(p.slopeShape(), p.slope().length, n.shape());
                int16(p.slope());
                bound(INT16 * INT16, p.rq(), 0);
            }
            case QLayer.MaxPool p -> pool(p.kernelH(), p.kernelW(), p.strides(), p.pads(), p.dilations(), in, n.shape());
            case QLayer.AvgPool p -> {
                pool(p.kernelH(), p.kernelW(), p.strides(), p.pads(), new int[] {1, 1}, in, n.shape());
                channels(p.rq(), p.kernelH() * p.kernelW());
                for (int c = 0; c < p.rq().channels(); c++) {
                    bound((c + 1L) * INT16, p.rq(), c);
                }
            }
            case QLayer.Lookup l -> {
                check(inSize == size && l.table().length == 2 * INT16, "table of " + l.table().length + " entries");
                int16(l.table());
            }
            case QLayer.Softmax s -> {
                check(Arrays.equals(in, n.shape()), "shape changes");
                check(s.axisFrom() >= 0 && s.axisFrom() < s.axisTo() && s.axisTo() <= in.length, "axes");
                check(s.expTable().length == INT16 + 1 && s.expTable()[(int) INT16] >= 1, "exp table");
                for (int e : s.expTable()) {
                    check(e >= 0 && e <= INT16, "exp table entry " + e);
                }
            }
            case QLayer.ReduceMean r -> {
                for (int i = 0; i < r.axes().length; i++) {
                    check(r.axes()[i] >= 0 && r.axes()[i] < in.length && (i == 0 || r.axes()[i] > r.axes()[i - 1]), "axes");
                }
                int out = FloatKernels.reducedSize(in, r.axes());
                check(out == size, "output shape");
                bound((long) (inSize / Math.max(1, out)) * INT16, r.rq(), 0);
            }
            case QLayer.Layout l -> {
                long total = 0;
                for (int i : ins) {
                    total += Shapes.size(m.shapeOf(i));
                }
                check(l.index().length == size && l.fill() >= Requant.LO && l.fill() <= Requant.HI, "index size or fill");
                for (int i : l.index()) {
                    check(i >= -1 && i < total, "index " + i + " out of range");
                }
            }
            case QLayer.Reshape r -> check(inSize == size, "reshape changes the size");
        }
    }

    private static void conv(QLayer.Conv c, int[] in, int[] out) {
        check(in.length == 4 && out.length == 4 && in[1] == c.inChannels() && out[1] == c.outChannels() && out[0] == in[0], "shapes");
        check(c.group() > 0 && c.inChannels() % c.group() == 0 && c.outChannels() % c.group() == 0, "group");
        int per = c.inChannels() / c.group() * c.kernelH() * c.kernelW();
        check((long) c.outChannels() * per == c.weights().length && c.bias().length == c.outChannels(), "weight sizes");
        pool(c.kernelH(), c.kernelW(), c.strides(), c.pads(), c.dilations(), new int[] {1, 1, in[2], in[3]},
                new int[] {1, 1, out[2], out[3]});
        channels(c.rq(), c.outChannels());
        for (int o = 0; o < c.outChannels(); o++) {
            bound(sumAbs(c.weights(), o * per, per) * INT16 + Math.abs(c.bias()[o]), c.rq(), o);
        }
    }

    /** Window geometry: positive sizes, sane pads, and an output no larger than the windows that fit. */
    private static void pool(int kh, int kw, int[] st, int[] pads, int[] dil, int[] in, int[] out) {
        check(st.length == 2 && pads.length == 4 && dil.length == 2, "window arrays");
        check(kh > 0 && kw > 0 && st[0] > 0 && st[1] > 0 && dil[0] > 0 && dil[1] > 0, "window sizes");
        for (int p : pads) {
            check(p >= 0 && p < 1 << 16, "padding");
        }
        check(in.length == 4 && out.length == 4 && in[0] == out[0] && in[1] == out[1], "shapes");
        check(windows(in[2], pads[0] + pads[2], (kh - 1L) * dil[0] + 1, st[0], out[2])
                && windows(in[3], pads[1] + pads[3], (kw - 1L) * dil[1] + 1, st[1], out[3]), "output size does not match the window");
    }

    /** The output length is the number of window positions, rounding down or (ceil mode) up. */
    private static boolean windows(long in, long pads, long span, long stride, long out) {
        long room = in + pads - span;
        if (room < 0) {
            return false;
        }
        return out == room / stride + 1 || out == (room + stride - 1) / stride + 1;
    }

    private static void constant(int[] shape, int length, int[] out) {
        check(Shapes.size(shape) == length, "constant size");
        check(Arrays.equals(Shapes.broadcast(out, shape, "constant"), out), "constant does not broadcast to the output");
    }

    private static void channels(Requant rq, int channels) {
        check(rq.channels() == 1 || rq.channels() == channels, "requantization has " + rq.channels() + " channels");
    }

    private static void bound(long accBound, Requant rq, int channel) {
        int c = rq.channels() == 1 ? 0 : channel;
        long m = rq.multipliers()[c];
        check(m == 0 || accBound <= (Requant.PRODUCT_BOUND >> 1) / m, "accumulator bound times multiplier exceeds 2^61");
    }

    private static void int16(int[] v) {
        for (int x : v) {
            check(x >= Requant.LO && x <= Requant.HI, "value " + x + " outside int16");
        }
    }

    private static long sumAbs(byte[] w, int from, int len) {
        long s = 0;
        for (int i = from; i < from + len; i++) {
            s += Math.abs(w[i]);
        }
        return s;
    }

    private static long maxAbs(int[] v) {
        long m = 0;
        for (int x : v) {
            m = Math.max(m, Math.abs((long) x));
        }
        return m;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new ModelException(what);
        }
    }
}
