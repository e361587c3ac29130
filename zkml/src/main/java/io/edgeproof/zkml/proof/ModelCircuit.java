package io.edgeproof.zkml.proof;

import io.edgeproof.field.Goldilocks;
import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.field.codec.ProofReader;
import io.edgeproof.field.codec.ProofWriter;
import io.edgeproof.zkml.quant.QLayer;
import io.edgeproof.zkml.quant.QNode;
import io.edgeproof.zkml.quant.QuantizedModel;
import io.edgeproof.zkml.quant.Requant;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the verifier knows about a model: its tensors (as row-major matrices of rows x cols per sample) and
 * the steps that produce them, with every public constant a constraint uses (requantization pairs, clamp
 * excess bounds, accumulator bounds). Tensor 0 is the public input; every other tensor is committed per
 * proof. Built once at setup from the quantized model, bound into the model id, shared by prover and
 * verifier. Supported: Linear (with requantization and clamp), Relu, and Reshapes that keep the row layout.
 */
public final class ModelCircuit {
    static final int MAX_TENSORS = 1 << 12;
    static final int MAX_CHANNELS = 1 << 20;
    /** A tensor of a sample holds at most this many values (the engine's own bound is larger). */
    static final long MAX_TENSOR_SIZE = 1L << 24;

    /** A per-sample tensor viewed as rowsPerSample rows of cols values, row-major (the engine's layout). */
    record Tensor(int rowsPerSample, int cols) {
        int colVars() {
            return log2Ceil(cols);
        }

        int rowVars(int batch) {
            return log2Ceil((long) batch * rowsPerSample);
        }

        int size() {
            return rowsPerSample * cols;
        }
    }

    sealed interface Step permits Linear, Relu {
        int node();

        int input();

        int output();
    }

    /**
     * acc[i, n] = bias[n] + sum_k x[i, k] w[n, k]; t = (acc M_n + 2^(s_n - 1)) >> s_n; y = clamp(t).
     * {@code excessBits[n]}: the clamp's excess |t - y| is below 2^excessBits[n] for every int16 input;
     * {@code accBound[n]}: |acc| never exceeds it.
     */
    record Linear(int node, int input, int output, int in, int out, long[] multipliers, int[] shifts,
                  int[] excessBits, long[] accBound) implements Step {
        int maxShift() {
            return Arrays.stream(shifts).max().orElseThrow();
        }

        int maxExcessBits() {
            return Math.max(1, Arrays.stream(excessBits).max().orElseThrow());
        }
    }

    /** z = max(y, 0). */
    record Relu(int node, int input, int output) implements Step {}

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

    // ---- building from a quantized model -----------------------------------------------------------

    /** The circuit of a model, or {@link NotProvableException} naming the first op it cannot prove. */
    public static ModelCircuit of(QuantizedModel m) {
        return new Builder(m).build();
    }

    private static final class Builder {
        private final QuantizedModel model;
        private final List<Tensor> tensors = new ArrayList<>();
        private final List<Step> steps = new ArrayList<>();
        private final int[] tensorOfValue;
        private boolean inputFixed;

        Builder(QuantizedModel model) {
            this.model = model;
            this.tensorOfValue = new int[model.nodes().size() + 1];
            tensors.add(null); // the input's layout is fixed by its first consumer
        }

        ModelCircuit build() {
            for (int k = 0; k < model.nodes().size(); k++) {
                QNode node = model.nodes().get(k);
                int in = node.inputs().length == 1 ? tensorOfValue[node.inputs()[0]] : -1;
                switch (node.layer()) {
                    case QLayer.Reshape r -> tensorOfValue[k + 1] = reshape(k, node, in);
                    case QLayer.Linear l -> tensorOfValue[k + 1] = linear(k, l, in);
                    case QLayer.Relu r -> tensorOfValue[k + 1] = relu(k, node, in);
                    default -> throw notProvable(k, node.layer().getClass().getSimpleName());
                }
            }
            int[] outs = new int[model.outputs().length];
            for (int i = 0; i < outs.length; i++) {
                outs[i] = tensorOfValue[model.outputs()[i]];
                if (outs[i] == 0) {
                    throw new NotProvableException("not yet provable: model output " + i
                            + " is the input itself (no layer to prove)");
                }
            }
            return new ModelCircuit(tensors, steps, outs, model.inputSize());
        }

        private NotProvableException notProvable(int k, String op) {
            return new NotProvableException("not yet provable: op " + op + " at node " + (k + 1) + " ("
                    + model.nodes().get(k).name() + "); supported: Linear, Relu, Reshape keeping rows");
        }

        /** Fixes the input's layout on first use; later uses must agree. */
        private void requireCols(int k, int tensor, int cols, String op) {
            if (tensor == 0 && !inputFixed) {
                if (cols <= 0 || model.inputSize() % cols != 0) {
                    throw notProvable(k, op + " over " + cols + " columns of an input of " + model.inputSize());
                }
                tensors.set(0, new Tensor(model.inputSize() / cols, cols));
                inputFixed = true;
            } else if (tensors.get(tensor).cols() != cols) {
                throw notProvable(k, op + " reading " + cols + " columns of a tensor laid out with "
                        + tensors.get(tensor).cols());
            }
        }

