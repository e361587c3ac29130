package io.edgeproof.zkml.onnx;

import io.edgeproof.zkml.graph.Shapes;

/** Sliding-window geometry of Conv and pooling: strides, pads (top, left, bottom, right), dilations, output size. */
record Window(int kh, int kw, int[] strides, int[] pads, int[] dilations, int outH, int outW) {

    static Window of(NodeContext c, int[] in, int kh, int kw, boolean dilatable) {
        int[] strides = pair(c, "strides", 1);
        int[] dil = dilatable ? pair(c, "dilations", 1) : new int[] {1, 1};
        if (kh < 1 || kw < 1 || strides[0] < 1 || strides[1] < 1 || dil[0] < 1 || dil[1] < 1) {
            throw c.error("kernel, strides and dilations must be positive");
        }
        int h = in[2];
        int w = in[3];
        int effH = (kh - 1) * dil[0] + 1;
        int effW = (kw - 1) * dil[1] + 1;
        String autoPad = c.attrs().getString("auto_pad", "NOTSET");
        int[] pads = new int[4];
        boolean ceil = c.attrs().getInt("ceil_mode", 0) != 0;
        switch (autoPad) {
            case "NOTSET" -> {
                long[] p = c.attrs().getInts("pads");
                if (p != null) {
                    if (p.length != 4) {
                        throw c.error("pads must have 4 entries");
                    }
                    for (int i = 0; i < 4; i++) {
                        if (p[i] < 0 || p[i] > 1 << 16) {
                            throw c.error("absurd padding " + p[i]);
                        }
                        pads[i] = (int) p[i];
                    }
                }
            }
            case "VALID" -> { }
            case "SAME_UPPER", "SAME_LOWER" -> {
                boolean upper = autoPad.equals("SAME_UPPER");
                int[] total = {
                    Math.max(0, ((h + strides[0] - 1) / strides[0] - 1) * strides[0] + effH - h),
                    Math.max(0, ((w + strides[1] - 1) / strides[1] - 1) * strides[1] + effW - w)};
                for (int d = 0; d < 2; d++) {
                    int small = total[d] / 2;
                    pads[d] = upper ? small : total[d] - small;
                    pads[d + 2] = total[d] - pads[d];
                }
            }
            default -> throw c.error("unknown auto_pad '" + autoPad + "'");
        }
        int oh = outSize(h + pads[0] + pads[2], effH, strides[0], ceil, h + pads[0]);
        int ow = outSize(w + pads[1] + pads[3], effW, strides[1], ceil, w + pads[1]);
        if (oh <= 0 || ow <= 0) {
            throw c.error("window larger than the padded input " + Shapes.format(in));
        }
        return new Window(kh, kw, strides, pads, dil, oh, ow);
    }

    private static int outSize(int padded, int eff, int stride, boolean ceil, int lastStartLimit) {
        int span = padded - eff;
        if (span < 0) {
            return 0;
        }
        int n = (ceil ? (span + stride - 1) / stride : span / stride) + 1;
        if (ceil && (n - 1) * stride >= lastStartLimit) {
            n--;
        }
        return n;
    }

    private static int[] pair(NodeContext c, String name, int dflt) {
        long[] v = c.attrs().getInts(name);
        if (v == null) {
            return new int[] {dflt, dflt};
        }
        if (v.length != 2 || v[0] > 1 << 16 || v[1] > 1 << 16) {
            throw c.error(name + " must have 2 sensible entries");
        }
        return new int[] {(int) v[0], (int) v[1]};
    }
}
