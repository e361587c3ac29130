package io.edgeproof.zkml.zk;

import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.field.codec.ProofReader;
import io.edgeproof.field.codec.ProofWriter;
import io.edgeproof.zkml.proof.DenseCircuit;
import io.edgeproof.zkml.proof.NotProvableException;
import io.edgeproof.zkml.quant.QLayer;
import io.edgeproof.zkml.quant.QNode;
import io.edgeproof.zkml.quant.QuantizedModel;
import java.util.ArrayList;
import java.util.List;

/**
 * The public part of a model the zero-knowledge prover handles: plain tensors, dense layers with their
 * per-channel requantization pairs (M_n, s_n) and ONE clamp-excess bound E per layer (per-channel bounds
 * would reveal each channel's weight L1 norm), and Relu. Derived from the public-mode circuit
 * ({@link DenseCircuit}), whose no-wrap condition is re-checked here with the layer's E. Part of a
 * hidden-weight verifier key; never holds weights.
 */
public final class ZkCircuit {
    static final int MAX_TENSORS = 1 << 10;
    static final int MAX_CHANNELS = 1 << 16;
    static final int MAX_SIZE = 1 << 22;

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

    sealed interface Step permits Dense, Relu {
        int input();

        int output();
    }

    /** y = clamp((M_n (bias_n + sum_k w[n, k] x[k]) + 2^(s_n - 1)) >> s_n), clamp excess below 2^excessBits. */
    record Dense(int input, int output, int in, int out, long[] multipliers, int[] shifts, int excessBits)
            implements Step {}

    record Relu(int input, int output) implements Step {}

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
     * does not handle ("zero-knowledge proof for Conv not implemented yet").
     */
    public static ZkCircuit of(QuantizedModel model) {
        for (QNode n : model.nodes()) {
            if (!(n.layer() instanceof QLayer.Linear || n.layer() instanceof QLayer.Relu
                    || n.layer() instanceof QLayer.Reshape)) {
                throw DenseCircuit.unsupported(n.layer().getClass().getSimpleName());
            }
        }
        return of(DenseCircuit.of(model));
    }

    /** The circuit of a dense public-mode circuit, with one excess bound per layer (re-checked for wrap-around). */
    static ZkCircuit of(DenseCircuit dc) {
        List<Tensor> tensors = new ArrayList<>();
        for (DenseCircuit.Tensor t : dc.tensors()) {
            tensors.add(new Tensor(t.rowsPerSample(), t.cols()));
        }
        List<Step> steps = new ArrayList<>();
        for (DenseCircuit.Step s : dc.steps()) {
            steps.add(switch (s) {
                case DenseCircuit.Dense d -> dense(d);
                case DenseCircuit.Relu r -> new Relu(r.input(), r.output());
            });
        }
        return new ZkCircuit(dc.inputSize(), tensors, steps, dc.outputs());
    }

    private static Dense dense(DenseCircuit.Dense d) {
        int e = 1;
        for (int b : d.excessBits()) {
            e = Math.max(e, b);
        }
        for (int n = 0; n < d.out(); n++) {
            if (!DenseCircuit.noWrap(d.accBounds()[n], d.multipliers()[n], d.shifts()[n], e)) {
                throw new NotProvableException("zero-knowledge proof for Linear at node " + (d.node() + 1)
                        + " not possible: with one excess bound per layer the requantization could wrap the field");
            }
        }
        return new Dense(d.input(), d.output(), d.in(), d.out(), d.multipliers(), d.shifts(), e);
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

    // ---- encoding (part of a hidden-weight verifier key and of its model id) -------------------

    private static final int DENSE = 1, RELU = 2;

    void writeTo(ProofWriter w) {
        w.u32(inputSize).u32(tensors.size());
        for (Tensor t : tensors) {
            w.u32(t.rowsPerSample()).u32(t.cols());
        }
        w.u32(steps.size());
        for (Step s : steps) {
            w.u8(s instanceof Dense ? DENSE : RELU).u32(s.input()).u32(s.output());
            if (s instanceof Dense d) {
                w.u32(d.in()).u32(d.out()).u32(d.excessBits());
                for (int n = 0; n < d.out(); n++) {
                    w.u64(d.multipliers()[n]).u32(d.shifts()[n]);
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

    /** Decodes and validates shapes and references; counts are bounded before allocation. */
    static ZkCircuit readFrom(ProofReader r) throws MalformedProofException {
        int inputSize = r.count("input size", 1, MAX_SIZE);
        int numTensors = r.count("tensor count", 2, Math.min(MAX_TENSORS, r.remaining() / 8));
        List<Tensor> tensors = new ArrayList<>();
        for (int i = 0; i < numTensors; i++) {
            int rows = r.count("rows per sample", 1, MAX_SIZE);
            int cols = r.count("columns", 1, MAX_SIZE);
            if ((long) rows * cols > MAX_SIZE) {
                throw new MalformedProofException("tensor " + i + " is too large");
            }
            tensors.add(new Tensor(rows, cols));
        }
        if (tensors.get(0).size() != inputSize) {
            throw new MalformedProofException("the input tensor does not hold the input size");
        }
        int numSteps = r.count("step count", numTensors - 1, numTensors - 1);
        List<Step> steps = new ArrayList<>();
        for (int i = 1; i <= numSteps; i++) {
            int tag = r.u8("step tag");
            int input = r.count("step input", 0, i - 1);
            int output = r.count("step output", i, i);
            Tensor x = tensors.get(input);
            Tensor y = tensors.get(output);
            if (tag == RELU) {
                require(x.equals(y), "a Relu changes the shape");
                steps.add(new Relu(input, output));
            } else if (tag == DENSE) {
                int in = r.count("in features", x.cols(), x.cols());
                int out = r.count("out features", y.cols(), Math.min(y.cols(), MAX_CHANNELS));
                int e = r.count("excess bits", 1, 62);
                require(x.rowsPerSample() == y.rowsPerSample() && r.remaining() >= 12L * out, "dense geometry");
                long[] m = new long[out];
                int[] s = new int[out];
                for (int n = 0; n < out; n++) {
                    m[n] = r.u64("multiplier");
                    s[n] = r.count("shift", 1, 62);
                    require(m[n] >= 0 && m[n] <= 1L << 40, "multiplier out of range");
                }
                steps.add(new Dense(input, output, in, out, m, s, e));
            } else {
                throw new MalformedProofException("unknown step tag " + tag);
            }
        }
        int numOutputs = r.count("output count", 1, numTensors - 1);
        int[] outputs = new int[numOutputs];
        for (int i = 0; i < numOutputs; i++) {
            outputs[i] = r.count("output tensor", 1, numTensors - 1);
        }
        return new ZkCircuit(inputSize, tensors, steps, outputs);
    }

    private static void require(boolean ok, String what) throws MalformedProofException {
        if (!ok) {
            throw new MalformedProofException("malformed zero-knowledge circuit: " + what);
        }
    }
}