        private int reshape(int k, QNode node, int in) {
            if (in < 0) {
                throw notProvable(k, "Reshape of several inputs");
            }
            int[] shape = node.shape();
            int last = shape.length == 0 ? 1 : shape[shape.length - 1];
            if (in != 0 || inputFixed) {
                requireCols(k, in, last, "Reshape (a new row layout needs a re-indexing proof)");
            }
            return in;
        }

        private int linear(int k, QLayer.Linear l, int in) {
            if (in < 0) {
                throw notProvable(k, "Linear of several inputs");
            }
            requireCols(k, in, l.inFeatures(), "Linear");
            Tensor x = tensors.get(in);
            tensors.add(new Tensor(x.rowsPerSample(), l.outFeatures()));
            int out = tensors.size() - 1;
            int n = l.outFeatures();
            Requant rq = l.rq();
            long[] mult = new long[n];
            int[] shift = new int[n];
            int[] excess = new int[n];
            long[] bound = new long[n];
            for (int c = 0; c < n; c++) {
                int ch = rq.channels() == 1 ? 0 : c;
                mult[c] = rq.multipliers()[ch];
                shift[c] = rq.shifts()[ch];
                long sumAbs = 0;
                for (int i = 0; i < l.inFeatures(); i++) {
                    sumAbs += Math.abs(l.weights()[c * l.inFeatures() + i]);
                }
                bound[c] = (sumAbs << 15) + Math.abs(l.bias()[c]);
                excess[c] = excessBits(bound[c], mult[c], shift[c]);
                if (!noWrap(bound[c], mult[c], shift[c], excess[c])) {
                    throw new NotProvableException("not yet provable: Linear at node " + (k + 1) + " channel " + c
                            + ": the requantization relation could wrap around the field (M=" + mult[c] + ", s="
                            + shift[c] + ", |acc| <= " + bound[c] + ")");
                }
            }
            steps.add(new Linear(k, in, out, l.inFeatures(), n, mult, shift, excess, bound));
            return out;
        }

        private int relu(int k, QNode node, int in) {
            if (in < 0) {
                throw notProvable(k, "Relu of several inputs");
            }
            if (in == 0 && !inputFixed) {
                int[] shape = node.shape();
                requireCols(k, 0, shape.length == 0 ? 1 : shape[shape.length - 1], "Relu");
            }
            tensors.add(tensors.get(in));
            steps.add(new Relu(k, in, tensors.size() - 1));
            return tensors.size() - 1;
        }
    }

    /** Bits of the largest clamp excess max(t - 2^15 + 1, -2^15 - t, 0) over |acc| <= bound. */
    static int excessBits(long accBound, long multiplier, int shift) {
        BigInteger half = BigInteger.ONE.shiftLeft(shift - 1);
        BigInteger product = BigInteger.valueOf(accBound).multiply(BigInteger.valueOf(multiplier));
        BigInteger tMax = product.add(half).shiftRight(shift);
        BigInteger tMin = product.negate().add(half).shiftRight(shift);
        BigInteger high = tMax.subtract(BigInteger.valueOf(Requant.HI));
        BigInteger low = BigInteger.valueOf(Requant.LO).subtract(tMin);
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

    void writeTo(ProofWriter w) {
        w.u32(inputSize).u32(tensors.size());
        for (Tensor t : tensors) {
            w.u32(t.rowsPerSample()).u32(t.cols());
        }
        w.u32(steps.size());
        for (Step s : steps) {
            w.u8(s instanceof Linear ? 1 : 2).u32(s.node()).u32(s.input()).u32(s.output());
            if (s instanceof Linear l) {
                w.u32(l.in()).u32(l.out());
                for (int c = 0; c < l.out(); c++) {
                    w.u64(l.multipliers()[c]).u8(l.shifts()[c]).u8(l.excessBits()[c]).u64(l.accBound()[c]);
                }
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
        int numTensors = r.count("tensor count", 2, Math.min(MAX_TENSORS, r.remaining() / 8));
        List<Tensor> tensors = new ArrayList<>(numTensors);
        for (int i = 0; i < numTensors; i++) {
            int rows = r.count("rows per sample", 1, (int) MAX_TENSOR_SIZE);
            int cols = r.count("columns", 1, (int) MAX_TENSOR_SIZE);
            if ((long) rows * cols > MAX_TENSOR_SIZE) {
                throw new MalformedProofException("tensor " + i + " too large");
            }
            tensors.add(new Tensor(rows, cols));
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

    /** Step i produces tensor i and reads an earlier tensor of a matching layout. */
    private static Step readStep(ProofReader r, List<Tensor> tensors, int index) throws MalformedProofException {
        int tag = r.u8("step tag");
        int node = r.count("node", 0, Integer.MAX_VALUE - 1);
        int input = r.count("step input", 0, index - 1);
        int output = r.count("step output", index, index);
        Tensor x = tensors.get(input);
        Tensor y = tensors.get(output);
        if (x.rowsPerSample() != y.rowsPerSample()) {
            throw new MalformedProofException("step " + index + " changes the row count");
        }
        if (tag == 2) {
            if (x.cols() != y.cols()) {
                throw new MalformedProofException("Relu step " + index + " changes the layout");
            }
            return new Relu(node, input, output);
        }
        if (tag != 1) {
            throw new MalformedProofException("unknown step tag " + tag);
        }
        int in = r.count("in features", x.cols(), x.cols());
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
        return new Linear(node, input, output, in, out, mult, shift, excess, bound);
    }
}
