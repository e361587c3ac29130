package io.edgeproof.zkml.onnx;

import io.edgeproof.zkml.graph.IndexMaps;
import io.edgeproof.zkml.graph.Layer;
import io.edgeproof.zkml.graph.ScalarProgram;
import io.edgeproof.zkml.graph.Shapes;
import io.edgeproof.zkml.graph.Tensor;
import java.util.List;

/**
 * Element-wise arithmetic, activations and the constant-only logic ops. A binary op with one constant side
 * becomes a {@link Layer.ScaleShift}; with two computed sides a {@link Layer.Binary}; unary functions become
 * {@link Layer.Elementwise} programs that the simplifier later fuses into single lookup tables.
 */
final class MathTranslator {
    private MathTranslator() {}

    static boolean handles(String op) {
        return switch (op) {
            case "Add", "Sub", "Mul", "Div", "Pow", "Neg", "Relu", "LeakyRelu", "PRelu", "Clip", "Sigmoid", "Tanh",
                 "Erf", "Exp", "Log", "Sqrt", "Reciprocal", "Abs", "Softplus", "Gelu", "Where", "Equal", "Cast",
                 "Constant", "ConstantOfShape", "Range" -> true;
            default -> false;
        };
    }

    static Value translate(NodeContext c) {
        return switch (c.op()) {
            case "Add", "Sub", "Mul", "Div" -> binary(c);
            case "Pow" -> pow(c);
            case "Neg" -> scaleShift(c, c.required(0), Tensor.scalar(Tensor.Type.FLOAT, -1), Tensor.scalar(Tensor.Type.FLOAT, 0));
            case "Relu" -> c.emit(new Layer.Relu(), c.required(0), c.required(0).shape());
            case "LeakyRelu" -> c.emit(new Layer.PRelu(Tensor.scalar(Tensor.Type.FLOAT, c.attrs().getFloat("alpha", 0.01))),
                    c.required(0), c.required(0).shape());
            case "PRelu" -> prelu(c);
            case "Clip" -> clip(c);
            case "Sigmoid" -> unary(c, ScalarProgram.Kind.SIGMOID);
            case "Tanh" -> unary(c, ScalarProgram.Kind.TANH);
            case "Erf" -> unary(c, ScalarProgram.Kind.ERF);
            case "Exp" -> unary(c, ScalarProgram.Kind.EXP);
            case "Log" -> unary(c, ScalarProgram.Kind.LOG);
            case "Sqrt" -> unary(c, ScalarProgram.Kind.SQRT);
            case "Reciprocal" -> unary(c, ScalarProgram.Kind.RECIPROCAL);
            case "Abs" -> unary(c, ScalarProgram.Kind.ABS);
            case "Softplus" -> unary(c, ScalarProgram.Kind.SOFTPLUS);
            case "Gelu" -> unary(c, c.attrs().getString("approximate", "none").equals("tanh")
                    ? ScalarProgram.Kind.GELU_TANH : ScalarProgram.Kind.GELU);
            case "Where" -> where(c);
            case "Equal" -> equal(c);
            case "Cast" -> cast(c);
            case "Constant" -> constant(c);
            case "ConstantOfShape" -> constantOfShape(c);
            case "Range" -> range(c);
            default -> throw new IllegalStateException(c.op());
        };
    }

    private static Value unary(NodeContext c, ScalarProgram.Kind kind) {
        return c.emit(new Layer.Elementwise(ScalarProgram.of(kind, 0, 0)), c.required(0), c.required(0).shape());
    }

