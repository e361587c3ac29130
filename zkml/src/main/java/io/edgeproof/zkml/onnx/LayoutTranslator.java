package io.edgeproof.zkml.onnx;

import io.edgeproof.zkml.graph.IndexMaps;
import io.edgeproof.zkml.graph.Layer;
import io.edgeproof.zkml.graph.Shapes;
import io.edgeproof.zkml.graph.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Shape-level and layout operators. On constants they fold (keeping the element type, so int64 shape
 * arithmetic stays integer); on computed values they become one gather map or a free reshape.
 */
final class LayoutTranslator {
    private LayoutTranslator() {}

    static List<Value> translate(NodeContext c) {
        return switch (c.op()) {
            case "Identity", "Dropout" -> List.of(c.required(0));
            case "Reshape" -> List.of(reshape(c, c.required(0), reshapeTarget(c)));
            case "Flatten" -> List.of(flatten(c));
            case "Squeeze" -> List.of(squeeze(c));
            case "Unsqueeze" -> List.of(unsqueeze(c));
            case "Transpose" -> List.of(transpose(c));
            case "Slice" -> List.of(slice(c));
            case "Gather" -> List.of(gather(c));
            case "Concat" -> List.of(concat(c));
            case "Split" -> split(c);
            case "Pad" -> List.of(pad(c));
            case "Expand" -> List.of(layout(c, List.of(c.required(0)),
                    IndexMaps.expand(c.required(0).shape(), c.constant(1, "shape").ints("Expand shape")), 0));
            case "Tile" -> List.of(layout(c, List.of(c.required(0)),
                    IndexMaps.tile(c.required(0).shape(), c.constant(1, "repeats").ints("Tile repeats")), 0));
            case "Shape" -> List.of(shape(c));
            case "Size" -> List.of(new Value.Const(Tensor.scalar(Tensor.Type.INT, Shapes.size(c.required(0).shape()))));
            default -> throw new IllegalStateException(c.op());
        };
    }

    static boolean handles(String op) {
        return switch (op) {
            case "Identity", "Dropout", "Reshape", "Flatten", "Squeeze", "Unsqueeze", "Transpose", "Slice", "Gather",
                 "Concat", "Split", "Pad", "Expand", "Tile", "Shape", "Size" -> true;
            default -> false;
        };
    }

    /** Emits (or folds) a gather map over the given inputs laid end to end. */
    static Value layout(NodeContext c, List<Value> ins, IndexMaps.Mapped m, double fill) {
        if (ins.stream().allMatch(v -> v instanceof Value.Const)) {
            double[][] data = new double[ins.size()][];
            for (int i = 0; i < data.length; i++) {
                data[i] = ((Value.Const) ins.get(i)).tensor().values();
            }
            double[] all = data.length == 1 ? data[0] : concatValues(data);
            Tensor.Type type = ((Value.Const) ins.get(0)).tensor().type();
            return new Value.Const(new Tensor(type, m.shape(), IndexMaps.apply(m.index(), all, fill)));
        }
        if (ins.size() == 1 && m.index().length == Shapes.size(ins.get(0).shape()) && Shapes.isIdentity(m.index())) {
            return reshape(c, ins.get(0), m.shape());
        }
        return c.emit(new Layer.Layout(m.index(), fill), ins, m.shape());
    }

    static Value reshape(NodeContext c, Value in, int[] shape) {
        if (in instanceof Value.Const k) {
            return new Value.Const(k.tensor().reshape(shape));
        }
        return c.emit(new Layer.Reshape(), in, shape);
    }

    private static int[] reshapeTarget(NodeContext c) {
        int[] in = c.required(0).shape();
        int[] spec = c.constant(1, "shape").ints("Reshape shape");
        boolean allowZero = c.attrs().getInt("allowzero", 0) != 0;
        int[] out = new int[spec.length];
        int infer = -1;
        long known = 1;
        for (int i = 0; i < spec.length; i++) {
            int d = spec[i];
            if (d == 0 && !allowZero) {
                if (i >= in.length) {
                    throw c.error("shape entry 0 at position " + i + " has no input dimension to copy");
                }
                d = in[i];
            }
            if (d == -1) {
                if (infer >= 0) {
                    throw c.error("shape " + Arrays.toString(spec) + " has two -1 entries");
                }
                infer = i;
                continue;
            }
            if (d < 0) {
                throw c.error("negative dimension in shape " + Arrays.toString(spec));
            }
            out[i] = d;
            known *= d;
        }
        int total = Shapes.size(in);
        if (infer >= 0) {
            if (known == 0 || total % known != 0) {
                throw c.error("cannot reshape " + Shapes.format(in) + " to " + Arrays.toString(spec));
            }
            out[infer] = (int) (total / known);
            known *= out[infer];
        }
        if (known != total) {
            throw c.error("cannot reshape " + Shapes.format(in) + " (" + total + " elements) to " + Arrays.toString(spec));
        }
        return out;
    }

