package io.edgeproof.zkml.zk;

import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.field.codec.ProofReader;
import io.edgeproof.field.codec.ProofWriter;
import io.edgeproof.zkml.proof.DenseCircuit;
import io.edgeproof.zkml.proof.ModelCircuit.Window;
import io.edgeproof.zkml.proof.NotProvableException;
import io.edgeproof.zkml.quant.QLayer;
import io.edgeproof.zkml.quant.QNode;
import io.edgeproof.zkml.quant.QuantizedModel;
import java.util.ArrayList;
import java.util.List;

/**
 * The public part of a model the zero-knowledge prover handles: plain and spatial tensors, dense layers and
 * convolutions with their per-channel requantization pairs (M_n, s_n) and ONE clamp-excess bound E per layer
 * (per-channel bounds would reveal each channel's weight L1 norm), Relu, MaxPool, element-wise requantized ops,
 * gathers, activation lookups, softmax and MatMul of two activations. Derived from the public-mode circuit
 * ({@link DenseCircuit}), whose no-wrap condition is re-checked here with the layer's E. Part of a
 * hidden-weight verifier key; never holds weights.
 */
public final class ZkCircuit {
    static final int MAX_TENSORS = 1 << 10;
    static final int MAX_CHANNELS = 1 << 16;
    static final int MAX_SIZE = 1 << 22;

    /**
     * rowsPerSample rows of cols values per sample; spatial when height > 0: [C = cols, H, W], one row per
     * position (row = y 2^wVars + x, H and W padded apart, rowsPerSample = 2^(hVars + wVars)), so a padded
     * block's index bits are, low to high, (c, x, y, sample).
     */
    record Tensor(int rowsPerSample, int cols, int height, int width) {
        static Tensor plain(int rows, int cols) {
            return new Tensor(rows, cols, 0, 0);
        }

        boolean isSpatial() {
            return height > 0;
        }

        int colVars() {
            return log2Ceil(cols);
        }

        int hVars() {
            return log2Ceil(height);
        }

        int wVars() {
            return log2Ceil(width);
        }

        int rowVars(int batch) {
            return log2Ceil((long) batch * rowsPerSample);
        }

        /** Variables of the sample index: the row bits above one sample's rows. */
        int sampleVars(int batch) {
            return rowVars(batch) - log2Ceil(rowsPerSample);
        }

        /** Real values per sample. */
        int size() {
            return isSpatial() ? cols * height * width : rowsPerSample * cols;
        }

        /** Block index of value i of sample b in the engine's order (row-major, or NCHW when spatial). */
        int blockIndex(int b, int i) {
            if (!isSpatial()) {
                return ((b * rowsPerSample + i / cols) << colVars()) + i % cols;
            }
            int plane = height * width;
            int y = (i % plane) / width;
            int x = i % width;
            return (((((b << hVars()) | y) << wVars()) | x) << colVars()) | (i / plane);
        }

        /** 1 on the rows holding real values of the batch, 0 on padding rows. */
        long[] rowSelector(int batch) {
            long[] sel = new long[1 << rowVars(batch)];
            if (!isSpatial()) {
                java.util.Arrays.fill(sel, 0, batch * rowsPerSample, 1);
                return sel;
            }
            for (int b = 0; b < batch; b++) {
                for (int y = 0; y < height; y++) {
                    int row = ((b << hVars()) | y) << wVars();
                    java.util.Arrays.fill(sel, row, row + width, 1);
                }
            }
            return sel;
        }
    }

    sealed interface Step permits Dense, Relu, MaxPool, Elementwise, Gather, Table, Softmax, MatMul {
        int input();

        int output();
    }

    /**
     * y = clamp((M_n (bias_n + sum_k w[n, k] x[k]) + 2^(s_n - 1)) >> s_n), clamp excess below 2^excessBits.
     * A Conv has a {@code window}: x[k] is the patch of an output position, k = (c, kx, ky) bits, zero outside
     * the input. A dense layer over a spatial tensor reads one sample's block flattened (k = (c, x, y) bits).
     */
    record Dense(int input, int output, int in, int out, long[] multipliers, int[] shifts, int excessBits,
                 Window window) implements Step {
        boolean isConv() {
            return window != null;
        }
    }

    record Relu(int input, int output) implements Step {}

    /** m = max over the window's positions inside the input (padding never wins; none inside gives -2^15). */
    record MaxPool(int input, int output, Window window) implements Step {
        /** Window positions: the degree of the product zero-check is one more. */
        static final int MAX_WINDOW = 15;
    }

