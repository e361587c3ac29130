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
                    windows(c, x, xOff, cpg, h, wd, outShape[2], outShape[3], patches, columns ? 1 : kk, columns ? p : 1);
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

    /**
     * Window element r = (ci, ky, kx) of output position j = (oy, ox), i.e. x[ci][oy*sy - pt + ky*dy][ox*sx -
     * pl + kx*dx] or zero outside, goes to out[j * jStride + r * rStride]: im2row (jStride = K, rStride = 1)
     * or im2col (jStride = 1, rStride = P). Per (oy, r) the in-bounds ox form one range (found once per kx),
     * copied without tests;
     * oy outermost keeps the im2row writes within a few KB.
     */
    private static void windows(QLayer.Conv c, int[] x, int xOff, int cpg, int h, int w, int oh, int ow, int[] out,
                                int jStride, int rStride) {
        int kh = c.kernelH();
        int kw = c.kernelW();
        int sy = c.strides()[0];
        int sx = c.strides()[1];
        int pt = c.pads()[0];
        int[] shift = new int[kw];
        int[] lo = new int[kw];
        int[] hi = new int[kw];
        for (int kx = 0; kx < kw; kx++) {
            shift[kx] = kx * c.dilations()[1] - c.pads()[1];
            lo[kx] = Math.clamp(Math.ceilDiv(-shift[kx], sx), 0, ow);
            hi[kx] = Math.clamp(Math.ceilDiv(w - shift[kx], sx), lo[kx], ow);
        }
        for (int oy = 0; oy < oh; oy++) {
            int r = 0;
            for (int ci = 0; ci < cpg; ci++) {
                for (int ky = 0; ky < kh; ky++) {
                    int iy = oy * sy - pt + ky * c.dilations()[0];
                    boolean inside = iy >= 0 && iy < h;
                    int row = xOff + (ci * h + iy) * w;
                    for (int kx = 0; kx < kw; kx++, r++) {
                        int from = inside ? lo[kx] : ow;
                        int to = inside ? hi[kx] : ow;
                        int dst = oy * ow * jStride + r * rStride;
                        int ox = 0;
                        for (; ox < from; ox++) {
                            out[dst + ox * jStride] = 0;
                        }
                        for (int src = row + shift[kx]; ox < to; ox++) {
                            out[dst + ox * jStride] = x[src + ox * sx];
                        }
                        for (; ox < ow; ox++) {
                            out[dst + ox * jStride] = 0;
                        }
                    }
                }
            }
        }
    }
}
