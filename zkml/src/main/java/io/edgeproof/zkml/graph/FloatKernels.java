package io.edgeproof.zkml.graph;

import io.edgeproof.field.Parallel;

/**
 * Float (double) semantics of every {@link Layer}: the reference the quantizer calibrates against and the
 * evaluator of constant folding. Loops are sequential per output element so results are reproducible.
 */
public final class FloatKernels {
    private FloatKernels() {}

    /** Evaluates {@code layer} on inputs of the given shapes into a tensor of shape {@code out}. */
    public static double[] eval(Layer layer, double[][] in, int[][] inShapes, int[] out) {
        int n = Shapes.size(out);
        return switch (layer) {
            case Layer.Linear l -> linear(l, in[0], n / l.outFeatures());
            case Layer.Conv c -> conv(c, in[0], inShapes[0], out);
            case Layer.MatMul m -> matmul(in[0], inShapes[0], in[1], inShapes[1], out);
            case Layer.Binary b -> binary(b.op(), in[0], inShapes[0], in[1], inShapes[1], out);
            case Layer.ScaleShift s -> scaleShift(s, in[0], out);
            case Layer.Relu r -> map(in[0], x -> Math.max(x, 0.0));
            case Layer.Clip c -> map(in[0], x -> Math.min(Math.max(x, c.min()), c.max()));
            case Layer.PRelu p -> prelu(p, in[0], out);
            case Layer.MaxPool p -> pool(in[0], inShapes[0], out, p.kernelH(), p.kernelW(), p.strides(), p.pads(), p.dilations(), true, false);
            case Layer.AvgPool p -> pool(in[0], inShapes[0], out, p.kernelH(), p.kernelW(), p.strides(), p.pads(), new int[] {1, 1}, false, p.countIncludePad());
            case Layer.Elementwise e -> map(in[0], e.program()::eval);
            case Layer.Softmax s -> softmax(in[0], inShapes[0], s);
            case Layer.ReduceMean r -> reduceMean(in[0], inShapes[0], r);
            case Layer.Layout l -> IndexMaps.apply(l.index(), concat(in), l.fill());
            case Layer.Reshape r -> in[0].clone();
        };
    }

    private static double[] linear(Layer.Linear l, double[] x, int rows) {
        int k = l.inFeatures();
        int n = l.outFeatures();
        double[] w = l.weights();
        double[] y = new double[rows * n];
        Parallel.forRange(rows * n, 4096, (from, to) -> {
            for (int i = from; i < to; i++) {
                int r = i / n;
                int j = i % n;
                double s = l.bias()[j];
                for (int t = 0; t < k; t++) {
                    s += x[r * k + t] * w[j * k + t];
                }
                y[i] = s;
            }
        });
        return y;
    }

