package io.edgeproof.zkml.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeproof.zkml.quant.QLayer;
import io.edgeproof.zkml.quant.QNode;
import io.edgeproof.zkml.quant.QuantizedModel;
import io.edgeproof.zkml.quant.Requant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Pins the exact integer outputs of the optimised Linear and Conv kernels (blocked dot products, int
 * chunks, im2row, threads) to the specification's straightforward loops: acc = bias + sum of products in
 * long, y = rq(acc), on random shapes with strides, padding, dilation, groups, odd sizes and batches.
 */
class DenseKernelsReferenceTest {
    private static final int INT16 = 1 << 15;

    @Test
    void convMatchesTheReferenceLoopsOnRandomGeometries() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int trial = 0; trial < 60; trial++) {
            int group = 1 + rnd.nextInt(3);
            int cin = group * (1 + rnd.nextInt(trial < 50 ? 4 : 40));
            int cout = group * (1 + rnd.nextInt(trial < 50 ? 5 : 12));
            int kh = 1 + rnd.nextInt(4);
            int kw = 1 + rnd.nextInt(4);
            int[] strides = {1 + rnd.nextInt(3), 1 + rnd.nextInt(3)};
            int[] dil = {1 + rnd.nextInt(2), 1 + rnd.nextInt(2)};
            int[] pads = {rnd.nextInt(3), rnd.nextInt(3), rnd.nextInt(3), rnd.nextInt(3)};
            int h = (kh - 1) * dil[0] + 1 + rnd.nextInt(trial < 50 ? 9 : 20);
            int w = (kw - 1) * dil[1] + 1 + rnd.nextInt(trial < 50 ? 9 : 20);
            int oh = (h + pads[0] + pads[2] - (kh - 1) * dil[0] - 1) / strides[0] + 1;
            int ow = (w + pads[1] + pads[3] - (kw - 1) * dil[1] - 1) / strides[1] + 1;
            int per = cin / group * kh * kw;
            byte[] weights = weights(rnd, cout * per, trial % 7 == 0);
            long[] bias = bias(rnd, cout);
            Requant rq = requant(rnd, weights, per, bias);
            QLayer.Conv c = new QLayer.Conv(cin, cout, kh, kw, strides, pads, dil, group, weights, bias, rq);
            int batch = 1 + rnd.nextInt(3);
            int[] x = activations(rnd, batch * cin * h * w, trial % 5 == 0);
            int[] got = single(c, new int[] {1, cin, h, w}, new int[] {1, cout, oh, ow}).run(x, batch);
            assertThat(got).as("trial %d", trial).isEqualTo(referenceConv(c, x, batch, h, w, oh, ow));
        }
    }

    @Test
    void linearMatchesTheReferenceLoopsIncludingLongIntChunks() {
        SplittableRandom rnd = new SplittableRandom(12);
        for (int trial = 0; trial < 40; trial++) {
            int in = 1 + rnd.nextInt(trial < 30 ? 70 : 1500);
            int out = 1 + rnd.nextInt(trial < 30 ? 40 : 300);
            int rowsPerSample = 1 + rnd.nextInt(3);
            boolean extreme = trial % 4 == 0;
            byte[] weights = weights(rnd, in * out, extreme);
            long[] bias = bias(rnd, out);
            Requant rq = requant(rnd, weights, in, bias);
            QLayer.Linear l = new QLayer.Linear(in, out, weights, bias, rq);
            int batch = 1 + rnd.nextInt(3);
            int[] x = activations(rnd, batch * rowsPerSample * in, extreme);
            int[] got = single(l, new int[] {1, rowsPerSample, in}, new int[] {1, rowsPerSample, out}).run(x, batch);
            assertThat(got).as("trial %d", trial).isEqualTo(referenceLinear(l, x, batch * rowsPerSample));
        }
    }

    /** All weights -128 against all inputs -2^15: every product is +2^22, so int sums over K > 511 overflow. */
    @Test
    void worstCaseProductsDoNotOverflowTheIntChunks() {
        int in = 1300;
        byte[] weights = new byte[2 * in];
        java.util.Arrays.fill(weights, (byte) -128);
        long[] bias = {0, -5};
        QLayer.Linear l = new QLayer.Linear(in, 2, weights, bias, requant(new SplittableRandom(1), weights, in, bias));
        int[] x = new int[in];
        java.util.Arrays.fill(x, -INT16);
        assertThat(single(l, new int[] {1, in}, new int[] {1, 2}).run(x, 1)).isEqualTo(referenceLinear(l, x, 1));
    }

    private static IntegerEngine single(QLayer layer, int[] inShape, int[] outShape) {
        QNode node = new QNode("n", layer, new int[] {0}, outShape, 1.0);
        return new IntegerEngine(new QuantizedModel(inShape, 1.0, List.of(node), new int[] {1}));
    }

    private static int[] referenceConv(QLayer.Conv c, int[] x, int batch, int h, int w, int oh, int ow) {
        int cpg = c.inChannels() / c.group();
        int opg = c.outChannels() / c.group();
        int[] y = new int[batch * c.outChannels() * oh * ow];
        int i = 0;
        for (int b = 0; b < batch; b++) {
            for (int o = 0; o < c.outChannels(); o++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        long acc = c.bias()[o];
                        for (int ci = 0; ci < cpg; ci++) {
                            int channel = o / opg * cpg + ci;
                            for (int ky = 0; ky < c.kernelH(); ky++) {
                                for (int kx = 0; kx < c.kernelW(); kx++) {
                                    int iy = oy * c.strides()[0] - c.pads()[0] + ky * c.dilations()[0];
                                    int ix = ox * c.strides()[1] - c.pads()[1] + kx * c.dilations()[1];
                                    if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                                        long wv = c.weights()[((o * cpg + ci) * c.kernelH() + ky) * c.kernelW() + kx];
                                        acc += wv * x[((b * c.inChannels() + channel) * h + iy) * w + ix];
                                    }
                                }
                            }
                        }
                        y[i++] = c.rq().apply(acc, c.rq().channels() == 1 ? 0 : o);
                    }
                }
            }
        }
        return y;
    }

    private static int[] referenceLinear(QLayer.Linear l, int[] x, int rows) {
        int k = l.inFeatures();
        int n = l.outFeatures();
        int[] y = new int[rows * n];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < n; o++) {
                long acc = l.bias()[o];
                for (int t = 0; t < k; t++) {
                    acc += (long) x[r * k + t] * l.weights()[o * k + t];
                }
                y[r * n + o] = l.rq().apply(acc, l.rq().channels() == 1 ? 0 : o);
            }
        }
        return y;
    }

    /** Small random weights, or (extreme) only the int8 end points. */
    private static byte[] weights(SplittableRandom rnd, int n, boolean extreme) {
        byte[] w = new byte[n];
        for (int i = 0; i < n; i++) {
            w[i] = (byte) (extreme ? (rnd.nextBoolean() ? 127 : -128) : rnd.nextInt(-127, 128));
        }
        return w;
    }

    private static int[] activations(SplittableRandom rnd, int n, boolean extreme) {
        int[] x = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = extreme ? (rnd.nextBoolean() ? INT16 - 1 : -INT16) : rnd.nextInt(8) == 0 ? 0 : rnd.nextInt(-INT16, INT16);
        }
        return x;
    }

    private static long[] bias(SplittableRandom rnd, int n) {
        long[] b = new long[n];
        for (int i = 0; i < n; i++) {
            b[i] = rnd.nextLong(-(1L << 30), 1L << 30);
        }
        return b;
    }

    /** Per-channel (or, one time in three, a single) pair with the worst-case accumulator bound. */
    private static Requant requant(SplittableRandom rnd, byte[] weights, int k, long[] bias) {
        int channels = rnd.nextInt(3) == 0 ? 1 : bias.length;
        double[] m = new double[channels];
        long[] bound = new long[channels];
        for (int o = 0; o < bias.length; o++) {
            long sum = 0;
            for (int t = 0; t < k; t++) {
                sum += Math.abs(weights[o * k + t]);
            }
            int ch = channels == 1 ? 0 : o;
            bound[ch] = Math.max(bound[ch], sum * INT16 + Math.abs(bias[o]));
            m[ch] = 1.0 / Math.max(1, sum) * (0.5 + rnd.nextDouble());
        }
        return Requant.choose(m, bound);
    }
}
