package io.edgeproof.zkml.graph;

import java.util.Arrays;

/**
 * Index maps of the layout operators: for each output element, the input element it copies (or -1 for
 * padding). Computed once at import; the engine then only gathers.
 */
public final class IndexMaps {
    /** The output shape of a layout operator and its gather map. */
    public record Mapped(int[] shape, int[] index) {}

    private IndexMaps() {}

    public static Mapped transpose(int[] in, int[] perm) {
        int rank = in.length;
        if (perm.length != rank) {
            throw new ModelException("Transpose: perm " + Arrays.toString(perm) + " does not match rank " + rank);
        }
        boolean[] seen = new boolean[rank];
        int[] out = new int[rank];
        int[] inStrides = Shapes.strides(in);
        int[] eff = new int[rank];
        for (int i = 0; i < rank; i++) {
            int p = perm[i];
            if (p < 0 || p >= rank || seen[p]) {
                throw new ModelException("Transpose: perm " + Arrays.toString(perm) + " is not a permutation");
            }
            seen[p] = true;
            out[i] = in[p];
            eff[i] = inStrides[p];
        }
        return new Mapped(out, walk(out, eff, 0));
    }

    /** ONNX Slice with normalised per-axis starts/ends/steps (clamping as the spec says). */
    public static Mapped slice(int[] in, long[] starts, long[] ends, int[] axes, long[] steps) {
        int rank = in.length;
        int[] begin = new int[rank];
        int[] step = new int[rank];
        int[] out = in.clone();
        Arrays.fill(step, 1);
        for (int i = 0; i < axes.length; i++) {
            int ax = Shapes.axis(axes[i], rank, "Slice");
            long dim = in[ax];
            long st = steps[i];
            if (st == 0) {
                throw new ModelException("Slice: step 0");
            }
            long s = starts[i] < 0 ? starts[i] + dim : starts[i];
            long e = ends[i] < 0 ? ends[i] + dim : ends[i];
            long count;
            if (st > 0) {
                s = Math.clamp(s, 0, dim);
                e = Math.clamp(e, 0, dim);
                count = e > s ? (e - s + st - 1) / st : 0;
            } else {
                s = Math.clamp(s, 0, dim - 1);
                e = Math.clamp(e, -1, dim - 1);
                count = s > e ? (s - e + (-st) - 1) / (-st) : 0;
            }
            begin[ax] = (int) s;
            step[ax] = (int) st;
            out[ax] = (int) count;
        }
        int[] inStrides = Shapes.strides(in);
        int base = 0;
        int[] eff = new int[rank];
        for (int d = 0; d < rank; d++) {
            base += begin[d] * inStrides[d];
            eff[d] = step[d] * inStrides[d];
        }
        return new Mapped(out, walk(out, eff, base));
    }

