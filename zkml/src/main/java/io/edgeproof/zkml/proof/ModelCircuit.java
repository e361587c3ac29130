package io.edgeproof.zkml.proof;

import io.edgeproof.field.Goldilocks;
import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.field.codec.ProofReader;
import io.edgeproof.field.codec.ProofWriter;
import io.edgeproof.iop.sumcheck.SumcheckExpression;
import io.edgeproof.zkml.quant.QuantizedModel;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the verifier knows about a model: its tensors and the steps that produce them, with every public
 * constant a constraint uses (requantization pairs, clamp excess bounds, accumulator bounds, windows).
 * Tensor 0 is the public input; every other tensor is committed per proof. Built once at setup from the
 * quantized model ({@link CircuitBuilder}), bound into the model id, shared by prover and verifier.
 * Supported: Linear and Conv (with requantization and clamp), Relu, MaxPool, and Reshapes that keep the
 * row layout or flatten a spatial tensor into a dense layer's input.
 */
public final class ModelCircuit {
    static final int MAX_TENSORS = 1 << 12;
    static final int MAX_CHANNELS = 1 << 20;
    /** A tensor of a sample holds at most this many values, padding included (the engine's bound is larger). */
    static final long MAX_TENSOR_SIZE = 1L << 24;

    /**
     * A per-sample tensor viewed as rowsPerSample rows of cols values. Plain tensors (height = width = 0) are
     * the engine's row-major matrices. Spatial tensors [C, H, W] (the engine's NCHW) keep one row per position
     * and the channels as columns, with H and W padded to powers of two separately (row = y 2^wVars + x), so
     * a window's shift along one axis touches one group of index bits.
     */
    record Tensor(int rowsPerSample, int cols, int height, int width) {
        static Tensor plain(int rows, int cols) {
            return new Tensor(rows, cols, 0, 0);
        }

        static Tensor spatial(int channels, int height, int width) {
            return new Tensor(1 << (log2Ceil(height) + log2Ceil(width)), channels, height, width);
        }

        boolean isSpatial() {
            return height > 0;
        }

        int hVars() {
            return log2Ceil(height);
        }

        int wVars() {
            return log2Ceil(width);
        }

        int colVars() {
            return log2Ceil(cols);
        }

        int rowVars(int batch) {
            return log2Ceil((long) batch * rowsPerSample);
        }

