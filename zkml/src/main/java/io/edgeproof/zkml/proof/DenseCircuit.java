package io.edgeproof.zkml.proof;

import io.edgeproof.commit.basefold.BasefoldCommitment;
import io.edgeproof.commit.basefold.BasefoldParams;
import io.edgeproof.commit.basefold.BasefoldProverData;
import io.edgeproof.zkml.quant.QuantizedModel;
import java.util.ArrayList;
import java.util.List;

/**
 * A read-only view, for the zero-knowledge prover ({@code io.edgeproof.zkml.zk}), of a circuit made of
 * dense layers and convolutions (Linear, with a window for a Conv), Relu, MaxPool, element-wise requantized
 * ops, gathers, lookups, softmax and MatMul of two activations: tensor shapes (spatial ones [C, H, W] with their padded block layout), the public
 * requantization constants, windows and maps,
 * the witness trace of {@link TracingEvaluator} and, for a public-mode key, where each dense layer's weights
 * and bias live in its Basefold weight commitment. Built from {@link ModelCircuit}, so both provers see the
 * same layouts and the same no-wrap bounds.
 */
public final class DenseCircuit {
    /**
     * A per-sample tensor of rowsPerSample x cols values (padded blocks: col low bits); spatial when height > 0:
     * [C = cols, H, W] with one row per position, row = y 2^wVars + x (H and W padded to powers of two apart).
     */
    public record Tensor(int rowsPerSample, int cols, int height, int width) {}

    /** A 2-D window: kernel, strides, top/left padding, dilations (as the engine and the public-mode proof use it). */
    public sealed interface Step permits Dense, Relu, MaxPool, Elementwise, Gather, Lookup, Softmax, MatMul {
        int input();

        int output();
    }

    /**
     * acc = bias[n] + sum_k x[k] w[n, k], y = clamp((acc M_n + 2^(s_n - 1)) >> s_n) per row; excessBits[n]
     * bounds the clamp excess and accBounds[n] bounds |acc| for every int16 input (public-mode circuit data).
     * A Conv has a {@code window} (x[k] is the patch, k = (c, kx, ky) bits); a dense layer over a spatial
     * tensor reads it flattened. {@code featureColumns[i]}: the padded inner index of the layer's weight
     * column i, over {@code featureVars} variables (the public-mode weight commitment uses the same order).
     */
    public record Dense(int node, int input, int output, int in, int out, long[] multipliers, int[] shifts,
                        int[] excessBits, long[] accBounds, ModelCircuit.Window window, int featureVars, int[] featureColumns)
            implements Step {
        public boolean isConv() {
            return window != null;
        }
    }

    public record Relu(int node, int input, int output) implements Step {}

    /** m = max over the window's positions inside the input (padding never wins; none inside gives -2^15). */
    public record MaxPool(int node, int input, int output, ModelCircuit.Window window) implements Step {}

    /** The element-wise requantized ops the zero-knowledge prover handles. */
    public enum ElementwiseKind { AFFINE, ADD, MUL, POOL }

    /**
     * y = clamp((acc + 2^(s-1)) >> s) per output element i (engine order within a sample; the constants are one
     * sample's): AFFINE (ScaleShift) acc = ca x + offset, ADD (Add/Sub) acc = ca a + cb b, MUL acc = ca a b,
     * POOL (AvgPool, ReduceMean) acc = ca (S x) + offset. {@code mapOut}/{@code mapIn} (null when none): the
     * pairs of S for POOL, or of the broadcast gather ADD or MUL reads its second operand through. {@code excessBits}
     * bounds the clamp excess for int16 operands (no wrap-around: checked by the public-mode circuit).
     */
    public record Elementwise(int node, ElementwiseKind kind, int input, int input2, int output, long[] ca, long[] cb,
                              long[] offset, int shift, int excessBits, int[] mapOut, int[] mapIn) implements Step {}

    /** y[i] = x[index[i]], or {@code fill} where index[i] = -1 (engine-order indices of one sample). */
    public record Gather(int node, int input, int output, int[] index, int fill) implements Step {}

    /** y = table[x + 2^15] element-wise, a public 2^16-entry int16 table; y has x's layout. */
    public record Lookup(int node, int input, int output, int[] table) implements Step {}

    /**
     * Integer softmax over each row of {@code rowLength} values (a plain tensor, the engine's last axis):
     * m = max_j x_j, e_j = differenceTable[m - x_j], Z = sum_j e_j, y_j = floor((65534 e_j + Z) / (2 Z));
     * {@code differenceTable} (2^16 entries in [0, 2^15]) folds the clamp of m - x_j into the exp table.
     */
    public record Softmax(int node, int input, int output, int rowLength, int[] differenceTable) implements Step {
        /** 2 * 32767: y_j 2Z + r_j = 65534 e_j + Z. */
        public static final long TWICE_MAX = SoftmaxStep.TWICE_MAX;
        /** Row lengths a softmax step may have. */
        public static final int MAX_ROW = SoftmaxStep.MAX_ROW;
    }

