package io.edgeproof.zkml.graph;

import java.util.Arrays;

/** Row-major shape arithmetic shared by import, the float kernels and the integer engine. */
public final class Shapes {
    /** Largest tensor the toolchain accepts (elements); bigger ones are rejected as absurd, never allocated. */
    public static final long MAX_ELEMENTS = 1L << 28;

    private Shapes() {}

    /** Number of elements; rejects negative dimensions and sizes above {@link #MAX_ELEMENTS}. */
    public static int size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new ModelException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
            if (n > MAX_ELEMENTS) {
                throw new ModelException("shape " + Arrays.toString(shape) + " has more than 2^28 elements");
            }
        }
        return (int) n;
    }

    public static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    /** Product of dims in [from, to). */
    public static int product(int[] shape, int from, int to) {
        int p = 1;
        for (int i = from; i < to; i++) {
            p *= shape[i];
        }
        return p;
    }

    /** Normalises a possibly negative axis against a rank. */
    public static int axis(int axis, int rank, String what) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new ModelException(what + ": axis " + axis + " out of range for rank " + rank);
        }
        return a;
    }

    /** NumPy-style broadcast of two shapes. */
    public static int[] broadcast(int[] a, int[] b, String what) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new ModelException(what + ": shapes " + Arrays.toString(a) + " and " + Arrays.toString(b)
                        + " do not broadcast");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** For each element of {@code out}, the index of the element of a tensor of shape {@code in} it reads. */
    public static int[] broadcastIndex(int[] out, int[] in) {
        int n = size(out);
        int[] idx = new int[n];
        int rank = out.length;
        int offset = rank - in.length;
        int[] inStrides = strides(in);
        int[] eff = new int[rank];
        for (int i = 0; i < in.length; i++) {
            eff[i + offset] = in[i] == 1 ? 0 : inStrides[i];
        }
        int[] counter = new int[rank];
        int pos = 0;
        for (int i = 0; i < n; i++) {
            idx[i] = pos;
            for (int d = rank - 1; d >= 0; d--) {
                counter[d]++;
                pos += eff[d];
                if (counter[d] < out[d]) {
                    break;
                }
                pos -= eff[d] * counter[d];
                counter[d] = 0;
            }
        }
        return idx;
    }

    public static boolean isIdentity(int[] index) {
        for (int i = 0; i < index.length; i++) {
            if (index[i] != i) {
                return false;
            }
        }
        return true;
    }

    public static String format(int[] shape) {
        return Arrays.toString(shape).replace(" ", "");
    }
}