        /** Variables of one sample's padded block (its flattened view as one row). */
        int sampleVars() {
            return log2Ceil(rowsPerSample) + colVars();
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
                Arrays.fill(sel, 0, batch * rowsPerSample, 1);
                return sel;
            }
            for (int b = 0; b < batch; b++) {
                for (int y = 0; y < height; y++) {
                    int row = ((b << hVars()) | y) << wVars();
                    Arrays.fill(sel, row, row + width, 1);
                }
            }
            return sel;
        }
    }

    /** A 2-D window: kernel size, strides, top/left padding, dilations (bottom/right padding only cuts it). */
    public record Window(int kernelH, int kernelW, int strideY, int strideX, int padTop, int padLeft, int dilY, int dilX) {
        private static final int MAX_EXTENT = 1 << 16;

        public int size() {
            return kernelH * kernelW;
        }

        public int kyVars() {
            return log2Ceil(kernelH);
        }

        public int kxVars() {
            return log2Ceil(kernelW);
        }

        /** Input row of output row oy at kernel row ky (outside the input when < 0 or >= H). */
        public int inputY(int oy, int ky) {
            return oy * strideY + ky * dilY - padTop;
        }

        public int inputX(int ox, int kx) {
            return ox * strideX + kx * dilX - padLeft;
        }

        public boolean valid() {
            return kernelH > 0 && kernelW > 0 && kernelH <= 64 && kernelW <= 64 && strideY > 0 && strideX > 0
                    && dilY > 0 && dilX > 0 && strideY < MAX_EXTENT && strideX < MAX_EXTENT && dilY < MAX_EXTENT
                    && dilX < MAX_EXTENT && padTop >= 0 && padLeft >= 0 && padTop < MAX_EXTENT && padLeft < MAX_EXTENT;
        }

        void writeTo(ProofWriter w) {
            w.u32(kernelH).u32(kernelW).u32(strideY).u32(strideX).u32(padTop).u32(padLeft).u32(dilY).u32(dilX);
        }

        static Window readFrom(ProofReader r) throws MalformedProofException {
            Window w = new Window(r.u32("kernel height"), r.u32("kernel width"), r.u32("stride"), r.u32("stride"),
                    r.u32("padding"), r.u32("padding"), r.u32("dilation"), r.u32("dilation"));
            if (!w.valid()) {
                throw new MalformedProofException("malformed window " + w);
            }
            return w;
        }
    }

    sealed interface Step permits Linear, Relu, MaxPool, RequantStep, GatherStep, TableStep, SoftmaxStep {
        int node();

        int input();

        int output();
    }

    /**
     * acc[i, n] = bias[n] + sum_k x[i, k] w[n, k]; t = (acc M_n + 2^(s_n - 1)) >> s_n; y = clamp(t).
     * {@code excessBits[n]}: the clamp's excess |t - y| is below 2^excessBits[n] for every int16 input;
     * {@code accBound[n]}: |acc| never exceeds it; {@code in}: terms per output. A Conv is a Linear with a
     * {@code window} (null for a dense layer): x[i, k] is the patch of output position i, k = (c, kx, ky),
     * zero outside the input. A dense layer over a spatial tensor reads it flattened (NCHW order).
     */
    record Linear(int node, int input, int output, int in, int out, long[] multipliers, int[] shifts,
                  int[] excessBits, long[] accBound, Window window) implements Step {
        int maxShift() {
            return Arrays.stream(shifts).max().orElseThrow();
        }

        int maxExcessBits() {
            return Math.max(1, Arrays.stream(excessBits).max().orElseThrow());
        }

        boolean isConv() {
            return window != null;
        }
    }

    /** z = max(y, 0). */
    record Relu(int node, int input, int output) implements Step {}

    /** m = max over the window's positions inside the input (padding never wins; none inside gives -2^15). */
    record MaxPool(int node, int input, int output, Window window) implements Step {
        static final int MAX_WINDOW = SumcheckExpression.MAX_DEGREE - 1;
    }

    private final List<Tensor> tensors;
    private final List<Step> steps;
    private final int[] outputs;
    private final int inputSize;

    ModelCircuit(List<Tensor> tensors, List<Step> steps, int[] outputs, int inputSize) {
        this.tensors = List.copyOf(tensors);
        this.steps = List.copyOf(steps);
        this.outputs = outputs.clone();
        this.inputSize = inputSize;
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

    /** int16 values per input sample. */
    public int inputSize() {
        return inputSize;
    }

    /** int16 values per output sample: the output tensors laid end to end. */
    public int outputSize() {
        int n = 0;
        for (int o : outputs) {
            n += tensors.get(o).size();
        }
        return n;
    }

    List<Linear> linearSteps() {
        List<Linear> out = new ArrayList<>();
        for (Step s : steps) {
            if (s instanceof Linear l) {
                out.add(l);
            }
        }
        return out;
    }

    /** Variables of the matmul's inner index k: (c, kx, ky) of a Conv, the (flattened) input row of a dense layer. */
    int featureVars(Linear l) {
        Tensor x = tensor(l.input());
        if (l.isConv()) {
            return x.colVars() + l.window().kxVars() + l.window().kyVars();
        }
        return x.isSpatial() ? x.sampleVars() : x.colVars();
    }

    /** The padded column k of each of the layer's weights per output channel, in the layer's own order. */
    int[] featureColumns(Linear l) {
        Tensor x = tensor(l.input());
        int[] col = new int[l.in()];
        if (l.isConv()) {
            Window w = l.window();
            for (int i = 0; i < col.length; i++) {
                int c = i / w.size();
                int ky = (i % w.size()) / w.kernelW();
                int kx = i % w.kernelW();
                col[i] = (((ky << w.kxVars()) | kx) << x.colVars()) | c;
            }
        } else {
            for (int i = 0; i < col.length; i++) {
                col[i] = x.isSpatial() ? x.blockIndex(0, i) : i;
            }
        }
        return col;
    }

    /** The circuit of a model, or {@link NotProvableException} naming the first op it cannot prove. */
    public static ModelCircuit of(QuantizedModel m) {
        return new CircuitBuilder(m).build();
    }

    /** Bits of the largest clamp excess max(t - 2^15 + 1, -2^15 - t, 0) over |acc| <= bound. */
    static int excessBits(long accBound, long multiplier, int shift) {
        BigInteger half = BigInteger.ONE.shiftLeft(shift - 1);
        BigInteger product = BigInteger.valueOf(accBound).multiply(BigInteger.valueOf(multiplier));
        BigInteger tMax = product.add(half).shiftRight(shift);
        BigInteger tMin = product.negate().add(half).shiftRight(shift);
        BigInteger high = tMax.subtract(BigInteger.valueOf(io.edgeproof.zkml.quant.Requant.HI));
        BigInteger low = BigInteger.valueOf(io.edgeproof.zkml.quant.Requant.LO).subtract(tMin);
        return high.max(low).max(BigInteger.ZERO).bitLength();
    }

    /**
     * Whether acc M + 2^(s-1) = (y + e+ - e-) 2^s + r, read in the field, forces the same equation over the
     * integers: both sides are bounded (|acc| <= bound, |y| <= 2^15, e < 2^excessBits, r < 2^s) and the
     * sum of the bounds stays below p, so the two sides cannot differ by a multiple of p.
     */
    static boolean noWrap(long accBound, long multiplier, int shift, int excessBits) {
        BigInteger left = BigInteger.valueOf(accBound).multiply(BigInteger.valueOf(multiplier))
                .add(BigInteger.ONE.shiftLeft(shift - 1));
        BigInteger t = BigInteger.ONE.shiftLeft(15).add(BigInteger.ONE.shiftLeft(excessBits)).add(BigInteger.ONE);
        BigInteger right = t.shiftLeft(shift);
        return left.add(right).compareTo(new BigInteger(Long.toUnsignedString(Goldilocks.P))) < 0;
    }

    static int log2Ceil(long n) {
        return n <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(n - 1);
    }

    // ---- encoding (part of the verifier key and of the model id) -----------------------------------

    private static final int LINEAR = 1, RELU = 2, CONV = 3, MAX_POOL = 4, REQUANT = 5, GATHER = 6, LOOKUP = 7,
            SOFTMAX = 8;

    void writeTo(ProofWriter w) {
        w.u32(inputSize).u32(tensors.size());
        for (Tensor t : tensors) {
            w.u32(t.rowsPerSample()).u32(t.cols()).u32(t.height()).u32(t.width());
        }
        w.u32(steps.size());
        for (Step s : steps) {
            int tag = switch (s) {
                case Linear l -> l.isConv() ? CONV : LINEAR;
                case Relu r -> RELU;
                case MaxPool m -> MAX_POOL;
                case RequantStep q -> REQUANT;
                case GatherStep g -> GATHER;
                case TableStep t -> LOOKUP;
                case SoftmaxStep x -> SOFTMAX;
            };
            w.u8(tag).u32(s.node()).u32(s.input()).u32(s.output());
            if (s instanceof Linear l) {
                w.u32(l.in()).u32(l.out());
                for (int c = 0; c < l.out(); c++) {
                    w.u64(l.multipliers()[c]).u8(l.shifts()[c]).u8(l.excessBits()[c]).u64(l.accBound()[c]);
                }
                if (l.isConv()) {
                    l.window().writeTo(w);
                }
            } else if (s instanceof MaxPool m) {
                m.window().writeTo(w);
            } else if (s instanceof RequantStep q) {
                q.writeBody(w);
            } else if (s instanceof GatherStep g) {
                g.writeBody(w);
            } else if (s instanceof TableStep t) {
                t.writeBody(w);
            } else if (s instanceof SoftmaxStep x) {
                x.writeBody(w);
            }
        }
        w.u32(outputs.length);
        for (int o : outputs) {
            w.u32(o);
        }
    }

    byte[] encode() {
        ProofWriter w = new ProofWriter();
        writeTo(w);
        return w.toByteArray();
    }

    /** Decodes and validates a circuit: every count is bounded before allocation, every reference checked. */
    static ModelCircuit readFrom(ProofReader r) throws MalformedProofException {
        int inputSize = r.count("input size", 1, (int) MAX_TENSOR_SIZE);
        int numTensors = r.count("tensor count", 2, Math.min(MAX_TENSORS, r.remaining() / 16));
        List<Tensor> tensors = new ArrayList<>(numTensors);
        for (int i = 0; i < numTensors; i++) {
            tensors.add(readTensor(r, i));
        }
        if (tensors.get(0).size() != inputSize) {
            throw new MalformedProofException("input tensor does not hold the input size");
        }
        int numSteps = r.count("step count", 1, numTensors - 1);
        List<Step> steps = new ArrayList<>(numSteps);
        for (int i = 0; i < numSteps; i++) {
            steps.add(readStep(r, tensors, i + 1));
        }
        int numOutputs = r.count("output count", 1, numTensors - 1);
        int[] outputs = new int[numOutputs];
        for (int i = 0; i < numOutputs; i++) {
            outputs[i] = r.count("output tensor", 1, numTensors - 1);
        }
        if (numSteps != numTensors - 1) {
            throw new MalformedProofException("every committed tensor needs exactly one producing step");
        }
        return new ModelCircuit(tensors, steps, outputs, inputSize);
    }

    private static Tensor readTensor(ProofReader r, int i) throws MalformedProofException {
        int rows = r.count("rows per sample", 1, (int) MAX_TENSOR_SIZE);
        int cols = r.count("columns", 1, (int) MAX_TENSOR_SIZE);
        int height = r.count("height", 0, (int) MAX_TENSOR_SIZE);
        int width = r.count("width", 0, (int) MAX_TENSOR_SIZE);
        Tensor t = new Tensor(rows, cols, height, width);
        boolean shape = height == 0 ? width == 0 : width > 0 && t.equals(Tensor.spatial(cols, height, width));
        if (!shape || (long) rows << t.colVars() > MAX_TENSOR_SIZE) {
            throw new MalformedProofException("tensor " + i + " has a malformed or too large shape");
        }
        return t;
    }

    /** Step i produces tensor i and reads an earlier tensor of a matching layout. */
    private static Step readStep(ProofReader r, List<Tensor> tensors, int index) throws MalformedProofException {
        int tag = r.u8("step tag");
        int node = r.count("node", 0, Integer.MAX_VALUE - 1);
        int input = r.count("step input", 0, index - 1);
        int output = r.count("step output", index, index);
        Tensor x = tensors.get(input);
        Tensor y = tensors.get(output);
        switch (tag) {
            case RELU -> {
                require(x.equals(y), index, "Relu changes the layout");
                return new Relu(node, input, output);
            }
            case MAX_POOL -> {
                Window w = Window.readFrom(r);
                require(x.isSpatial() && y.isSpatial() && x.cols() == y.cols() && w.size() <= MaxPool.MAX_WINDOW, index,
                        "MaxPool geometry");
                return new MaxPool(node, input, output, w);
            }
            case LINEAR, CONV -> {
                return readLinear(r, x, y, index, node, input, output, tag == CONV);
            }
            case REQUANT -> {
                return RequantStep.readBody(r, tensors, index, node, input, output);
            }
            case GATHER -> {
                return GatherStep.readBody(r, tensors, node, input, output);
            }
            case LOOKUP -> {
                return TableStep.readBody(r, tensors, node, input, output);
            }
            case SOFTMAX -> {
                return SoftmaxStep.readBody(r, tensors, node, input, output);
            }
            default -> throw new MalformedProofException("unknown step tag " + tag);
        }
    }

    private static Linear readLinear(ProofReader r, Tensor x, Tensor y, int index, int node, int input, int output,
                                     boolean conv) throws MalformedProofException {
        int in = r.count("terms per output", 1, (int) MAX_TENSOR_SIZE);
        int out = r.count("out features", y.cols(), y.cols());
        if (out > MAX_CHANNELS || r.remaining() < 18L * out) {
            throw new MalformedProofException("Linear step " + index + " has more channels than bytes");
        }
        long[] mult = new long[out];
        int[] shift = new int[out];
        int[] excess = new int[out];
        long[] bound = new long[out];
        for (int c = 0; c < out; c++) {
            mult[c] = r.u64("multiplier");
            shift[c] = r.u8("shift");
            excess[c] = r.u8("excess bits");
            bound[c] = r.u64("accumulator bound");
            if (mult[c] < 0 || mult[c] > 1L << 40 || shift[c] < 1 || shift[c] > 62 || excess[c] > 62 || bound[c] < 0
                    || excess[c] != excessBits(bound[c], mult[c], shift[c])
                    || !noWrap(bound[c], mult[c], shift[c], excess[c])) {
                throw new MalformedProofException("Linear step " + index + " channel " + c + " has unsound constants");
            }
        }
        Window w = conv ? Window.readFrom(r) : null;
        if (conv) {
            require(x.isSpatial() && y.isSpatial() && in == x.cols() * w.size(), index, "Conv geometry");
        } else if (x.isSpatial()) {
            require(y.rowsPerSample() == 1 && !y.isSpatial() && in == x.size(), index, "flattening Linear geometry");
        } else {
            require(x.rowsPerSample() == y.rowsPerSample() && !y.isSpatial() && in == x.cols(), index, "Linear geometry");
        }
        return new Linear(node, input, output, in, out, mult, shift, excess, bound, w);
    }

    private static void require(boolean ok, int index, String what) throws MalformedProofException {
        if (!ok) {
            throw new MalformedProofException("step " + index + ": " + what + " does not match its tensors");
        }
    }
}