    private static double[] conv(Layer.Conv c, double[] x, int[] inShape, int[] out) {
        int batch = inShape[0];
        int cin = inShape[1];
        int h = inShape[2];
        int w = inShape[3];
        int oh = out[2];
        int ow = out[3];
        int cout = c.outChannels();
        int cpg = cin / c.group();
        int opg = cout / c.group();
        int kh = c.kernelH();
        int kw = c.kernelW();
        double[] y = new double[Shapes.size(out)];
        Parallel.forRange(batch * cout, 1, (from, to) -> {
            for (int bo = from; bo < to; bo++) {
                int b = bo / cout;
                int o = bo % cout;
                int g = o / opg;
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double s = c.bias()[o];
                        for (int ci = 0; ci < cpg; ci++) {
                            int ch = g * cpg + ci;
                            for (int ky = 0; ky < kh; ky++) {
                                int iy = oy * c.strides()[0] - c.pads()[0] + ky * c.dilations()[0];
                                if (iy < 0 || iy >= h) {
                                    continue;
                                }
                                for (int kx = 0; kx < kw; kx++) {
                                    int ix = ox * c.strides()[1] - c.pads()[1] + kx * c.dilations()[1];
                                    if (ix >= 0 && ix < w) {
                                        s += x[((b * cin + ch) * h + iy) * w + ix] * c.weights()[((o * cpg + ci) * kh + ky) * kw + kx];
                                    }
                                }
                            }
                        }
                        y[((b * cout + o) * oh + oy) * ow + ox] = s;
                    }
                }
            }
        });
        return y;
    }

    private static double[] matmul(double[] a, int[] as, double[] b, int[] bs, int[] out) {
        int rank = out.length;
        int m = out[rank - 2];
        int n = out[rank - 1];
        int k = as[as.length - 1];
        int[] batchOut = java.util.Arrays.copyOf(out, rank - 2);
        int[] aIdx = Shapes.broadcastIndex(batchOut, java.util.Arrays.copyOf(as, as.length - 2));
        int[] bIdx = Shapes.broadcastIndex(batchOut, java.util.Arrays.copyOf(bs, bs.length - 2));
        double[] y = new double[Shapes.size(out)];
        for (int p = 0; p < aIdx.length; p++) {
            int ao = aIdx[p] * m * k;
            int bo = bIdx[p] * k * n;
            int yo = p * m * n;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int t = 0; t < k; t++) {
                        s += a[ao + i * k + t] * b[bo + t * n + j];
                    }
                    y[yo + i * n + j] = s;
                }
            }
        }
        return y;
    }

    private static double[] binary(Layer.BinaryOp op, double[] a, int[] as, double[] b, int[] bs, int[] out) {
        int[] ai = Shapes.broadcastIndex(out, as);
        int[] bi = Shapes.broadcastIndex(out, bs);
        double[] y = new double[ai.length];
        for (int i = 0; i < y.length; i++) {
            double x = a[ai[i]];
            double z = b[bi[i]];
            y[i] = switch (op) {
                case ADD -> x + z;
                case SUB -> x - z;
                case MUL -> x * z;
            };
        }
        return y;
    }

    private static double[] scaleShift(Layer.ScaleShift s, double[] x, int[] out) {
        int[] si = Shapes.broadcastIndex(out, s.scale().shape());
        int[] bi = Shapes.broadcastIndex(out, s.shift().shape());
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = x[i] * s.scale().values()[si[i]] + s.shift().values()[bi[i]];
        }
        return y;
    }

    private static double[] prelu(Layer.PRelu p, double[] x, int[] out) {
        int[] si = Shapes.broadcastIndex(out, p.slope().shape());
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = x[i] >= 0 ? x[i] : x[i] * p.slope().values()[si[i]];
        }
        return y;
    }

    static double[] pool(double[] x, int[] inShape, int[] out, int kh, int kw, int[] strides, int[] pads,
                         int[] dil, boolean max, boolean countPad) {
        int planes = inShape[0] * inShape[1];
        int h = inShape[2];
        int w = inShape[3];
        int oh = out[2];
        int ow = out[3];
        double[] y = new double[Shapes.size(out)];
        for (int pl = 0; pl < planes; pl++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    double acc = max ? Double.NEGATIVE_INFINITY : 0;
                    int count = 0;
                    for (int ky = 0; ky < kh; ky++) {
                        int iy = oy * strides[0] - pads[0] + ky * dil[0];
                        for (int kx = 0; kx < kw; kx++) {
                            int ix = ox * strides[1] - pads[1] + kx * dil[1];
                            if (iy < 0 || iy >= h || ix < 0 || ix >= w) {
                                continue;
                            }
                            double v = x[(pl * h + iy) * w + ix];
                            acc = max ? Math.max(acc, v) : acc + v;
                            count++;
                        }
                    }
                    int div = countPad ? avgDivisor(oy, ox, kh, kw, strides, pads, h, w) : count;
                    y[(pl * oh + oy) * ow + ox] = max ? acc : (div == 0 ? 0 : acc / div);
                }
            }
        }
        return y;
    }

    /** Divisor of an average pool counting padding: the window clipped to the padded input. */
    public static int avgDivisor(int oy, int ox, int kh, int kw, int[] strides, int[] pads, int h, int w) {
        int y0 = oy * strides[0] - pads[0];
        int x0 = ox * strides[1] - pads[1];
        int y1 = Math.min(y0 + kh, h + pads[2]);
        int x1 = Math.min(x0 + kw, w + pads[3]);
        return (y1 - y0) * (x1 - x0);
    }

    private static double[] softmax(double[] x, int[] shape, Layer.Softmax s) {
        int outer = Shapes.product(shape, 0, s.axisFrom());
        int d = Shapes.product(shape, s.axisFrom(), s.axisTo());
        int inner = Shapes.product(shape, s.axisTo(), shape.length);
        double[] y = new double[x.length];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * d * inner + i;
                double m = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < d; j++) {
                    m = Math.max(m, x[base + j * inner]);
                }
                double z = 0;
                for (int j = 0; j < d; j++) {
                    double e = StrictMath.exp(x[base + j * inner] - m);
                    y[base + j * inner] = e;
                    z += e;
                }
                for (int j = 0; j < d; j++) {
                    y[base + j * inner] /= z;
                }
            }
        }
        return y;
    }

    private static double[] reduceMean(double[] x, int[] shape, Layer.ReduceMean r) {
        int[] map = reduceIndex(shape, r.axes());
        int count = x.length / Math.max(1, reducedSize(shape, r.axes()));
        double[] y = new double[reducedSize(shape, r.axes())];
        for (int i = 0; i < x.length; i++) {
            y[map[i]] += x[i];
        }
        for (int i = 0; i < y.length; i++) {
            y[i] /= count;
        }
        return y;
    }

    /** For each input element, the output element of a reduction over {@code axes} it adds into. */
    public static int[] reduceIndex(int[] shape, int[] axes) {
        int[] kept = shape.clone();
        for (int a : axes) {
            kept[a] = 1;
        }
        int[] strides = Shapes.strides(kept);
        for (int a : axes) {
            strides[a] = 0;
        }
        int n = Shapes.size(shape);
        int[] map = new int[n];
        int[] counter = new int[shape.length];
        for (int i = 0; i < n; i++) {
            int dst = 0;
            for (int d = 0; d < shape.length; d++) {
                dst += counter[d] * strides[d];
            }
            map[i] = dst;
            for (int d = shape.length - 1; d >= 0; d--) {
                if (++counter[d] < shape[d]) {
                    break;
                }
                counter[d] = 0;
            }
        }
        return map;
    }

    public static int reducedSize(int[] shape, int[] axes) {
        int[] kept = shape.clone();
        for (int a : axes) {
            kept[a] = 1;
        }
        return Shapes.size(kept);
    }

    static double[] concat(double[][] in) {
        if (in.length == 1) {
            return in[0];
        }
        int n = 0;
        for (double[] a : in) {
            n += a.length;
        }
        double[] all = new double[n];
        int p = 0;
        for (double[] a : in) {
            System.arraycopy(a, 0, all, p, a.length);
            p += a.length;
        }
        return all;
    }

    private static double[] map(double[] x, java.util.function.DoubleUnaryOperator f) {
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = f.applyAsDouble(x[i]);
        }
        return y;
    }
}
