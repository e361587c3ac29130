package io.edgeproof.zkml.proof;

import io.edgeproof.zkml.graph.FloatKernels;
import io.edgeproof.zkml.graph.Shapes;
import io.edgeproof.zkml.quant.QLayer;
import io.edgeproof.zkml.quant.QNode;
import io.edgeproof.zkml.quant.Requant;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * The circuit steps of the element-wise and index-map ops ({@link RequantStep}, {@link GatherStep},
 * {@link TableStep}): their per-element constants, maps and layouts, and the refusals (per-channel
 * requantization of an element-wise op, operands that do not broadcast to the output, constants the field
 * cannot hold).
 */
final class PointwiseBuilder {
    private final CircuitBuilder circuit;

    PointwiseBuilder(CircuitBuilder circuit) {
        this.circuit = circuit;
    }

    /** y = rq(x A[i] + B[i]): ca = M A, offset = M B per element; y keeps x's layout. */
    int scaleShift(int k, QNode node, QLayer.ScaleShift a, int in) {
        Requant rq = single(k, a.rq(), "ScaleShift");
        int[] ai = Shapes.broadcastIndex(node.shape(), a.scaleShape());
        int[] bi = Shapes.broadcastIndex(node.shape(), a.shiftShape());
        long m = rq.multipliers()[0];
        long[] ca = new long[node.size()];
        long[] offset = new long[node.size()];
        try {
            for (int i = 0; i < ca.length; i++) {
                ca[i] = Math.multiplyExact(m, (long) a.scale()[ai[i]]);
                offset[i] = Math.multiplyExact(m, a.shift()[bi[i]]);
            }
        } catch (ArithmeticException e) {
            throw unsound(k, "ScaleShift");
        }
        return requant(k, RequantStep.Kind.AFFINE, in, -1, circuit.tensor(in), ca, new long[ca.length], offset,
                rq.shifts()[0], null);
    }

    /**
     * y = clamp((a Ma + b Mb + 2^(s-1)) >> s); one operand may be broadcast (it becomes the second, read
     * through its broadcast map), the other has the output's shape and gives the layout.
     */
    int add(int k, QNode node, QLayer.Add a, int in, int in2) {
        boolean swap = broadcastFirst(k, node, "Add");
        long[] ca = new long[node.size()];
        long[] cb = new long[node.size()];
        Arrays.fill(ca, swap ? a.mb() : a.ma());
        Arrays.fill(cb, swap ? a.ma() : a.mb());
        return requant(k, RequantStep.Kind.ADD, swap ? in2 : in, swap ? in : in2, ca, cb, new long[ca.length],
                a.shift(), node, swap);
    }

    /** y = rq(a b); one operand may be broadcast, as for Add. */
    int mul(int k, QNode node, QLayer.Mul m, int in, int in2) {
        boolean swap = broadcastFirst(k, node, "Mul");
        Requant rq = single(k, m.rq(), "Mul");
        long[] ca = new long[node.size()];
        Arrays.fill(ca, rq.multipliers()[0]);
        return requant(k, RequantStep.Kind.MUL, swap ? in2 : in, swap ? in : in2, ca, new long[ca.length],
                new long[ca.length], rq.shifts()[0], node, swap);
    }

    /**
     * y = rq(sum_k a[p, i, k] b[p, k, j]) of two activations [.., m, k] and [.., k, n] with the same leading
     * (head) dimensions, laid out as spatial [heads, rows, cols] or plain rows x cols ({@link MatMulCheck}).
     */
    int matmul(int k, QNode node, QLayer.MatMul m, int in, int in2) {
        Requant rq = single(k, m.rq(), "MatMul");
        int[] as = circuit.model().shapeOf(node.inputs()[0]);
        int[] bs = circuit.model().shapeOf(node.inputs()[1]);
        int[] ys = node.shape();
        int n = ys.length < 2 ? 0 : ys[ys.length - 1];
        int heads = ys.length < 2 ? 1 : node.size() / (ys[ys.length - 2] * n);
        // Rows of the heads stacked (what a Softmax over the last axis reads), when that stays bit-aligned.
        ModelCircuit.Tensor layout = Integer.bitCount(node.size() / n) == 1 && Integer.bitCount(heads) == 1
                ? ModelCircuit.Tensor.plain(node.size() / n, n) : CircuitBuilder.natural(ys);
        MatMulCheck.Geometry g = MatMulCheck.Geometry.of(circuit.tensor(in), circuit.tensor(in2), layout, heads);
        if (g == null || !matches(as, g.a()) || !matches(bs, g.b()) || !matches(node.shape(), g.y())
                || as.length != node.shape().length || bs.length != node.shape().length) {
            throw circuit.notProvable(k, "MatMul of operand shapes " + Arrays.toString(as) + " and "
                    + Arrays.toString(bs) + " (needs equal leading dimensions and a row/column layout)");
        }
        long[] ca = new long[node.size()];
        Arrays.fill(ca, rq.multipliers()[0]);
        long[] zero = new long[ca.length];
        int excess = RequantStep.soundExcessBits(RequantStep.Kind.MATMUL, ca, zero, zero, null, rq.shifts()[0], g.inner());
        if (excess < 0) {
            throw unsound(k, "MatMul");
        }
        return circuit.add(layout, out -> new RequantStep(k, RequantStep.Kind.MATMUL, in, in2, out, ca, zero, zero,
                rq.shifts()[0], excess, null, heads));
    }