    private static Value flatten(NodeContext c) {
        int[] in = c.required(0).shape();
        long a = c.attrs().getInt("axis", 1);
        int axis = (int) (a < 0 ? a + in.length : a);
        if (axis < 0 || axis > in.length) {
            throw c.error("axis " + a + " out of range for rank " + in.length);
        }
        return reshape(c, c.required(0), new int[] {Shapes.product(in, 0, axis), Shapes.product(in, axis, in.length)});
    }

    private static int[] axesOf(NodeContext c, int inputIndex) {
        if (c.opset() >= 13 || c.in(inputIndex) != null) {
            Tensor t = c.optionalConstant(inputIndex, "axes");
            return t == null ? null : t.ints("axes");
        }
        long[] a = c.attrs().getInts("axes");
        return a == null ? null : Attrs.toInts(a, c.label());
    }

    private static Value squeeze(NodeContext c) {
        int[] in = c.required(0).shape();
        int[] axes = axesOf(c, 1);
        boolean[] drop = new boolean[in.length];
        if (axes == null) {
            for (int i = 0; i < in.length; i++) {
                drop[i] = in[i] == 1;
            }
        } else {
            for (int a : axes) {
                int ax = Shapes.axis(a, in.length, c.label());
                if (in[ax] != 1) {
                    throw c.error("cannot squeeze axis " + a + " of size " + in[ax]);
                }
                drop[ax] = true;
            }
        }
        int[] out = new int[in.length];
        int r = 0;
        for (int i = 0; i < in.length; i++) {
            if (!drop[i]) {
                out[r++] = in[i];
            }
        }
        return reshape(c, c.required(0), Arrays.copyOf(out, r));
    }

    private static Value unsqueeze(NodeContext c) {
        int[] in = c.required(0).shape();
        int[] axes = axesOf(c, 1);
        if (axes == null) {
            throw c.error("missing axes");
        }
        int rank = in.length + axes.length;
        boolean[] added = new boolean[rank];
        for (int a : axes) {
            int ax = Shapes.axis(a, rank, c.label());
            if (added[ax]) {
                throw c.error("repeated axis " + a);
            }
            added[ax] = true;
        }
        int[] out = new int[rank];
        int src = 0;
        for (int i = 0; i < rank; i++) {
            out[i] = added[i] ? 1 : in[src++];
        }
        return reshape(c, c.required(0), out);
    }

