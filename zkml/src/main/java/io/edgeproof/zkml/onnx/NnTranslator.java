package io.edgeproof.zkml.onnx;

import io.edgeproof.zkml.graph.Layer;
import io.edgeproof.zkml.graph.ScalarProgram;
import io.edgeproof.zkml.graph.Shapes;
import io.edgeproof.zkml.graph.Tensor;
import java.util.Arrays;
import java.util.List;

/** Learned and reducing layers: Gemm, MatMul, Conv, BatchNorm, pools, Softmax, LayerNorm, ReduceMean/Sum. */
final class NnTranslator {
    private NnTranslator() {}

    static boolean handles(String op) {
        return switch (op) {
            case "Gemm", "MatMul", "Conv", "BatchNormalization", "MaxPool", "AveragePool", "GlobalAveragePool",
                 "GlobalMaxPool", "Softmax", "LayerNormalization", "ReduceMean", "ReduceSum" -> true;
            default -> false;
        };
    }

    static Value translate(NodeContext c) {
        return switch (c.op()) {
            case "Gemm" -> gemm(c);
            case "MatMul" -> matmul(c);
            case "Conv" -> conv(c);
            case "BatchNormalization" -> batchNorm(c);
            case "MaxPool", "AveragePool" -> pool(c);
            case "GlobalAveragePool", "GlobalMaxPool" -> globalPool(c);
            case "Softmax" -> softmax(c);
            case "LayerNormalization" -> layerNorm(c);
            case "ReduceMean", "ReduceSum" -> reduce(c);
            default -> throw new IllegalStateException(c.op());
        };
    }

    private static Value gemm(NodeContext c) {
        Value a = c.required(0);
        if (a.shape().length != 2) {
            throw c.error("input A must be 2-D, got " + Shapes.format(a.shape()));
        }
        if (c.attrs().getInt("transA", 0) != 0) {
            throw c.error("transA=1 on a computed input is not supported");
        }
        Tensor b = c.constant(1, "weights B");
        if (b.rank() != 2) {
            throw c.error("B must be 2-D");
        }
        boolean transB = c.attrs().getInt("transB", 0) != 0;
        double alpha = c.attrs().getFloat("alpha", 1.0);
        double beta = c.attrs().getFloat("beta", 1.0);
        int k = transB ? b.shape()[1] : b.shape()[0];
        int n = transB ? b.shape()[0] : b.shape()[1];
        if (a.shape()[1] != k) {
            throw c.error("A has " + a.shape()[1] + " columns, B has " + k + " rows");
        }
        double[] w = new double[n * k];
        for (int j = 0; j < n; j++) {
            for (int t = 0; t < k; t++) {
                w[j * k + t] = alpha * (transB ? b.values()[j * k + t] : b.values()[t * n + j]);
            }
        }
        double[] bias = new double[n];
        Tensor cT = c.optionalConstant(2, "bias C");
        if (cT != null) {
            int[] ci = biasIndex(c, cT, n);
            for (int j = 0; j < n; j++) {
                bias[j] = beta * cT.values()[ci[j]];
            }
        }
        return c.emit(new Layer.Linear(k, n, w, bias), a, new int[] {a.shape()[0], n});
    }

    /** A bias must broadcast along the output features only ([N], [1, N] or a scalar). */
    private static int[] biasIndex(NodeContext c, Tensor t, int n) {
        for (int i = 0; i < t.rank() - 1; i++) {
            if (t.shape()[i] != 1) {
                throw c.error("bias of shape " + Shapes.format(t.shape()) + " is not supported (only per-feature)");
            }
        }
        return Shapes.broadcastIndex(new int[] {n}, t.rank() == 0 ? new int[0] : new int[] {t.shape()[t.rank() - 1]});
    }

    private static Value matmul(NodeContext c) {
        Value a = c.required(0);
        Value b = c.required(1);
        if (a instanceof Value.Const ka && b instanceof Value.Const kb) {
            return c.emit(new Layer.MatMul(), List.of(ka, kb), matmulShape(c, a.shape(), b.shape()));
        }
        if (a instanceof Value.Const) {
            throw c.error("a constant left operand of MatMul is not supported");
        }
        if (b instanceof Value.Const kb) {
            Tensor w = kb.tensor();
            if (w.rank() != 2) {
                throw c.error("constant right operand must be 2-D, got " + Shapes.format(w.shape()));
            }
            int k = w.shape()[0];
            int n = w.shape()[1];
            int[] in = a.shape();
            if (in.length < 1 || in[in.length - 1] != k) {
                throw c.error("shapes " + Shapes.format(in) + " and " + Shapes.format(w.shape()) + " do not multiply");
            }
            double[] wt = new double[n * k];
            for (int t = 0; t < k; t++) {
                for (int j = 0; j < n; j++) {
                    wt[j * k + t] = w.values()[t * n + j];
                }
            }
            int[] out = in.clone();
            out[out.length - 1] = n;
            return c.emit(new Layer.Linear(k, n, wt, new double[n]), a, out);
        }
        return c.emit(new Layer.MatMul(), List.of(a, b), matmulShape(c, a.shape(), b.shape()));
    }