    private static Value binary(NodeContext c) {
        Value a = c.required(0);
        Value b = c.required(1);
        String op = c.op();
        if (a instanceof Value.Const ka && b instanceof Value.Const kb) {
            return new Value.Const(foldBinary(c, op, ka.tensor(), kb.tensor()));
        }
        Tensor.Type f = Tensor.Type.FLOAT;
        if (b instanceof Value.Const kb) {
            Tensor k = kb.tensor();
            return switch (op) {
                case "Add" -> scaleShift(c, a, Tensor.scalar(f, 1), k);
                case "Sub" -> scaleShift(c, a, Tensor.scalar(f, 1), negate(k));
                case "Mul" -> scaleShift(c, a, k, Tensor.scalar(f, 0));
                default -> scaleShift(c, a, reciprocal(k), Tensor.scalar(f, 0));
            };
        }
        if (a instanceof Value.Const ka) {
            Tensor k = ka.tensor();
            return switch (op) {
                case "Add" -> scaleShift(c, b, Tensor.scalar(f, 1), k);
                case "Sub" -> scaleShift(c, b, Tensor.scalar(f, -1), k);
                case "Mul" -> scaleShift(c, b, k, Tensor.scalar(f, 0));
                default -> scaleShift(c, unary(c, ScalarProgram.Kind.RECIPROCAL, b), k, Tensor.scalar(f, 0));
            };
        }
        int[] out = Shapes.broadcast(a.shape(), b.shape(), c.label());
        Layer.BinaryOp kind = switch (op) {
            case "Add" -> Layer.BinaryOp.ADD;
            case "Sub" -> Layer.BinaryOp.SUB;
            default -> Layer.BinaryOp.MUL;
        };
        Value right = op.equals("Div") ? unary(c, ScalarProgram.Kind.RECIPROCAL, b) : b;
        return c.emit(new Layer.Binary(kind), List.of(a, right), out);
    }

    private static Value unary(NodeContext c, ScalarProgram.Kind kind, Value in) {
        return c.emit(new Layer.Elementwise(ScalarProgram.of(kind, 0, 0)), in, in.shape());
    }

    /** y = x * scale + shift; when the constants broadcast x to a larger shape, x is expanded first. */
    static Value scaleShift(NodeContext c, Value x, Tensor scale, Tensor shift) {
        int[] out = Shapes.broadcast(Shapes.broadcast(x.shape(), scale.shape(), c.label()), shift.shape(), c.label());
        Value in = x;
        if (!java.util.Arrays.equals(out, x.shape())) {
            in = LayoutTranslator.layout(c, List.of(x), IndexMaps.expand(x.shape(), out), 0);
        }
        return c.emit(new Layer.ScaleShift(asFloat(scale), asFloat(shift)), in, out);
    }

    private static Tensor asFloat(Tensor t) {
        return t.type() == Tensor.Type.FLOAT ? t : new Tensor(Tensor.Type.FLOAT, t.shape(), t.values());
    }

