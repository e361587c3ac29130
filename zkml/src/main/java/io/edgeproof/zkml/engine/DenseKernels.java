package io.edgeproof.zkml.engine;

import io.edgeproof.zkml.quant.QLayer;

/**
 * Linear and Conv, prepared once (weights widened to int rows of K terms, the safe int chunk found). Linear
 * and long-K Conv run through {@link DotKernel}, Conv laying each output position's window out as one
 * contiguous row (im2row); short-K Conv runs through {@link ColumnKernel} over the transposed layout (im2col).
 */
final class DenseKernels {
    private DenseKernels() {}

    static Kernel linear(QLayer.Linear l, int inSize) {
        int k = l.inFeatures();
        int n = l.outFeatures();
        int[] w = widen(l.weights());
        int chunk = DotKernel.safeChunk(l.weights(), k);
        int rowsPerSample = inSize / k;
        return (in, batch) -> {
            int rows = rowsPerSample * batch;
            int[] y = new int[rows * n];
            DotKernel.run(new DotKernel.Product(in[0], 0, w, 0, k, rows, n, chunk, l.bias(), l.rq(), 0, true, y, 0));
            return y;
        };
    }

    static Kernel conv(QLayer.Conv c, int[] inShape, int[] outShape) {
        int[] w = widen(c.weights());
        int n = inShape[0];
        int cin = inShape[1];
        int h = inShape[2];
        int wd = inShape[3];
        int p = outShape[2] * outShape[3];
        int groups = c.group();
        int cpg = cin / groups;
        int opg = c.outChannels() / groups;
        int kk = cpg * c.kernelH() * c.kernelW();
        int chunk = DotKernel.safeChunk(c.weights(), kk);
        int inPlane = cin * h * wd;
        int outPlane = c.outChannels() * p;
        boolean columns = kk < ColumnKernel.MAX_K;
        return (in, batch) -> {
            int[] x = in[0];
            int[] y = new int[batch * n * outPlane];
            int[] patches = new int[p * kk];
            for (int s = 0; s < batch * n; s++) {
                for (int g = 0; g < groups; g++) {
                    int xOff = s * inPlane + g * cpg * h * wd;
                    if (columns) {
                        im2col(c, x, xOff, cpg, h, wd, outShape[2], outShape[3], patches);
                    } else {
                        im2row(c, x, xOff, cpg, h, wd, outShape[3], p, patches);
                    }
                    DotKernel.Product prod = new DotKernel.Product(w, g * opg * kk, patches, 0, kk, opg, p, chunk, c.bias(),
                            c.rq(), g * opg, false, y, s * outPlane + g * opg * p);
                    if (columns) {
                        ColumnKernel.run(prod);
                    } else {
                        DotKernel.run(prod);
                    }
                }
            }
            return y;
        };
    }

    private static int[] widen(byte[] v) {
        int[] w = new int[v.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = v[i];
        }
        return w;
    }

    /** rows[(oy, ox)][(ci, ky, kx)] = x[ci][oy*sy - pt + ky*dy][ox*sx - pl + kx*dx], zero outside. */
    private static void im2row(QLayer.Conv c, int[] x, int xOff, int cpg, int h, int w, int ow, int p, int[] rows) {
        int kh = c.kernelH();
        int kw = c.kernelW();
        int sy = c.strides()[0];
        int sx = c.strides()[1];
        int dy = c.dilations()[0];
        int dx = c.dilations()[1];
        int r = 0;
        for (int j = 0; j < p; j++) {
            int iy0 = j / ow * sy - c.pads()[0];
            int ix0 = j % ow * sx - c.pads()[1];
            for (int ci = 0; ci < cpg; ci++) {
                int plane = xOff + ci * h * w;
                for (int ky = 0, iy = iy0; ky < kh; ky++, iy += dy) {
                    boolean rowInside = iy >= 0 && iy < h;
                    int src = plane + iy * w;
                    for (int kx = 0, ix = ix0; kx < kw; kx++, ix += dx, r++) {
                        rows[r] = rowInside && ix >= 0 && ix < w ? x[src + ix] : 0;
                    }
                }
            }
        }
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
                            java.util.Arrays.fill(col, rowBase, rowBase + ow, 0);
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