    private static int[] matmulShape(NodeContext c, int[] a, int[] b) {
        if (a.length < 2 || b.length < 2) {
            throw c.error("MatMul of computed values needs rank >= 2 operands");
        }
        if (a[a.length - 1] != b[b.length - 2]) {
            throw c.error("shapes " + Shapes.format(a) + " and " + Shapes.format(b) + " do not multiply");
        }
        int[] batch = Shapes.broadcast(Arrays.copyOf(a, a.length - 2), Arrays.copyOf(b, b.length - 2), c.label());
        int[] out = Arrays.copyOf(batch, batch.length + 2);
        out[batch.length] = a[a.length - 2];
        out[batch.length + 1] = b[b.length - 1];
        return out;
    }

    private static Value conv(NodeContext c) {
        Value x = c.required(0);
        Tensor w = c.constant(1, "weights");
        int[] in = x.shape();
        if (in.length != 4 || w.rank() != 4) {
            throw c.error("only 2-D convolutions are supported (input " + Shapes.format(in) + ")");
        }
        int group = (int) c.attrs().getInt("group", 1);
        int cout = w.shape()[0];
        if (group < 1 || in[1] % group != 0 || cout % group != 0 || w.shape()[1] != in[1] / group) {
            throw c.error("weights " + Shapes.format(w.shape()) + " do not match input " + Shapes.format(in) + " with group " + group);
        }
        int kh = w.shape()[2];
        int kw = w.shape()[3];
        Window win = Window.of(c, in, kh, kw, true);
        double[] bias = new double[cout];
        Tensor b = c.optionalConstant(2, "bias");
        if (b != null) {
            if (b.size() != cout) {
                throw c.error("bias has " + b.size() + " values for " + cout + " channels");
            }
            bias = b.values().clone();
        }
        Layer.Conv conv = new Layer.Conv(in[1], cout, kh, kw, win.strides(), win.pads(), win.dilations(), group, w.values(), bias);
        return c.emit(conv, x, new int[] {in[0], cout, win.outH(), win.outW()});
    }

    private static Value batchNorm(NodeContext c) {
        if (c.attrs().getInt("training_mode", 0) != 0) {
            throw c.error("training mode is not supported");
        }
        Value x = c.required(0);
        Tensor gamma = c.constant(1, "scale");
        Tensor beta = c.constant(2, "bias");
        Tensor mean = c.constant(3, "mean");
        Tensor var = c.constant(4, "variance");
        double eps = c.attrs().getFloat("epsilon", 1e-5);
        int[] in = x.shape();
        if (in.length < 2) {
            throw c.error("input must have a channel axis");
        }
        int ch = in[1];
        if (gamma.size() != ch || beta.size() != ch || mean.size() != ch || var.size() != ch) {
            throw c.error("parameters do not have " + ch + " channels");
        }
        double[] a = new double[ch];
        double[] s = new double[ch];
        for (int i = 0; i < ch; i++) {
            a[i] = gamma.values()[i] / Math.sqrt(var.values()[i] + eps);
            s[i] = beta.values()[i] - mean.values()[i] * a[i];
        }
        int[] shape = new int[in.length - 1];
        Arrays.fill(shape, 1);
        shape[0] = ch;
        return MathTranslator.scaleShift(c, x, new Tensor(Tensor.Type.FLOAT, shape, a), new Tensor(Tensor.Type.FLOAT, shape, s));
    }

    private static Value pool(NodeContext c) {
        Value x = c.required(0);
        int[] in = x.shape();
        if (in.length != 4) {
            throw c.error("only 2-D pooling is supported (input " + Shapes.format(in) + ")");
        }
        if (c.node().getOutputCount() > 1 && !c.node().getOutput(1).isEmpty()) {
            throw c.error("the Indices output is not supported");
        }
        long[] k = c.attrs().getInts("kernel_shape");
        if (k == null || k.length != 2) {
            throw c.error("kernel_shape must have 2 entries");
        }
        boolean max = c.op().equals("MaxPool");
        Window win = Window.of(c, in, (int) k[0], (int) k[1], max);
        int[] out = {in[0], in[1], win.outH(), win.outW()};
        Layer layer = max
                ? new Layer.MaxPool(win.kh(), win.kw(), win.strides(), win.pads(), win.dilations())
                : new Layer.AvgPool(win.kh(), win.kw(), win.strides(), win.pads(), c.attrs().getInt("count_include_pad", 0) != 0);
        return c.emit(layer, x, out);
    }