    private static Value transpose(NodeContext c) {
        int[] in = c.required(0).shape();
        long[] p = c.attrs().getInts("perm");
        int[] perm = new int[in.length];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = p == null ? in.length - 1 - i : i < p.length ? (int) p[i] : -1;
        }
        if (p != null && p.length != in.length) {
            throw c.error("perm " + Arrays.toString(p) + " does not match rank " + in.length);
        }
        return layout(c, List.of(c.required(0)), IndexMaps.transpose(in, perm), 0);
    }

    private static Value slice(NodeContext c) {
        int[] in = c.required(0).shape();
        long[] starts;
        long[] ends;
        int[] axes;
        long[] steps;
        if (c.opset() < 10) {
            starts = c.attrs().getInts("starts");
            ends = c.attrs().getInts("ends");
            long[] a = c.attrs().getInts("axes");
            if (starts == null || ends == null) {
                throw c.error("missing starts/ends");
            }
            axes = a == null ? null : Attrs.toInts(a, c.label());
            steps = null;
        } else {
            starts = longs(c.constant(1, "starts"));
            ends = longs(c.constant(2, "ends"));
            Tensor a = c.optionalConstant(3, "axes");
            Tensor s = c.optionalConstant(4, "steps");
            axes = a == null ? null : a.ints("axes");
            steps = s == null ? null : longs(s);
        }
        if (axes == null) {
            axes = new int[starts.length];
            for (int i = 0; i < axes.length; i++) {
                axes[i] = i;
            }
        }
        if (steps == null) {
            steps = new long[starts.length];
            Arrays.fill(steps, 1);
        }
        if (ends.length != starts.length || axes.length != starts.length || steps.length != starts.length) {
            throw c.error("starts, ends, axes and steps differ in length");
        }
        return layout(c, List.of(c.required(0)), IndexMaps.slice(in, starts, ends, axes, steps), 0);
    }

    private static long[] longs(Tensor t) {
        long[] v = new long[t.size()];
        for (int i = 0; i < v.length; i++) {
            double d = t.values()[i];
            v[i] = d >= 9.2e18 ? Long.MAX_VALUE : d <= -9.2e18 ? Long.MIN_VALUE : (long) d;
        }
        return v;
    }

    private static Value gather(NodeContext c) {
        Tensor idx = c.constant(1, "indices");
        int axis = (int) c.attrs().getInt("axis", 0);
        return layout(c, List.of(c.required(0)), IndexMaps.gather(c.required(0).shape(), axis, idx), 0);
    }

    private static Value concat(NodeContext c) {
        List<Value> ins = new ArrayList<>();
        for (Value v : c.inputs()) {
            if (v != null && Shapes.size(v.shape()) > 0) {
                ins.add(v);
            }
        }
        if (ins.isEmpty()) {
            return c.required(0);
        }
        int[][] shapes = new int[ins.size()][];
        for (int i = 0; i < shapes.length; i++) {
            shapes[i] = ins.get(i).shape();
        }
        if (!c.attrs().has("axis")) {
            throw c.error("missing axis");
        }
        IndexMaps.Mapped m = IndexMaps.concat(shapes, (int) c.attrs().getInt("axis", 0));
        return ins.size() == 1 ? reshape(c, ins.get(0), m.shape()) : layout(c, ins, m, 0);
    }

    private static List<Value> split(NodeContext c) {
        int[] in = c.required(0).shape();
        int axis = Shapes.axis((int) c.attrs().getInt("axis", 0), in.length, c.label());
        int outputs = c.node().getOutputCount();
        int[] sizes;
        long[] attr = c.attrs().getInts("split");
        if (c.opset() >= 13 && c.in(1) != null) {
            sizes = c.constant(1, "split").ints("split");
        } else if (attr != null) {
            sizes = Attrs.toInts(attr, c.label());
        } else {
            sizes = new int[outputs];
            int chunk = (in[axis] + outputs - 1) / outputs;
            for (int i = 0; i < outputs; i++) {
                sizes[i] = Math.max(0, Math.min(chunk, in[axis] - i * chunk));
            }
        }
        if (sizes.length != outputs || Arrays.stream(sizes).sum() != in[axis]) {
            throw c.error("split sizes " + Arrays.toString(sizes) + " do not cover dimension " + in[axis]);
        }
        List<Value> out = new ArrayList<>();
        int start = 0;
        for (int s : sizes) {
            IndexMaps.Mapped m = IndexMaps.slice(in, new long[] {start}, new long[] {start + s}, new int[] {axis}, new long[] {1});
            out.add(layout(c, List.of(c.required(0)), m, 0));
            start += s;
        }
        return out;
    }

    private static Value pad(NodeContext c) {
        String mode = c.attrs().getString("mode", "constant");
        if (!mode.equals("constant")) {
            throw c.error("only constant padding is supported, not '" + mode + "'");
        }
        int[] in = c.required(0).shape();
        int[] pads;
        double value;
        if (c.opset() < 11) {
            long[] p = c.attrs().getInts("pads");
            if (p == null) {
                throw c.error("missing pads");
            }
            pads = Attrs.toInts(p, c.label());
            value = c.attrs().getFloat("value", 0.0);
        } else {
            int[] p = c.constant(1, "pads").ints("pads");
            Tensor v = c.optionalConstant(2, "constant_value");
            value = v == null ? 0.0 : v.scalarValue("Pad constant_value");
            Tensor axesT = c.optionalConstant(3, "axes");
            pads = axesT == null ? p : expandPads(c, p, axesT.ints("axes"), in.length);
        }
        return layout(c, List.of(c.required(0)), IndexMaps.pad(in, pads), value);
    }

    private static int[] expandPads(NodeContext c, int[] p, int[] axes, int rank) {
        if (p.length != 2 * axes.length) {
            throw c.error("pads do not match axes");
        }
        int[] full = new int[2 * rank];
        for (int i = 0; i < axes.length; i++) {
            int ax = Shapes.axis(axes[i], rank, c.label());
            full[ax] = p[i];
            full[ax + rank] = p[i + axes.length];
        }
        return full;
    }

    private static Value shape(NodeContext c) {
        int[] in = c.required(0).shape();
        int rank = in.length;
        long s = c.attrs().getInt("start", 0);
        long e = c.attrs().getInt("end", rank);
        int from = (int) Math.clamp(s < 0 ? s + rank : s, 0, rank);
        int to = (int) Math.clamp(e < 0 ? e + rank : e, 0, rank);
        double[] v = new double[Math.max(0, to - from)];
        for (int i = 0; i < v.length; i++) {
            v[i] = in[from + i];
        }
        return new Value.Const(Tensor.vector(Tensor.Type.INT, v));
    }

    private static double[] concatValues(double[][] data) {
        int n = 0;
        for (double[] d : data) {
            n += d.length;
        }
        double[] all = new double[n];
        int p = 0;
        for (double[] d : data) {
            System.arraycopy(d, 0, all, p, d.length);
            p += d.length;
        }
        return all;
    }
}
