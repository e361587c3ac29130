package io.edgeproof.zkml.engine;

import io.edgeproof.zkml.graph.FloatKernels;
import io.edgeproof.zkml.graph.Shapes;
import io.edgeproof.zkml.quant.QLayer;
import io.edgeproof.zkml.quant.Requant;
import java.util.Arrays;

/** Pooling, softmax, mean and the activation-by-activation matrix product. */
final class ReduceKernels {
    private static final int OFFSET = 1 << 15;

    private ReduceKernels() {}

    static Kernel maxPool(QLayer.MaxPool p, int[] inShape, int[] outShape) {
        return (in, batch) -> pool(in[0], batch, inShape, outShape, p.kernelH(), p.kernelW(), p.strides(), p.pads(),
                p.dilations(), null, false);
    }

    static Kernel avgPool(QLayer.AvgPool p, int[] inShape, int[] outShape) {
        return (in, batch) -> pool(in[0], batch, inShape, outShape, p.kernelH(), p.kernelW(), p.strides(), p.pads(),
                new int[] {1, 1}, p.rq(), p.countIncludePad());
    }

    /** Max (rq == null) or requantized sum with divisor c = window count (valid or incl. padding). */
    private static int[] pool(int[] x, int batch, int[] inShape, int[] outShape, int kh, int kw, int[] st, int[] pads,
                              int[] dil, Requant rq, boolean countPad) {
        int planes = batch * inShape[0] * inShape[1];
        int h = inShape[2];
        int w = inShape[3];
        int oh = outShape[2];
        int ow = outShape[3];
        int[] y = new int[planes * oh * ow];
        for (int pl = 0; pl < planes; pl++) {
            int base = pl * h * w;
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    long acc = 0;
                    int max = Integer.MIN_VALUE;
                    int count = 0;
                    for (int ky = 0; ky < kh; ky++) {
                        int iy = oy * st[0] - pads[0] + ky * dil[0];
                        if (iy < 0 || iy >= h) {
                            continue;
                        }
                        for (int kx = 0; kx < kw; kx++) {
                            int ix = ox * st[1] - pads[1] + kx * dil[1];
                            if (ix >= 0 && ix < w) {
                                int v = x[base + iy * w + ix];
                                max = Math.max(max, v);
                                acc += v;
                                count++;
                            }
                        }
                    }
                    int out;
                    if (rq == null) {
                        out = count == 0 ? Requant.LO : max;
                    } else {
                        int div = countPad ? FloatKernels.avgDivisor(oy, ox, kh, kw, st, pads, h, w) : count;
                        out = div == 0 ? 0 : rq.apply(acc, div - 1);
                    }
                    y[(pl * oh + oy) * ow + ox] = out;
                }
            }
        }
        return y;
    }

    static Kernel softmax(QLayer.Softmax s, int[] shape) {
        int outer = Shapes.product(shape, 0, s.axisFrom());
        int d = Shapes.product(shape, s.axisFrom(), s.axisTo());
        int inner = Shapes.product(shape, s.axisTo(), shape.length);
        int[] exp = s.expTable();
        return (in, batch) -> {
            int[] x = in[0];
            int[] y = new int[x.length];
            long[] e = new long[d];
            for (int o = 0; o < batch * outer; o++) {
                for (int i = 0; i < inner; i++) {
                    int base = o * d * inner + i;
                    int m = Integer.MIN_VALUE;
                    for (int j = 0; j < d; j++) {
                        m = Math.max(m, x[base + j * inner]);
                    }
                    long z = 0;
                    for (int j = 0; j < d; j++) {
                        e[j] = exp[Math.max(x[base + j * inner] - m, -OFFSET) + OFFSET];
                        z += e[j];
                    }
                    for (int j = 0; j < d; j++) {
                        y[base + j * inner] = (int) ((2L * Requant.HI * e[j] + z) / (2 * z));
                    }
                }
            }
            return y;
        };
    }

    static Kernel reduceMean(QLayer.ReduceMean r, int[] inShape) {
        int[] map = FloatKernels.reduceIndex(inShape, r.axes());
        int outSize = FloatKernels.reducedSize(inShape, r.axes());
        int inSize = map.length;
        return (in, batch) -> {
            long[] acc = new long[batch * outSize];
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < inSize; i++) {
                    acc[b * outSize + map[i]] += in[0][b * inSize + i];
                }
            }
            int[] y = new int[acc.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = r.rq().apply(acc[i], 0);
            }
            return y;
        };
    }

    static Kernel matmul(QLayer.MatMul mm, int[] as, int[] bs, int[] out) {
        int rank = out.length;
        int m = out[rank - 2];
        int n = out[rank - 1];
        int k = as[as.length - 1];
        int[] batchOut = Arrays.copyOf(out, rank - 2);
        int[] ai = Shapes.broadcastIndex(batchOut, Arrays.copyOf(as, as.length - 2));
        int[] bi = Shapes.broadcastIndex(batchOut, Arrays.copyOf(bs, bs.length - 2));
        int aSize = Shapes.size(as);
        int bSize = Shapes.size(bs);
        int ySize = Shapes.size(out);
        return (in, batch) -> {
            int[] y = new int[batch * ySize];
            long[] acc = new long[n];
            for (int s = 0; s < batch; s++) {
                for (int p = 0; p < ai.length; p++) {
                    int ao = s * aSize + ai[p] * m * k;
                    int bo = s * bSize + bi[p] * k * n;
                    int yo = s * ySize + p * m * n;
                    for (int i = 0; i < m; i++) {
                        Arrays.fill(acc, 0);
                        for (int t = 0; t < k; t++) {
                            long av = in[0][ao + i * k + t];
                            int br = bo + t * n;
                            for (int j = 0; j < n; j++) {
                                acc[j] += av * in[1][br + j];
                            }
                        }
                        for (int j = 0; j < n; j++) {
                            y[yo + i * n + j] = mm.rq().apply(acc[j], 0);
                        }
                    }
                }
            }
            return y;
        };
    }
}
