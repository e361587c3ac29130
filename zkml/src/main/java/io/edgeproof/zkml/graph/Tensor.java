package io.edgeproof.zkml.graph;

import java.util.Arrays;

/**
 * A constant tensor during import (weights, shape vectors, folded values). Values are held as doubles:
 * float32 weights convert exactly and int64 shape arithmetic stays exact below 2^53.
 */
public record Tensor(Type type, int[] shape, double[] values) {
    /** Element kinds the importer distinguishes; integer arithmetic (e.g. Div) depends on it. */
    public enum Type { FLOAT, INT, BOOL }

    public Tensor {
        if (Shapes.size(shape) != values.length) {
            throw new ModelException("tensor of shape " + Arrays.toString(shape) + " holds " + values.length + " values");
        }
    }

    public static Tensor scalar(Type type, double v) {
        return new Tensor(type, new int[0], new double[] {v});
    }

    public static Tensor vector(Type type, double... v) {
        return new Tensor(type, new int[] {v.length}, v);
    }

    public int size() {
        return values.length;
    }

    public int rank() {
        return shape.length;
    }

    /** The values as ints (shape vectors, axes, indices); rejects non-integral or huge values. */
    public int[] ints(String what) {
        int[] out = new int[values.length];
        for (int i = 0; i < out.length; i++) {
            double v = values[i];
            if (v != Math.rint(v)) {
                throw new ModelException(what + ": expected integers, got " + v);
            }
            out[i] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
        }
        return out;
    }

    /** The single value of a one-element tensor. */
    public double scalarValue(String what) {
        if (values.length != 1) {
            throw new ModelException(what + ": expected a single value, got shape " + Arrays.toString(shape));
        }
        return values[0];
    }

    public boolean isUniform() {
        for (double v : values) {
            if (v != values[0]) {
                return false;
            }
        }
        return true;
    }

    public Tensor reshape(int[] newShape) {
        return new Tensor(type, newShape, values);
    }
}