    /**
     * y = clamp((ca[i] acc[i] + 2^(s-1)) >> s), acc[b, p, r, c] = sum_k a[b, p, r, k] b[b, p, k, c]: a MatMul of
     * two activations with {@code heads} = the product of the leading dimensions ({@code ca}: one sample's
     * per-element multipliers, engine order of the output).
     */
    public record MatMul(int node, int input, int input2, int output, int heads, long[] ca, int shift, int excessBits)
            implements Step {}

    /** The excess bits of a MatMul's requantization over {@code inner} products of int16 values, or -1 (wrap). */
    public static int matmulExcessBits(long[] ca, int shift, int inner) {
        long[] zero = new long[ca.length];
        return RequantStep.soundExcessBits(RequantStep.Kind.MATMUL, ca, zero, zero, null, shift, inner);
    }

    /**
     * The excess bits of an element-wise step's constants, or -1 when its relation could wrap around the field
     * (the public-mode circuit's rule, for decoders of keys that hold such a step).
     */
    public static int elementwiseExcessBits(ElementwiseKind kind, long[] ca, long[] cb, long[] offset, int[] mapOut,
                                            int[] mapIn, int shift) {
        SparseMap map = mapOut == null ? null : new SparseMap(mapOut, mapIn);
        return RequantStep.soundExcessBits(RequantStep.Kind.valueOf(kind.name()), ca, cb, offset, map, shift, 1);
    }

    /** Where a block lives in a public-mode weight commitment. */
    public record Placement(int polynomial, int offset, int vars) {}

    /**
     * The trace of one run: tensors (tensor 0 the input; the engine's order, NCHW for spatial ones) and, per
     * dense or conv step, its quotients t and remainders r (in its output tensor's order).
     */
    public record Trace(int[][] tensors, long[][] quotients, long[][] remainders) {}

    /** A test hook: may change a step's output (and a dense step's t, r) in place; later steps read the change. */
    @FunctionalInterface
    public interface TraceEdit {
        TraceEdit NONE = (step, tensors, quotient, remainder) -> { };

        void afterStep(int step, int[][] tensors, long[] quotient, long[] remainder);

        /** The value a Conv step reads outside its input (zero padding; a test may change it). */
        default int convPadding(int step) {
            return 0;
        }
    }

    private final ModelCircuit circuit;
    private final List<Tensor> tensors = new ArrayList<>();
    private final List<Step> steps = new ArrayList<>();

    private DenseCircuit(ModelCircuit circuit) {
        this.circuit = circuit;
        for (ModelCircuit.Step s : circuit.steps()) {
            steps.add(switch (s) {
                case ModelCircuit.Linear l -> new Dense(l.node(), l.input(), l.output(), l.in(), l.out(),
                        l.multipliers().clone(), l.shifts().clone(), l.excessBits().clone(), l.accBound().clone(),
                        l.window(), circuit.featureVars(l), circuit.featureColumns(l));
                case ModelCircuit.Relu r -> new Relu(r.node(), r.input(), r.output());
                case ModelCircuit.MaxPool m -> new MaxPool(m.node(), m.input(), m.output(), m.window());
                case RequantStep q when q.kind() == RequantStep.Kind.MATMUL -> new MatMul(q.node(), q.input(), q.input2(),
                        q.output(), q.heads(), q.ca().clone(), q.shift(), q.excessBits());
                case RequantStep q -> elementwise(q);
                case GatherStep g -> new Gather(g.node(), g.input(), g.output(), g.index().clone(), g.fill());
                case TableStep t -> new Lookup(t.node(), t.input(), t.output(), t.table().clone());
                case SoftmaxStep x -> new Softmax(x.node(), x.input(), x.output(), x.rowLength(), x.differenceTable());
            });
        }
        for (ModelCircuit.Tensor t : circuit.tensors()) {
            tensors.add(new Tensor(t.rowsPerSample(), t.cols(), t.height(), t.width()));
        }
    }

    private static Elementwise elementwise(RequantStep q) {
        SparseMap map = q.map();
        return new Elementwise(q.node(), ElementwiseKind.valueOf(q.kind().name()), q.input(), q.input2(), q.output(),
                q.ca().clone(), q.cb().clone(), q.offset().clone(), q.shift(), q.excessBits(),
                map == null ? null : map.out().clone(), map == null ? null : map.in().clone());
    }

    /** The refusal of the zero-knowledge prover for an op it does not handle. */
    public static NotProvableException unsupported(String op) {
        return new NotProvableException("zero-knowledge proof for " + op + " not implemented yet");
    }

    /** The circuit view of any model the public mode proves (else NotProvableException). */
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
            public int convPadding(int step) {
                return edit.convPadding(step);
            }

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
