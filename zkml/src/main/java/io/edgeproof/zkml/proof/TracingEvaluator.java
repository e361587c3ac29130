package io.edgeproof.zkml.proof;

import io.edgeproof.zkml.graph.ModelException;
import io.edgeproof.zkml.quant.QLayer;
import io.edgeproof.zkml.quant.QuantizedModel;
import io.edgeproof.zkml.quant.Requant;

/**
 * Recomputes a model step by step from the integer semantics of QUANTIZATION.md, keeping every value a
 * constraint needs: each tensor, and for each Linear the requantization quotient t and remainder r of
 * acc M + 2^(s-1) = t 2^s + r. Its tensors are bit-identical to {@code IntegerEngine}'s (tested); it is a
 * separate, straightforward evaluator so the prover does not depend on the engine's optimised kernels.
 */
final class TracingEvaluator {
    /**
     * Per output element of one Linear or Conv step, in the engine's order: the dot product (acc minus
     * bias), the requantization quotient t and remainder r.
     */
    record LinearTrace(long[] dot, long[] quotient, long[] remainder) {}

    /** Tensor values (tensor 0 the input), unpadded, in the engine's order; Linear/Conv traces by step index. */
    record Trace(int batch, int[][] tensors, LinearTrace[] linear) {}

    private TracingEvaluator() {}

    static Trace run(ModelCircuit circuit, QuantizedModel model, int[] input, int batch, WitnessTamper tamper) {
        if (batch < 1 || input.length != (long) batch * circuit.inputSize()) {
            throw new ModelException("input holds " + input.length + " values, expected " + batch + " x "
                    + circuit.inputSize());
        }
        for (int v : input) {
            if (v < Requant.LO || v > Requant.HI) {
                throw new ModelException("quantized input value " + v + " outside the int16 range");
            }
        }
        int[][] tensors = new int[circuit.tensors().size()][];
        tensors[0] = input;
        LinearTrace[] traces = new LinearTrace[circuit.steps().size()];
        for (int s = 0; s < circuit.steps().size(); s++) {
            switch (circuit.steps().get(s)) {
                case ModelCircuit.Linear l -> {
                    QLayer layer = model.nodes().get(l.node()).layer();
                    traces[s] = l.isConv()
                            ? conv(l, (QLayer.Conv) layer, circuit, tensors[l.input()], batch, tamper.convPadding(s))
                            : linear(l, (QLayer.Linear) layer, tensors[l.input()]);
                    tensors[l.output()] = clamp(traces[s].quotient());
                }
                case ModelCircuit.Relu r -> tensors[r.output()] = relu(tensors[r.input()]);
                case ModelCircuit.MaxPool p -> tensors[p.output()] = maxPool(p, circuit, tensors[p.input()], batch);
                case RequantStep q -> {
                    traces[s] = requant(q, circuit, tensors, batch);
                    tensors[q.output()] = clamp(traces[s].quotient());
                }
                case GatherStep g -> tensors[g.output()] = gather(g, tensors[g.input()], batch);
                case TableStep t -> tensors[t.output()] = lookup(t, tensors[t.input()]);
                case SoftmaxStep x -> tensors[x.output()] = softmax(x, tensors[x.input()]);
            }
            tamper.afterStep(s, tensors, traces[s]);
        }
        return new Trace(batch, tensors, traces);
    }

    private static LinearTrace linear(ModelCircuit.Linear l, QLayer.Linear layer, int[] x) {
        int k = l.in();
        int rows = x.length / k;
        byte[] w = layer.weights();
        long[] dot = new long[rows * l.out()];
        for (int i = 0; i < rows; i++) {
            for (int c = 0; c < l.out(); c++) {
                long acc = 0;
                for (int j = 0; j < k; j++) {
                    acc += (long) x[i * k + j] * w[c * k + j];
                }
                dot[i * l.out() + c] = acc;
            }
        }
        return requantize(l, dot, layer.bias(), 1);
    }

    /** Direct convolution over NCHW samples; positions outside the input read {@code padding} (0 honestly). */
    private static LinearTrace conv(ModelCircuit.Linear l, QLayer.Conv layer, ModelCircuit circuit, int[] x, int batch,
                                    int padding) {
        ModelCircuit.Tensor in = circuit.tensor(l.input());
        ModelCircuit.Tensor out = circuit.tensor(l.output());
        ModelCircuit.Window win = l.window();
        int plane = out.height() * out.width();
        byte[] w = layer.weights();
        long[] dot = new long[batch * out.size()];
        for (int b = 0; b < batch; b++) {
            int xo = b * in.size();
            for (int o = 0; o < l.out(); o++) {
                for (int oy = 0; oy < out.height(); oy++) {
                    for (int ox = 0; ox < out.width(); ox++) {
                        long acc = 0;
                        int t = o * l.in();
                        for (int c = 0; c < in.cols(); c++) {
                            for (int ky = 0; ky < win.kernelH(); ky++) {
                                int iy = win.inputY(oy, ky);
                                for (int kx = 0; kx < win.kernelW(); kx++, t++) {
                                    int ix = win.inputX(ox, kx);
                                    boolean inside = iy >= 0 && iy < in.height() && ix >= 0 && ix < in.width();
                                    int v = inside ? x[xo + (c * in.height() + iy) * in.width() + ix] : padding;
                                    acc += (long) v * w[t];
                                }
                            }
                        }
                        dot[b * out.size() + o * plane + oy * out.width() + ox] = acc;
                    }
                }
            }
        }
        return requantize(l, dot, layer.bias(), plane);
    }