    private static Value globalPool(NodeContext c) {
        Value x = c.required(0);
        int[] in = x.shape();
        if (in.length != 4) {
            throw c.error("only 2-D pooling is supported (input " + Shapes.format(in) + ")");
        }
        int[] one = {1, 1};
        int[] zero = {0, 0, 0, 0};
        Layer layer = c.op().equals("GlobalMaxPool")
                ? new Layer.MaxPool(in[2], in[3], one, zero, one)
                : new Layer.AvgPool(in[2], in[3], one, zero, false);
        return c.emit(layer, x, new int[] {in[0], in[1], 1, 1});
    }

    private static Value softmax(NodeContext c) {
        Value x = c.required(0);
        int rank = x.shape().length;
        boolean legacy = c.opset() < 13;
        int axis = Shapes.axis((int) c.attrs().getInt("axis", legacy ? 1 : -1), rank, c.label());
        return c.emit(new Layer.Softmax(axis, legacy ? rank : axis + 1), x, x.shape());
    }

    /**
     * LayerNormalization is decomposed into mean, centring, square, mean, rsqrt, multiply, scale/shift: the
     * same integer pieces a decomposed export (ReduceMean, Sub, Pow, Sqrt, Div) produces, so both forms
     * quantize through one path (squares and rsqrt become lookup tables).
     */
    private static Value layerNorm(NodeContext c) {
        Value x = c.required(0);
        int[] in = x.shape();
        int axis = Shapes.axis((int) c.attrs().getInt("axis", -1), in.length, c.label());
        double eps = c.attrs().getFloat("epsilon", 1e-5);
        int[] axes = new int[in.length - axis];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = axis + i;
        }
        int[] reduced = in.clone();
        for (int a : axes) {
            reduced[a] = 1;
        }
        Value mean = c.emit(new Layer.ReduceMean(axes, true), x, reduced);
        Value centred = c.emit(new Layer.Binary(Layer.BinaryOp.SUB), List.of(x, mean), in);
        Value square = c.emit(new Layer.Elementwise(ScalarProgram.of(ScalarProgram.Kind.POW, 2, 0)), centred, in);
        Value variance = c.emit(new Layer.ReduceMean(axes, true), square, reduced);
        ScalarProgram rsqrt = ScalarProgram.of(ScalarProgram.Kind.AFFINE, 1, eps)
                .then(ScalarProgram.of(ScalarProgram.Kind.SQRT, 0, 0))
                .then(ScalarProgram.of(ScalarProgram.Kind.RECIPROCAL, 0, 0));
        Value inv = c.emit(new Layer.Elementwise(rsqrt), variance, reduced);
        Value normed = c.emit(new Layer.Binary(Layer.BinaryOp.MUL), List.of(centred, inv), in);
        Tensor gamma = c.constant(1, "scale");
        Tensor beta = c.optionalConstant(2, "bias");
        return MathTranslator.scaleShift(c, normed, gamma, beta == null ? Tensor.scalar(Tensor.Type.FLOAT, 0) : beta);
    }

    private static Value reduce(NodeContext c) {
        Value x = c.required(0);
        int rank = x.shape().length;
        int[] axes;
        boolean fromInput = c.op().equals("ReduceSum") ? c.opset() >= 13 : c.opset() >= 18;
        if (fromInput) {
            Tensor t = c.optionalConstant(1, "axes");
            axes = t == null ? null : t.ints("axes");
        } else {
            long[] a = c.attrs().getInts("axes");
            axes = a == null ? null : Attrs.toInts(a, c.label());
        }
        if (axes == null || axes.length == 0) {
            if (c.attrs().getInt("noop_with_empty_axes", 0) != 0) {
                return x;
            }
            axes = new int[rank];
            for (int i = 0; i < rank; i++) {
                axes[i] = i;
            }
        }
        boolean[] mark = new boolean[rank];
        for (int a : axes) {
            mark[Shapes.axis(a, rank, c.label())] = true;
        }
        int count = 0;
        for (boolean m : mark) {
            count += m ? 1 : 0;
        }
        int[] sorted = new int[count];
        int p = 0;
        for (int i = 0; i < rank; i++) {
            if (mark[i]) {
                sorted[p++] = i;
            }
        }
        boolean keep = c.attrs().getInt("keepdims", 1) != 0;
        int[] out = keep ? x.shape().clone() : new int[rank - count];
        int q = 0;
        for (int i = 0; i < rank; i++) {
            if (keep && mark[i]) {
                out[i] = 1;
            } else if (!keep && !mark[i]) {
                out[q++] = x.shape()[i];
            }
        }
        Value mean = c.emit(new Layer.ReduceMean(sorted, keep), x, out);
        if (c.op().equals("ReduceMean")) {
            return mean;
        }
        int n = Shapes.size(x.shape()) / Math.max(1, Shapes.size(out));
        return MathTranslator.scaleShift(c, mean, Tensor.scalar(Tensor.Type.FLOAT, n), Tensor.scalar(Tensor.Type.FLOAT, 0));
    }
}
