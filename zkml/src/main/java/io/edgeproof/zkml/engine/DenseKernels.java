package io.edgeproof.zkml.engine;

import io.edgeproof.zkml.quant.QLayer;
import io.edgeproof.zkml.quant.Requant;
import java.util.Arrays;

/** Linear and Conv, prepared once (weights widened to int, Linear weights transposed) and run through {@link MatrixKernel}. */
final class DenseKernels {
    private DenseKernels() {}

    static Kernel linear(QLayer.Linear l, int inSize) {
        int k = l.inFeatures();
        int n = l.outFeatures();
        int[] wt = new int[k * n];
        for (int o = 0; o < n; o++) {
            for (int t = 0; t < k; t++) {
                wt[t * n + o] = l.weights()[o * k + t];
            }
        }
        int rowsPerSample = inSize / k;
        return (in, batch) -> {
            int rows = rowsPerSample * batch;
            int[] y = new int[rows * n];
            MatrixKernel.run(new MatrixKernel.Product(in[0], 0, k, wt, 0, n, l.bias(), l.rq(), true, y, 0), rows);
            return y;
        };
    }

    static Kernel conv(QLayer.Conv c, int[] inShape, int[] outShape) {
        int[] w = new int[c.weights().length];
        for (int i = 0; i < w.length; i++) {
            w[i] = c.weights()[i];
        }
        int n = inShape[0];
        int cin = inShape[1];
        int h = inShape[2];
        int wd = inShape[3];
        int oh = outShape[2];
        int ow = outShape[3];
        int groups = c.group();
        int cpg = cin / groups;
        int opg = c.outChannels() / groups;
        int kk = cpg * c.kernelH() * c.kernelW();
        int p = oh * ow;
        int inPlane = cin * h * wd;
        int outPlane = c.outChannels() * p;
        return (in, batch) -> {
            int[] x = in[0];
            int[] y = new int[batch * n * outPlane];
            int[] col = new int[kk * p];
            for (int s = 0; s < batch * n; s++) {
                for (int g = 0; g < groups; g++) {
                    im2col(c, x, s * inPlane + g * cpg * h * wd, cpg, h, wd, oh, ow, col);
                    MatrixKernel.Product m = new MatrixKernel.Product(w, g * opg * kk, kk, col, 0, p,
                            slice(c.bias(), g * opg, opg), sliceRq(c, g * opg, opg), false, y, s * outPlane + g * opg * p);
                    MatrixKernel.run(m, opg);
                }
            }
            return y;
        };
    }

    private static long[] slice(long[] v, int from, int len) {
        return from == 0 && len == v.length ? v : Arrays.copyOfRange(v, from, from + len);
    }

    private static Requant sliceRq(QLayer.Conv c, int from, int len) {
        Requant rq = c.rq();
        if (rq.channels() == 1 || (from == 0 && len == rq.channels())) {
            return rq;
        }
        return new Requant(Arrays.copyOfRange(rq.multipliers(), from, from + len),
                Arrays.copyOfRange(rq.shifts(), from, from + len));
    }

    /** col[(ci, ky, kx)][(oy, ox)] = x[ci][oy*sy - pt + ky*dy][ox*sx - pl + kx*dx], zero outside. */
    private static void im2col(QLayer.Conv c, int[] x, int xOff, int cpg, int h, int w, int oh, int ow, int[] col) {
        int kh = c.kernelH();
        int kw = c.kernelW();
        int sy = c.strides()[0];
        int sx = c.strides()[1];
        int dy = c.dilations()[0];
        int dx = c.dilations()[1];
        int pt = c.pads()[0];
        int pl = c.pads()[1];
        int p = oh * ow;
        int r = 0;
        for (int ci = 0; ci < cpg; ci++) {
            int plane = xOff + ci * h * w;
            for (int ky = 0; ky < kh; ky++) {
                for (int kx = 0; kx < kw; kx++, r++) {
                    int base = r * p;
                    for (int oy = 0; oy < oh; oy++) {
                        int iy = oy * sy - pt + ky * dy;
                        int rowBase = base + oy * ow;
                        if (iy < 0 || iy >= h) {
                            Arrays.fill(col, rowBase, rowBase + ow, 0);
                            continue;
                        }
                        int src = plane + iy * w;
                        for (int ox = 0; ox < ow; ox++) {
                            int ix = ox * sx - pl + kx * dx;
                            col[rowBase + ox] = ix >= 0 && ix < w ? x[src + ix] : 0;
                        }
                    }
                }
            }
        }
    }
}