    /** t and r of (bias + dot) M + 2^(s-1) = t 2^s + r, channel of element i = (i / perChannel) mod out. */
    private static LinearTrace requantize(ModelCircuit.Linear l, long[] dot, long[] bias, int perChannel) {
        long[] t = new long[dot.length];
        long[] r = new long[dot.length];
        for (int i = 0; i < dot.length; i++) {
            int c = (i / perChannel) % l.out();
            int s = l.shifts()[c];
            long shifted = (dot[i] + bias[c]) * l.multipliers()[c] + (1L << (s - 1));
            t[i] = shifted >> s;
            r[i] = shifted - (t[i] << s);
        }
        return new LinearTrace(dot, t, r);
    }

    /** acc per element of an element-wise requant step (its constants per sample), then t and r. */
    private static LinearTrace requant(RequantStep q, ModelCircuit circuit, int[][] tensors, int batch) {
        int n = q.ca().length;
        int[] x = tensors[q.input()];
        int[] x2 = q.broadcast() ? broadcast(q, tensors[q.input2()], batch) : q.hasSecondInput() ? tensors[q.input2()] : null;
        long[] acc = q.kind() == RequantStep.Kind.MATMUL
                ? MatMulCheck.dot(MatMulCheck.Geometry.of(circuit.tensors(), q.input(), q.input2(), q.output(), q.heads()), x,
                        tensors[q.input2()], batch)
                : new long[batch * n];
        if (q.kind() == RequantStep.Kind.POOL) {
            int inSize = x.length / batch;
            SparseMap map = q.map();
            for (int b = 0; b < batch; b++) {
                for (int k = 0; k < map.pairs(); k++) {
                    acc[b * n + map.out()[k]] += x[b * inSize + map.in()[k]];
                }
            }
        }
        long[] t = new long[acc.length];
        long[] r = new long[acc.length];
        for (int j = 0; j < acc.length; j++) {
            int i = j % n;
            acc[j] = switch (q.kind()) {
                case AFFINE -> q.ca()[i] * x[j] + q.offset()[i];
                case ADD -> q.ca()[i] * x[j] + q.cb()[i] * x2[j];
                case MUL -> q.ca()[i] * x[j] * x2[j];
                case POOL -> q.ca()[i] * acc[j] + q.offset()[i];
                case MATMUL -> q.ca()[i] * acc[j];
            };
            long shifted = acc[j] + (1L << (q.shift() - 1));
            t[j] = shifted >> q.shift();
            r[j] = shifted - (t[j] << q.shift());
        }
        return new LinearTrace(acc, t, r);
    }

    /** The second operand read through its broadcast map, per output element of every sample. */
    private static int[] broadcast(RequantStep q, int[] b, int batch) {
        int n = q.ca().length;
        int inSize = b.length / batch;
        int[] out = new int[batch * n];
        for (int s = 0; s < batch; s++) {
            for (int k = 0; k < q.map().pairs(); k++) {
                out[s * n + q.map().out()[k]] = b[s * inSize + q.map().in()[k]];
            }
        }
        return out;
    }

    private static int[] gather(GatherStep g, int[] x, int batch) {
        int n = g.index().length;
        int inSize = x.length / batch;
        int[] y = new int[batch * n];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < n; i++) {
                int idx = g.index()[i];
                y[b * n + i] = idx < 0 ? g.fill() : x[b * inSize + idx];
            }
        }
        return y;
    }

    /** Per row: m = max, e = E[max(x - m, -2^15) + 2^15], Z = sum e, y = floor((65534 e + Z) / 2Z). */
    private static int[] softmax(SoftmaxStep sm, int[] x) {
        int d = sm.rowLength();
        int[] y = new int[x.length];
        long[] e = new long[d];
        for (int base = 0; base < x.length; base += d) {
            int m = Integer.MIN_VALUE;
            for (int j = 0; j < d; j++) {
                m = Math.max(m, x[base + j]);
            }
            long z = 0;
            for (int j = 0; j < d; j++) {
                e[j] = sm.exp()[Math.max(x[base + j] - m, -SoftmaxStep.ONE) + SoftmaxStep.ONE];
                z += e[j];
            }
            for (int j = 0; j < d; j++) {
                y[base + j] = (int) ((SoftmaxStep.TWICE_MAX * e[j] + z) / (2 * z));
            }
        }
        return y;
    }

    private static int[] lookup(TableStep t, int[] x) {
        int[] y = new int[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = t.table()[x[i] + TableStep.OFFSET];
        }
        return y;
    }

    private static int[] maxPool(ModelCircuit.MaxPool p, ModelCircuit circuit, int[] x, int batch) {
        ModelCircuit.Tensor in = circuit.tensor(p.input());
        ModelCircuit.Tensor out = circuit.tensor(p.output());
        ModelCircuit.Window w = p.window();
        int[] m = new int[batch * out.size()];
        int i = 0;
        for (int plane = 0; plane < batch * out.cols(); plane++) {
            int base = plane * in.height() * in.width();
            for (int oy = 0; oy < out.height(); oy++) {
                for (int ox = 0; ox < out.width(); ox++) {
                    int max = Requant.LO; // the engine's value of a window with no element inside the input
                    for (int ky = 0; ky < w.kernelH(); ky++) {
                        int iy = w.inputY(oy, ky);
                        for (int kx = 0; kx < w.kernelW(); kx++) {
                            int ix = w.inputX(ox, kx);
                            if (iy >= 0 && iy < in.height() && ix >= 0 && ix < in.width()) {
                                max = Math.max(max, x[base + iy * in.width() + ix]);
                            }
                        }
                    }
                    m[i++] = max;
                }
            }
        }
        return m;
    }

    static int[] clamp(long[] t) {
        int[] y = new int[t.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = (int) Math.clamp(t[i], Requant.LO, Requant.HI);
        }
        return y;
    }

    private static int[] relu(int[] x) {
        int[] z = new int[x.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = Math.max(x[i], 0);
        }
        return z;
    }
}