    /** Whether a shape [.., rows, cols] has the axes' rows and columns and its heads as leading dimensions. */
    private static boolean matches(int[] shape, MatMulCheck.Axes axes) {
        int r = shape.length;
        return r >= 2 && shape[r - 2] == axes.rows() && shape[r - 1] == axes.cols()
                && Shapes.size(shape) == (long) axes.heads() * axes.rows() * axes.cols();
    }

    /**
     * y = rq_c(window sum) with c the divisor of each output position. The pairs (M_c, s_c) are brought to
     * the largest shift S used: (acc M 2^(S-s) + 2^(S-1)) >> S = (acc M + 2^(s-1)) >> s exactly.
     */
    int avgPool(int k, QNode node, QLayer.AvgPool p, int in) {
        int[] inShape = circuit.model().shapeOf(node.inputs()[0]);
        int[] out = node.shape();
        if (inShape.length != 4 || out.length != 4) {
            throw circuit.notProvable(k, "AvgPool over a tensor of shape " + Arrays.toString(inShape));
        }
        int h = inShape[2], w = inShape[3], oh = out[2], ow = out[3];
        int[] st = p.strides();
        int[] pads = p.pads();
        int[] divisor = new int[node.size()];
        int[] pairOut = new int[node.size() * p.kernelH() * p.kernelW()];
        int[] pairIn = new int[pairOut.length];
        int n = 0;
        for (int c = 0; c < out[1]; c++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    int o = (c * oh + oy) * ow + ox;
                    for (int ky = 0; ky < p.kernelH(); ky++) {
                        for (int kx = 0; kx < p.kernelW(); kx++) {
                            int iy = oy * st[0] - pads[0] + ky;
                            int ix = ox * st[1] - pads[1] + kx;
                            if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                                pairOut[n] = o;
                                pairIn[n++] = (c * h + iy) * w + ix;
                                divisor[o]++;
                            }
                        }
                    }
                    if (p.countIncludePad() && divisor[o] > 0) {
                        divisor[o] = FloatKernels.avgDivisor(oy, ox, p.kernelH(), p.kernelW(), st, pads, h, w);
                    }
                }
            }
        }
        int shift = 1;
        for (int d : divisor) {
            shift = d == 0 ? shift : Math.max(shift, p.rq().shifts()[d - 1]);
        }
        long[] ca = new long[node.size()];
        for (int i = 0; i < ca.length; i++) {
            if (divisor[i] > 0) {
                BigInteger m = BigInteger.valueOf(p.rq().multipliers()[divisor[i] - 1])
                        .shiftLeft(shift - p.rq().shifts()[divisor[i] - 1]);
                if (m.bitLength() > 62) {
                    throw unsound(k, "AvgPool");
                }
                ca[i] = m.longValueExact();
            }
        }
        SparseMap map = new SparseMap(Arrays.copyOf(pairOut, n), Arrays.copyOf(pairIn, n));
        return requant(k, RequantStep.Kind.POOL, in, -1, CircuitBuilder.natural(out), ca, new long[ca.length],
                new long[ca.length], shift, map);
    }

    /** y = rq(sum over the reduced axes). */
    int reduceMean(int k, QNode node, QLayer.ReduceMean r, int in) {
        Requant rq = single(k, r.rq(), "ReduceMean");
        int[] target = FloatKernels.reduceIndex(circuit.model().shapeOf(node.inputs()[0]), r.axes());
        int[] source = new int[target.length];
        Arrays.setAll(source, i -> i);
        long[] ca = new long[node.size()];
        Arrays.fill(ca, rq.multipliers()[0]);
        return requant(k, RequantStep.Kind.POOL, in, -1, CircuitBuilder.natural(node.shape()), ca, new long[ca.length],
                new long[ca.length], rq.shifts()[0], new SparseMap(target, source));
    }

    /** y[i] = x[index[i]] or fill. */
    int gather(int k, QNode node, QLayer.Layout l, int in) {
        if (l.index().length != node.size() || Arrays.stream(l.index()).anyMatch(v -> v >= circuit.tensor(in).size())) {
            throw circuit.notProvable(k, "Layout whose index does not fit its tensors");
        }
        return circuit.add(CircuitBuilder.natural(node.shape()),
                out -> new GatherStep(k, in, out, l.index().clone(), l.fill()));
    }

    /** y = table[x + 2^15], in x's layout. */
    int lookup(int k, QLayer.Lookup l, int in) {
        return circuit.add(circuit.tensor(in), out -> new TableStep(k, in, out, l.table().clone()));
    }

    /** Softmax over the last axis: rows of its length, in the input's (plain) layout. */
    int softmax(int k, QNode node, QLayer.Softmax s, int in) {
        int[] shape = node.shape();
        int d = Shapes.product(shape, s.axisFrom(), s.axisTo());
        if (s.axisTo() != shape.length || s.axisFrom() != shape.length - 1 || d > SoftmaxStep.MAX_ROW) {
            throw circuit.notProvable(k, "Softmax over axes [" + s.axisFrom() + ", " + s.axisTo() + ") of "
                    + Arrays.toString(shape) + " (only the last axis)");
        }
        circuit.requireCols(k, in, d, "Softmax");
        return circuit.add(circuit.tensor(in), out -> new SoftmaxStep(k, in, out, d, s.expTable().clone()));
    }

    private int requant(int k, RequantStep.Kind kind, int in, int in2, ModelCircuit.Tensor layout, long[] ca, long[] cb,
                        long[] offset, int shift, SparseMap map) {
        int excess = RequantStep.soundExcessBits(kind, ca, cb, offset, map, shift, 1);
        if (excess < 0) {
            throw unsound(k, circuit.model().nodes().get(k).layer().getClass().getSimpleName());
        }
        return circuit.add(layout, out -> new RequantStep(k, kind, in, in2, out, ca, cb, offset, shift, excess, map, 1));
    }

    /** A binary step; the second operand is read through its broadcast map unless it has the output's layout. */
    private int requant(int k, RequantStep.Kind kind, int in, int in2, long[] ca, long[] cb, long[] offset, int shift,
                        QNode node, boolean swap) {
        int[] bShape = circuit.model().shapeOf(node.inputs()[swap ? 0 : 1]);
        boolean direct = Arrays.equals(bShape, node.shape()) && circuit.tensor(in).equals(circuit.tensor(in2));
        SparseMap map = null;
        if (!direct) {
            int[] source = Shapes.broadcastIndex(node.shape(), bShape);
            int[] target = new int[source.length];
            Arrays.setAll(target, i -> i);
            map = new SparseMap(target, source);
        }
        return requant(k, kind, in, in2, circuit.tensor(in), ca, cb, offset, shift, map);
    }

    private Requant single(int k, Requant rq, String op) {
        if (rq.channels() != 1) {
            throw circuit.notProvable(k, op + " with per-channel requantization");
        }
        return rq;
    }

    /**
     * Checks the two operands of a binary op: the full one has the output's shape and layout, the other
     * the same or a shape broadcast to it. Returns whether the first operand is the broadcast one.
     */
    private boolean broadcastFirst(int k, QNode node, String op) {
        int[] a = circuit.model().shapeOf(node.inputs()[0]);
        int[] b = circuit.model().shapeOf(node.inputs()[1]);
        int[] out = node.shape();
        boolean swap = !Arrays.equals(a, out) && Arrays.equals(b, out);
        int full = circuit.tensorOf(node.inputs()[swap ? 1 : 0]);
        int other = circuit.tensorOf(node.inputs()[swap ? 0 : 1]);
        boolean same = Arrays.equals(a, b) && circuit.tensor(full).equals(circuit.tensor(other));
        if (!Arrays.equals(swap ? b : a, out) || Shapes.size(out) != node.size() || !same && !broadcastsTo(swap ? a : b, out)) {
            throw circuit.notProvable(k, op + " with operand shapes " + Arrays.toString(a) + " and " + Arrays.toString(b)
                    + " (one must have the output's shape " + Arrays.toString(out) + ")");
        }
        return swap;
    }

    private static boolean broadcastsTo(int[] in, int[] out) {
        if (in.length > out.length) {
            return false;
        }
        for (int i = 0; i < in.length; i++) {
            int d = in[i];
            if (d != 1 && d != out[out.length - in.length + i]) {
                return false;
            }
        }
        return true;
    }

    private NotProvableException unsound(int k, String op) {
        return new NotProvableException("not yet provable: " + op + " at node " + (k + 1)
                + ": its requantization relation could wrap around the field");
    }
}