    /**
     * y = clamp((acc + 2^(s-1)) >> s) per element with one shift and public per-element constants (one
     * sample's, in the engine's order): AFFINE acc = ca x + offset, ADD acc = ca a + cb b (b possibly read
     * through a broadcast gather), MUL acc = ca a b, POOL acc = ca (S x) + offset; {@code mapOut}/{@code mapIn}
     * are the pairs of the map (null when none), {@code excessBits} the clamp excess bound.
     */
    record Elementwise(DenseCircuit.ElementwiseKind kind, int input, int input2, int output, long[] ca, long[] cb,
                       long[] offset, int shift, int excessBits, int[] mapOut, int[] mapIn) implements Step {
        /** The operand read through the map (the pooled input, the broadcast second operand), or -1. */
        int mappedInput() {
            return mapOut == null ? -1 : kind == DenseCircuit.ElementwiseKind.POOL ? input : input2;
        }

        boolean hasSecondInput() {
            return kind == DenseCircuit.ElementwiseKind.ADD || kind == DenseCircuit.ElementwiseKind.MUL;
        }
    }

    /** y[i] = x[index[i]], or {@code fill} where index[i] = -1 (indices of one sample, engine order). */
    record Gather(int input, int output, int[] index, int fill) implements Step {}

    /** y = table[x + 2^15] element-wise (a public 2^16-entry int16 table); y has x's layout. */
    record Table(int input, int output, int[] table) implements Step {
        static final int VARS = 16;
        static final int OFFSET = 1 << 15;
    }

    /**
     * Integer softmax over rows of {@code rowLength} values of a plain tensor (y has x's layout): per row
     * m = max x, e = table[m - x] ({@code table}: 2^16 entries in [0, 2^15], the clamp of m - x folded in),
     * Z = sum e, y = floor((65534 e + Z) / (2 Z)).
     */
    record Softmax(int input, int output, int rowLength, int[] table) implements Step {
        static final long TWICE_MAX = DenseCircuit.Softmax.TWICE_MAX;

        /** Bits of the remainder r and of its gap 2Z - 1 - r (Z <= rowLength 2^15). */
        int remainderBits() {
            return 16 + 1 + log2Ceil(rowLength);
        }
    }

    /**
     * y = clamp((M acc + 2^(s-1)) >> s), acc[b, p, i, j] = sum_k a[b, p, i, k] b[b, p, k, j] over {@code heads}
     * heads p (one multiplier M for every element; operand layouts in {@link MatMulChecks.Geometry}).
     */
    record MatMul(int input, int input2, int output, int heads, long multiplier, int shift, int excessBits)
            implements Step {}

    private final int inputSize;
    private final List<Tensor> tensors;
    private final List<Step> steps;
    private final int[] outputs;

    ZkCircuit(int inputSize, List<Tensor> tensors, List<Step> steps, int[] outputs) {
        this.inputSize = inputSize;
        this.tensors = List.copyOf(tensors);
        this.steps = List.copyOf(steps);
        this.outputs = outputs.clone();
    }

    /**
     * The circuit of a model, or {@link NotProvableException} naming the first op the zero-knowledge prover
     * does not handle ("zero-knowledge proof for Clip not implemented yet"; the public mode refuses Clip and PRelu too).
     */
    public static ZkCircuit of(QuantizedModel model) {
        for (QNode n : model.nodes()) {
            if (!(n.layer() instanceof QLayer.Linear || n.layer() instanceof QLayer.Conv
                    || n.layer() instanceof QLayer.Relu || n.layer() instanceof QLayer.MaxPool
                    || n.layer() instanceof QLayer.Reshape || n.layer() instanceof QLayer.ScaleShift
                    || n.layer() instanceof QLayer.Add || n.layer() instanceof QLayer.Mul
                    || n.layer() instanceof QLayer.AvgPool || n.layer() instanceof QLayer.ReduceMean
                    || n.layer() instanceof QLayer.Layout || n.layer() instanceof QLayer.Lookup
                    || n.layer() instanceof QLayer.Softmax || n.layer() instanceof QLayer.MatMul)) {
                throw DenseCircuit.unsupported(n.layer().getClass().getSimpleName());
            }
        }
        return of(DenseCircuit.of(model));
    }

    /** The circuit of a dense public-mode circuit, with one excess bound per layer (re-checked for wrap-around). */
    static ZkCircuit of(DenseCircuit dc) {
        List<Tensor> tensors = new ArrayList<>();
        for (DenseCircuit.Tensor t : dc.tensors()) {
            tensors.add(new Tensor(t.rowsPerSample(), t.cols(), t.height(), t.width()));
        }
        List<Step> steps = new ArrayList<>();
        for (DenseCircuit.Step s : dc.steps()) {
            steps.add(switch (s) {
                case DenseCircuit.Dense d -> dense(d);
                case DenseCircuit.Relu r -> new Relu(r.input(), r.output());
                case DenseCircuit.MaxPool m -> new MaxPool(m.input(), m.output(), m.window());
                case DenseCircuit.Elementwise e -> new Elementwise(e.kind(), e.input(), e.input2(), e.output(), e.ca(),
                        e.cb(), e.offset(), e.shift(), Math.max(1, e.excessBits()), e.mapOut(), e.mapIn());
                case DenseCircuit.Gather g -> new Gather(g.input(), g.output(), g.index(), g.fill());
                case DenseCircuit.Lookup t -> new Table(t.input(), t.output(), t.table());
                case DenseCircuit.Softmax x -> new Softmax(x.input(), x.output(), x.rowLength(), x.differenceTable());
                case DenseCircuit.MatMul m -> matmul(m, tensors, steps);
            });
        }
        return new ZkCircuit(dc.inputSize(), tensors, steps, dc.outputs());
    }

