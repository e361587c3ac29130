package io.edgeproof.zkml.proof;

import io.edgeproof.commit.basefold.BasefoldCommitment;
import io.edgeproof.commit.basefold.BasefoldParams;
import io.edgeproof.commit.basefold.BasefoldProverData;
import io.edgeproof.zkml.quant.QuantizedModel;
import java.util.ArrayList;
import java.util.List;

/**
 * A read-only view, for the zero-knowledge prover ({@code io.edgeproof.zkml.zk}), of a circuit made only of
 * dense layers (non-convolutional Linear) and Relu: tensor shapes, the public requantization constants,
 * the witness trace of {@link TracingEvaluator} and, for a public-mode key, where each dense layer's weights
 * and bias live in its Basefold weight commitment. Built from {@link ModelCircuit}, so both provers see the
 * same layouts and the same no-wrap bounds.
 */
public final class DenseCircuit {
    /** A plain per-sample tensor of rowsPerSample x cols values (row-major; padded blocks: col low bits). */
    public record Tensor(int rowsPerSample, int cols) {}

    public sealed interface Step permits Dense, Relu {
        int input();

        int output();
    }

    /**
     * acc = bias[n] + sum_k x[k] w[n, k], y = clamp((acc M_n + 2^(s_n - 1)) >> s_n) per row; excessBits[n]
     * bounds the clamp excess and accBounds[n] bounds |acc| for every int16 input (public-mode circuit data).
     */
    public record Dense(int node, int input, int output, int in, int out, long[] multipliers, int[] shifts,
                        int[] excessBits, long[] accBounds) implements Step {}

    public record Relu(int node, int input, int output) implements Step {}

    /** Where a block lives in a public-mode weight commitment. */
    public record Placement(int polynomial, int offset, int vars) {}

    /** The trace of one run: tensors (tensor 0 the input) and, per dense step, its quotients t and remainders r. */
    public record Trace(int[][] tensors, long[][] quotients, long[][] remainders) {}

    /** A test hook: may change a step's output (and a dense step's t, r) in place; later steps read the change. */
    @FunctionalInterface
    public interface TraceEdit {
        TraceEdit NONE = (step, tensors, quotient, remainder) -> { };

        void afterStep(int step, int[][] tensors, long[] quotient, long[] remainder);
    }

    private final ModelCircuit circuit;
    private final List<Tensor> tensors = new ArrayList<>();
    private final List<Step> steps = new ArrayList<>();

    private DenseCircuit(ModelCircuit circuit) {
        this.circuit = circuit;
        for (ModelCircuit.Step s : circuit.steps()) {
            steps.add(switch (s) {
                case ModelCircuit.Linear l when !l.isConv() -> new Dense(l.node(), l.input(), l.output(), l.in(),
                        l.out(), l.multipliers().clone(), l.shifts().clone(), l.excessBits().clone(), l.accBound().clone());
                case ModelCircuit.Relu r -> new Relu(r.node(), r.input(), r.output());
                default -> throw unsupported(opName(s));
            });
        }
        for (ModelCircuit.Tensor t : circuit.tensors()) {
            if (t.isSpatial()) {
                throw unsupported("a spatial (NCHW) input");
            }
            tensors.add(new Tensor(t.rowsPerSample(), t.cols()));
        }
    }

    /** The refusal of the zero-knowledge prover for an op it does not handle. */
    public static NotProvableException unsupported(String op) {
        return new NotProvableException("zero-knowledge proof for " + op + " not implemented yet");
    }

    private static String opName(ModelCircuit.Step s) {
        return switch (s) {
            case ModelCircuit.Linear l -> "Conv";
            case ModelCircuit.MaxPool m -> "MaxPool";
            case RequantStep q -> switch (q.kind()) {
                case AFFINE -> "ScaleShift";
                case ADD -> "Add";
                case MUL -> "Mul";
                case POOL -> "AvgPool";
                case MATMUL -> "MatMul";
            };
            case GatherStep g -> "Layout";
            case TableStep t -> "Lookup";
            case SoftmaxStep x -> "Softmax";
            case ModelCircuit.Relu r -> "Relu";
        };
    }

    /** The circuit of a model made of Linear, Relu and layout-keeping Reshapes (else NotProvableException). */
    public static DenseCircuit of(QuantizedModel model) {
        return new DenseCircuit(ModelCircuit.of(model));
    }

    /** The circuit a public-mode verifier key holds. */
    public static DenseCircuit of(VerifierKey key) {
        return new DenseCircuit(key.circuit());
    }

    public int inputSize() {
        return circuit.inputSize();
    }

    public List<Tensor> tensors() {
        return List.copyOf(tensors);
    }

    public List<Step> steps() {
        return List.copyOf(steps);
    }

    public int[] outputs() {
        return circuit.outputs();
    }

    /** Whether acc M + 2^(s-1) = t 2^s + r with |t - y| < 2^excessBits cannot wrap around the field. */
    public static boolean noWrap(long accBound, long multiplier, int shift, int excessBits) {
        return ModelCircuit.noWrap(accBound, multiplier, shift, excessBits);
    }

    /** Runs the model on {@code batch} int16 samples with {@link TracingEvaluator}, applying {@code edit}. */
    public Trace trace(QuantizedModel model, int[] input, int batch, TraceEdit edit) {
        WitnessTamper tamper = new WitnessTamper() {
            @Override
            public void afterStep(int step, int[][] t, TracingEvaluator.LinearTrace trace) {
                edit.afterStep(step, t, trace == null ? null : trace.quotient(), trace == null ? null : trace.remainder());
            }
        };
        TracingEvaluator.Trace t = TracingEvaluator.run(circuit, model, input, batch, tamper);
        long[][] quotients = new long[steps.size()][];
        long[][] remainders = new long[steps.size()][];
        for (int s = 0; s < steps.size(); s++) {
            if (t.linear()[s] != null) {
                quotients[s] = t.linear()[s].quotient();
                remainders[s] = t.linear()[s].remainder();
            }
        }
        return new Trace(t.tensors(), quotients, remainders);
    }

    // ---- a public-mode key's weight commitment (public weights, hidden input) ---------------------

    public static BasefoldParams params(VerifierKey key) {
        return key.params();
    }

    /** The commitment parameters as a verifier key encodes them (shared by the zero-knowledge keys). */
    public static void writeParams(io.edgeproof.field.codec.ProofWriter w, BasefoldParams params) {
        VerifierKey.writeParams(w, params);
    }

    public static BasefoldParams readParams(io.edgeproof.field.codec.ProofReader r)
            throws io.edgeproof.field.codec.MalformedProofException {
        return VerifierKey.readParams(r);
    }

    public static List<BasefoldCommitment> weightCommitments(VerifierKey key) {
        return key.weightCommitments();
    }

    /** The prover's saved commitment data of the weight polynomials, in commitment order. */
    public static List<BasefoldProverData> weightData(ProverKey key) {
        return key.weightData();
    }

    /** The block of dense step {@code step}'s weights (index k + 2^K n) or, if {@code bias}, of its bias. */
    public static Placement weightPlacement(VerifierKey key, int step, boolean bias) {
        WeightPlan plan = key.weightPlan();
        int block = bias ? plan.biasBlock[step] : plan.weightBlock[step];
        if (block < 0) {
            throw new IllegalArgumentException("step " + step + " has no weights");
        }
        BlockLayout.Placement p = plan.layout.placement(block);
        return new Placement(p.polynomial(), p.offset(), p.vars());
    }
}