    /** Gather along {@code axis} with constant indices (negative ones count from the end). */
    public static Mapped gather(int[] in, int axis, Tensor indices) {
        int ax = Shapes.axis(axis, in.length, "Gather");
        int[] idx = indices.ints("Gather indices");
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] < -in[ax] || idx[i] >= in[ax]) {
                throw new ModelException("Gather: index " + idx[i] + " out of range for dimension " + in[ax]);
            }
            idx[i] = idx[i] < 0 ? idx[i] + in[ax] : idx[i];
        }
        int[] out = new int[in.length - 1 + indices.rank()];
        System.arraycopy(in, 0, out, 0, ax);
        System.arraycopy(indices.shape(), 0, out, ax, indices.rank());
        System.arraycopy(in, ax + 1, out, ax + indices.rank(), in.length - ax - 1);
        int outer = Shapes.product(in, 0, ax);
        int inner = Shapes.product(in, ax + 1, in.length);
        int[] map = new int[Shapes.size(out)];
        int p = 0;
        for (int o = 0; o < outer; o++) {
            for (int j : idx) {
                int src = (o * in[ax] + j) * inner;
                for (int i = 0; i < inner; i++) {
                    map[p++] = src + i;
                }
            }
        }
        return new Mapped(out, map);
    }

    /** Concatenation along {@code axis}; the map indexes the inputs laid end to end. */
    public static Mapped concat(int[][] ins, int axis) {
        int rank = ins[0].length;
        int ax = Shapes.axis(axis, rank, "Concat");
        int[] out = ins[0].clone();
        out[ax] = 0;
        for (int[] s : ins) {
            if (s.length != rank) {
                throw new ModelException("Concat: inputs of different ranks");
            }
            for (int d = 0; d < rank; d++) {
                if (d != ax && s[d] != out[d]) {
                    throw new ModelException("Concat: shapes " + Shapes.format(ins[0]) + " and " + Shapes.format(s) + " differ off the axis");
                }
            }
            out[ax] += s[ax];
        }
        int outer = Shapes.product(out, 0, ax);
        int inner = Shapes.product(out, ax + 1, rank);
        int[] map = new int[Shapes.size(out)];
        int p = 0;
        for (int o = 0; o < outer; o++) {
            int offset = 0;
            for (int[] s : ins) {
                int block = s[ax] * inner;
                for (int i = 0; i < block; i++) {
                    map[p++] = offset + o * block + i;
                }
                offset += Shapes.size(s);
            }
        }
        return new Mapped(out, map);
    }

    /** Constant padding; pads = {begin_0..begin_{r-1}, end_0..end_{r-1}}, negative pads crop. */
    public static Mapped pad(int[] in, int[] pads) {
        int rank = in.length;
        if (pads.length != 2 * rank) {
            throw new ModelException("Pad: " + pads.length + " pads for rank " + rank);
        }
        int[] out = new int[rank];
        for (int d = 0; d < rank; d++) {
            out[d] = in[d] + pads[d] + pads[d + rank];
            if (out[d] < 0) {
                throw new ModelException("Pad: negative output dimension");
            }
        }
        int[] inStrides = Shapes.strides(in);
        int n = Shapes.size(out);
        int[] map = new int[n];
        int[] counter = new int[rank];
        for (int i = 0; i < n; i++) {
            int src = 0;
            for (int d = 0; d < rank && src >= 0; d++) {
                int c = counter[d] - pads[d];
                src = c < 0 || c >= in[d] ? -1 : src + c * inStrides[d];
            }
            map[i] = src;
            increment(counter, out);
        }
        return new Mapped(out, map);
    }

    /** Expand: bidirectional broadcast of the input against {@code target}. */
    public static Mapped expand(int[] in, int[] target) {
        int[] out = Shapes.broadcast(in, target, "Expand");
        return new Mapped(out, Shapes.broadcastIndex(out, in));
    }

    public static Mapped tile(int[] in, int[] repeats) {
        int rank = in.length;
        if (repeats.length != rank) {
            throw new ModelException("Tile: " + repeats.length + " repeats for rank " + rank);
        }
        int[] out = new int[rank];
        for (int d = 0; d < rank; d++) {
            if (repeats[d] < 0) {
                throw new ModelException("Tile: negative repeat");
            }
            out[d] = in[d] * repeats[d];
        }
        int[] inStrides = Shapes.strides(in);
        int n = Shapes.size(out);
        int[] map = new int[n];
        int[] counter = new int[rank];
        for (int i = 0; i < n; i++) {
            int src = 0;
            for (int d = 0; d < rank; d++) {
                src += (counter[d] % in[d]) * inStrides[d];
            }
            map[i] = src;
            increment(counter, out);
        }
        return new Mapped(out, map);
    }

    /** Applies a map to constant data (constant folding of layout operators). */
    public static double[] apply(int[] map, double[] data, double fill) {
        double[] out = new double[map.length];
        for (int i = 0; i < map.length; i++) {
            out[i] = map[i] < 0 ? fill : data[map[i]];
        }
        return out;
    }

    /** The map of {@code outer} applied after {@code inner} (a chain of two layout ops as one). */
    public static int[] compose(int[] outer, int[] inner) {
        int[] out = new int[outer.length];
        for (int i = 0; i < outer.length; i++) {
            out[i] = outer[i] < 0 ? -1 : inner[outer[i]];
        }
        return out;
    }

    private static int[] walk(int[] shape, int[] eff, int base) {
        int n = Shapes.size(shape);
        int[] map = new int[n];
        int[] counter = new int[shape.length];
        for (int i = 0; i < n; i++) {
            int src = base;
            for (int d = 0; d < shape.length; d++) {
                src += counter[d] * eff[d];
            }
            map[i] = src;
            increment(counter, shape);
        }
        return map;
    }

    private static void increment(int[] counter, int[] shape) {
        for (int d = shape.length - 1; d >= 0; d--) {
            if (++counter[d] < shape[d]) {
                return;
            }
            counter[d] = 0;
        }
    }
}
