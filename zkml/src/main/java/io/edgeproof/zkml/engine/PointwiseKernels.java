package io.edgeproof.zkml.engine;

import io.edgeproof.zkml.graph.Shapes;
import io.edgeproof.zkml.quant.QLayer;
import io.edgeproof.zkml.quant.Requant;

/** Element-wise and data-movement nodes; broadcast index maps are computed once per node. */
final class PointwiseKernels {
    private static final int OFFSET = 1 << 15;

    private PointwiseKernels() {}

    static Kernel relu() {
        return (in, batch) -> {
            int[] x = in[0];
            int[] y = new int[x.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = Math.max(x[i], 0);
            }
            return y;
        };
    }

    static Kernel clip(QLayer.Clip c) {
        return (in, batch) -> {
            int[] x = in[0];
            int[] y = new int[x.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = Math.min(Math.max(x[i], c.lo()), c.hi());
            }
            return y;
        };
    }

    static Kernel lookup(QLayer.Lookup l) {
        int[] t = l.table();
        return (in, batch) -> {
            int[] x = in[0];
            int[] y = new int[x.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = t[x[i] + OFFSET];
            }
            return y;
        };
    }

    static Kernel prelu(QLayer.PRelu p, int[] shape) {
        int[] si = Shapes.broadcastIndex(shape, p.slopeShape());
        int n = si.length;
        return (in, batch) -> {
            int[] x = in[0];
            int[] y = new int[x.length];
            for (int i = 0; i < y.length; i++) {
                int v = x[i];
                y[i] = v >= 0 ? v : p.rq().apply((long) v * p.slope()[si[i % n]], 0);
            }
            return y;
        };
    }

    static Kernel scaleShift(QLayer.ScaleShift s, int[] shape) {
        int[] ai = Shapes.broadcastIndex(shape, s.scaleShape());
        int[] bi = Shapes.broadcastIndex(shape, s.shiftShape());
        int n = ai.length;
        return (in, batch) -> {
            int[] x = in[0];
            int[] y = new int[x.length];
            for (int b = 0; b < batch; b++) {
                int off = b * n;
                for (int i = 0; i < n; i++) {
                    long acc = (long) x[off + i] * s.scale()[ai[i]] + s.shift()[bi[i]];
                    y[off + i] = s.rq().apply(acc, 0);
                }
            }
            return y;
        };
    }

    /** Add/Sub: y = clamp((a * ma + b * mb + 2^(s-1)) >> s). */
    static Kernel add(QLayer.Add a, int[] aShape, int[] bShape, int[] shape) {
        int[] ai = Shapes.broadcastIndex(shape, aShape);
        int[] bi = Shapes.broadcastIndex(shape, bShape);
        int n = ai.length;
        int aSize = Shapes.size(aShape);
        int bSize = Shapes.size(bShape);
        long round = 1L << (a.shift() - 1);
        return (in, batch) -> {
            int[] y = new int[batch * n];
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < n; i++) {
                    long acc = in[0][b * aSize + ai[i]] * a.ma() + in[1][b * bSize + bi[i]] * a.mb() + round;
                    y[b * n + i] = (int) Math.clamp(acc >> a.shift(), Requant.LO, Requant.HI);
                }
            }
            return y;
        };
    }

    static Kernel mul(QLayer.Mul m, int[] aShape, int[] bShape, int[] shape) {
        int[] ai = Shapes.broadcastIndex(shape, aShape);
        int[] bi = Shapes.broadcastIndex(shape, bShape);
        int n = ai.length;
        int aSize = Shapes.size(aShape);
        int bSize = Shapes.size(bShape);
        return (in, batch) -> {
            int[] y = new int[batch * n];
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < n; i++) {
                    y[b * n + i] = m.rq().apply((long) in[0][b * aSize + ai[i]] * in[1][b * bSize + bi[i]], 0);
                }
            }
            return y;
        };
    }

    /** Gather over the inputs laid end to end; source input and offset decoded once. */
    static Kernel layout(QLayer.Layout l, int[] inSizes) {
        int n = l.index().length;
        int[] srcInput = new int[n];
        int[] srcOffset = new int[n];
        for (int i = 0; i < n; i++) {
            int idx = l.index()[i];
            int input = 0;
            while (idx >= 0 && idx >= inSizes[input]) {
                idx -= inSizes[input];
                input++;
            }
            srcInput[i] = input;
            srcOffset[i] = idx;
        }
        return (in, batch) -> {
            int[] y = new int[batch * n];
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < n; i++) {
                    int off = srcOffset[i];
                    y[b * n + i] = off < 0 ? l.fill() : in[srcInput[i]][b * inSizes[srcInput[i]] + off];
                }
            }
            return y;
        };
    }
}