    /** A MatMul with one multiplier and operand layouts the check can read, else NotProvableException. */
    private static MatMul matmul(DenseCircuit.MatMul m, List<Tensor> tensors, List<Step> steps) {
        for (long c : m.ca()) {
            if (c != m.ca()[0]) {
                throw new NotProvableException("zero-knowledge proof for MatMul at node " + (m.node() + 1)
                        + " not possible: per-element multipliers");
            }
        }
        MatMul step = new MatMul(m.input(), m.input2(), m.output(), m.heads(), m.ca()[0], m.shift(),
                Math.max(1, m.excessBits()));
        if (MatMulChecks.Geometry.of(tensors, step) == null) {
            throw new NotProvableException("zero-knowledge proof for MatMul at node " + (m.node() + 1)
                    + " not possible: operand layouts that are not power-of-two bit fields");
        }
        if (MatMulChecks.sharedColumns(steps, step)) {
            throw new NotProvableException("zero-knowledge proof for MatMul at node " + (m.node() + 1)
                    + " not possible: both operands are read through the same committed columns");
        }
        return step;
    }

    private static Dense dense(DenseCircuit.Dense d) {
        int e = 1;
        for (int b : d.excessBits()) {
            e = Math.max(e, b);
        }
        for (int n = 0; n < d.out(); n++) {
            if (!DenseCircuit.noWrap(d.accBounds()[n], d.multipliers()[n], d.shifts()[n], e)) {
                throw new NotProvableException("zero-knowledge proof for " + (d.isConv() ? "Conv" : "Linear")
                        + " at node " + (d.node() + 1)
                        + " not possible: with one excess bound per layer the requantization could wrap the field");
            }
        }
        return new Dense(d.input(), d.output(), d.in(), d.out(), d.multipliers(), d.shifts(), e, d.window());
    }

    /**
     * Variables of a dense step's inner index k: (c, kx, ky) of a Conv, one sample's flattened block of a
     * spatial input, else the input's columns.
     */
    int featureVars(Dense d) {
        Tensor x = tensor(d.input());
        if (d.isConv()) {
            return x.colVars() + d.window().kxVars() + d.window().kyVars();
        }
        return x.isSpatial() ? x.colVars() + x.hVars() + x.wVars() : x.colVars();
    }

    /** The padded inner index k of each of the layer's weight columns, in the layer's own order. */
    int[] featureColumns(Dense d) {
        Tensor x = tensor(d.input());
        int[] col = new int[d.in()];
        for (int i = 0; i < col.length; i++) {
            if (d.isConv()) {
                Window w = d.window();
                int c = i / w.size(), ky = (i % w.size()) / w.kernelW(), kx = i % w.kernelW();
                col[i] = (((ky << w.kxVars()) | kx) << x.colVars()) | c;
            } else {
                col[i] = x.isSpatial() ? x.blockIndex(0, i) : i;
            }
        }
        return col;
    }

    int inputSize() {
        return inputSize;
    }

    List<Tensor> tensors() {
        return tensors;
    }

    Tensor tensor(int id) {
        return tensors.get(id);
    }

    List<Step> steps() {
        return steps;
    }

    int[] outputs() {
        return outputs.clone();
    }

    boolean isOutput(int tensor) {
        for (int o : outputs) {
            if (o == tensor) {
                return true;
            }
        }
        return false;
    }

    /** int16 values per output sample: the output tensors laid end to end. */
    int outputSize() {
        int n = 0;
        for (int o : outputs) {
            n += tensors.get(o).size();
        }
        return n;
    }

    List<Dense> denseSteps() {
        List<Dense> out = new ArrayList<>();
        for (Step s : steps) {
            if (s instanceof Dense d) {
                out.add(d);
            }
        }
        return out;
    }

    static int log2Ceil(long n) {
        return n <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(n - 1);
    }

    // ---- encoding (part of a hidden-weight verifier key and of its model id): ZkCircuitCodec ----------

    void writeTo(ProofWriter w) {
        ZkCircuitCodec.write(this, w);
    }

    byte[] encode() {
        ProofWriter w = new ProofWriter();
        writeTo(w);
        return w.toByteArray();
    }

    /** Decodes and validates shapes and references; counts are bounded before allocation. */
    static ZkCircuit readFrom(ProofReader r) throws MalformedProofException {
        return ZkCircuitCodec.read(r);
    }
}