    private static Tensor negate(Tensor t) {
        double[] v = t.values().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] = -v[i];
        }
        return new Tensor(Tensor.Type.FLOAT, t.shape(), v);
    }

    private static Tensor reciprocal(Tensor t) {
        double[] v = t.values().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] = 1.0 / v[i];
        }
        return new Tensor(Tensor.Type.FLOAT, t.shape(), v);
    }

    /** Constant arithmetic; integer tensors keep integer semantics (Div truncates), as shape code expects. */
    private static Tensor foldBinary(NodeContext c, String op, Tensor a, Tensor b) {
        int[] out = Shapes.broadcast(a.shape(), b.shape(), c.label());
        int[] ai = Shapes.broadcastIndex(out, a.shape());
        int[] bi = Shapes.broadcastIndex(out, b.shape());
        boolean ints = a.type() == Tensor.Type.INT && b.type() == Tensor.Type.INT;
        double[] v = new double[ai.length];
        for (int i = 0; i < v.length; i++) {
            double x = a.values()[ai[i]];
            double y = b.values()[bi[i]];
            v[i] = switch (op) {
                case "Add" -> x + y;
                case "Sub" -> x - y;
                case "Mul" -> x * y;
                default -> {
                    if (ints && y == 0) {
                        throw c.error("integer division by zero");
                    }
                    yield ints ? (double) ((long) x / (long) y) : x / y;
                }
            };
        }
        return new Tensor(ints ? Tensor.Type.INT : Tensor.Type.FLOAT, out, v);
    }

    private static Value pow(NodeContext c) {
        Value x = c.required(0);
        Tensor e = c.constant(1, "exponent");
        if (x instanceof Value.Const k) {
            double[] v = k.tensor().values().clone();
            double p = e.scalarValue(c.label() + " exponent");
            for (int i = 0; i < v.length; i++) {
                v[i] = StrictMath.pow(v[i], p);
            }
            return new Value.Const(new Tensor(Tensor.Type.FLOAT, k.tensor().shape(), v));
        }
        if (!e.isUniform() || e.size() == 0) {
            throw c.error("only a scalar constant exponent is supported");
        }
        return c.emit(new Layer.Elementwise(ScalarProgram.of(ScalarProgram.Kind.POW, e.values()[0], 0)), x, x.shape());
    }

    private static Value prelu(NodeContext c) {
        Value x = c.required(0);
        Tensor slope = c.constant(1, "slope");
        Shapes.broadcast(x.shape(), slope.shape(), c.label());
        return c.emit(new Layer.PRelu(asFloat(slope)), x, x.shape());
    }

    private static Value clip(NodeContext c) {
        double lo;
        double hi;
        if (c.opset() < 11) {
            lo = c.attrs().getFloat("min", Double.NEGATIVE_INFINITY);
            hi = c.attrs().getFloat("max", Double.POSITIVE_INFINITY);
        } else {
            Tensor a = c.optionalConstant(1, "min");
            Tensor b = c.optionalConstant(2, "max");
            lo = a == null ? Double.NEGATIVE_INFINITY : a.scalarValue("Clip min");
            hi = b == null ? Double.POSITIVE_INFINITY : b.scalarValue("Clip max");
        }
        if (lo == 0 && hi == Double.POSITIVE_INFINITY) {
            return c.emit(new Layer.Relu(), c.required(0), c.required(0).shape());
        }
        return c.emit(new Layer.Clip(lo, hi), c.required(0), c.required(0).shape());
    }

    /** Where on a constant condition with one computed branch is y = x * keep + fill * (1 - keep). */
    private static Value where(NodeContext c) {
        Tensor cond = c.constant(0, "condition");
        Value a = c.required(1);
        Value b = c.required(2);
        int[] out = Shapes.broadcast(Shapes.broadcast(cond.shape(), a.shape(), c.label()), b.shape(), c.label());
        int[] ci = Shapes.broadcastIndex(out, cond.shape());
        if (a instanceof Value.Const ka && b instanceof Value.Const kb) {
            int[] ai = Shapes.broadcastIndex(out, ka.shape());
            int[] bi = Shapes.broadcastIndex(out, kb.shape());
            double[] v = new double[ci.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = cond.values()[ci[i]] != 0 ? ka.tensor().values()[ai[i]] : kb.tensor().values()[bi[i]];
            }
            return new Value.Const(new Tensor(ka.tensor().type(), out, v));
        }
        boolean computedIsA = a instanceof Value.Dyn;
        Value x = computedIsA ? a : b;
        Value other = computedIsA ? b : a;
        if (!(other instanceof Value.Const k)) {
            throw c.error("Where with two computed branches is not supported (only a constant branch or mask)");
        }
        int[] ki = Shapes.broadcastIndex(out, k.shape());
        double[] scale = new double[ci.length];
        double[] shift = new double[ci.length];
        for (int i = 0; i < ci.length; i++) {
            boolean takeX = (cond.values()[ci[i]] != 0) == computedIsA;
            scale[i] = takeX ? 1 : 0;
            shift[i] = takeX ? 0 : k.tensor().values()[ki[i]];
        }
        return scaleShift(c, x, new Tensor(Tensor.Type.FLOAT, out, scale), new Tensor(Tensor.Type.FLOAT, out, shift));
    }

    private static Value equal(NodeContext c) {
        Tensor a = c.constant(0, "first operand");
        Tensor b = c.constant(1, "second operand");
        int[] out = Shapes.broadcast(a.shape(), b.shape(), c.label());
        int[] ai = Shapes.broadcastIndex(out, a.shape());
        int[] bi = Shapes.broadcastIndex(out, b.shape());
        double[] v = new double[ai.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.values()[ai[i]] == b.values()[bi[i]] ? 1 : 0;
        }
        return new Value.Const(new Tensor(Tensor.Type.BOOL, out, v));
    }

    private static Value cast(NodeContext c) {
        long to = c.attrs().getInt("to", OnnxTensors.FLOAT);
        Value x = c.required(0);
        boolean toFloat = to == OnnxTensors.FLOAT || to == OnnxTensors.DOUBLE || to == 10 || to == 16;
        if (x instanceof Value.Dyn) {
            if (!toFloat) {
                throw c.error("casting a computed value to data type " + to + " is not supported");
            }
            return x;
        }
        Tensor t = ((Value.Const) x).tensor();
        double[] v = t.values().clone();
        Tensor.Type type = toFloat ? Tensor.Type.FLOAT : to == OnnxTensors.BOOL ? Tensor.Type.BOOL : Tensor.Type.INT;
        for (int i = 0; i < v.length; i++) {
            v[i] = type == Tensor.Type.BOOL ? (v[i] != 0 ? 1 : 0) : type == Tensor.Type.INT ? (long) v[i] : v[i];
        }
        return new Value.Const(new Tensor(type, t.shape(), v));
    }

    private static Value constant(NodeContext c) {
        Attrs a = c.attrs();
        Tensor t = a.getTensor("value");
        if (t == null && a.has("value_float")) {
            t = Tensor.scalar(Tensor.Type.FLOAT, a.getFloat("value_float", 0));
        } else if (t == null && a.has("value_int")) {
            t = Tensor.scalar(Tensor.Type.INT, a.getInt("value_int", 0));
        } else if (t == null && a.has("value_floats")) {
            float[] f = a.getFloats("value_floats");
            double[] v = new double[f.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = f[i];
            }
            t = Tensor.vector(Tensor.Type.FLOAT, v);
        } else if (t == null && a.has("value_ints")) {
            long[] l = a.getInts("value_ints");
            double[] v = new double[l.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = l[i];
            }
            t = Tensor.vector(Tensor.Type.INT, v);
        }
        if (t == null) {
            throw c.error("no supported value attribute (value, value_float(s), value_int(s))");
        }
        return new Value.Const(t);
    }

    private static Value constantOfShape(NodeContext c) {
        int[] shape = c.constant(0, "shape").ints("ConstantOfShape shape");
        Tensor v = c.attrs().getTensor("value");
        double fill = v == null ? 0 : v.scalarValue(c.label() + " value");
        Tensor.Type type = v == null ? Tensor.Type.FLOAT : v.type();
        double[] data = new double[Shapes.size(shape)];
        java.util.Arrays.fill(data, fill);
        return new Value.Const(new Tensor(type, shape, data));
    }

    private static Value range(NodeContext c) {
        Tensor start = c.constant(0, "start");
        Tensor limit = c.constant(1, "limit");
        Tensor delta = c.constant(2, "delta");
        double s = start.scalarValue("Range start");
        double d = delta.scalarValue("Range delta");
        double n = Math.max(0, Math.ceil((limit.scalarValue("Range limit") - s) / d));
        if (d == 0 || n > Shapes.MAX_ELEMENTS) {
            throw c.error("absurd range");
        }
        double[] v = new double[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = s + i * d;
        }
        return new Value.Const(Tensor.vector(start.type(), v));
    }
}
