package io.edgeproof.zkml.proof;

import io.edgeproof.commit.basefold.BasefoldProof;
import io.edgeproof.field.Ext3;
import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.field.codec.ProofReader;
import io.edgeproof.field.codec.ProofWriter;
import io.edgeproof.iop.lookup.LogUpGkrProof;
import io.edgeproof.iop.lookup.RangeTable;
import io.edgeproof.iop.sumcheck.SumcheckProof;
import io.edgeproof.transcript.Hasher;
import java.util.ArrayList;
import java.util.List;

/**
 * An unverified proof of inference. It carries the public input and the claimed outputs, but offers no
 * way to read the outputs: only {@link ZkmlVerifier#verify} turns a proof into a {@link VerifiedInference}.
 *
 * <p>Wire format (little-endian, version 3): magic "EPZK", version, model id, batch, the int16 input and claimed
 * outputs (two bytes each), the witness commitment roots, then per circuit step its proof, the range proof and the
 * Basefold opening (length-prefixed) of every block claim on the weight and witness polynomials.
 * Every count but the batch and the opening's length follows from the verifier key and the batch, and is
 * checked against the bytes left before anything is allocated.
 */
public final class InferenceProof {
    static final int MAGIC = 0x4B5A_5045; // "EPZK" little-endian
    static final int VERSION = 4;
    static final int MAX_BATCH = 1 << 12;

    sealed interface StepProof permits LinearProof, ReluProof, MaxPoolProof, RequantCheck.Proof, GatherCheck.Proof,
            SoftmaxCheck.Proof,
            TableLookupCheck.Proof {}

    /**
     * finals: at the zero-check's point rho = (rho_n, rho_i): the matrix product A, bias(rho_n), y, e, r.
     * input is x(kappa, rho_i), the patch matrix's value for a Conv (absent when the input is public), weight
     * w(kappa, rho_n). A Conv over a committed input adds the window sumcheck and x(zeta) at its end.
     */
    record LinearProof(Ext3 zeroSum, SumcheckProof zeroCheck, Ext3[] finals, SumcheckProof matmul, Ext3 input,
                       Ext3 weight, SumcheckProof window, Ext3 windowInput) implements StepProof {
        static final int FINALS = 5;
    }

    /**
     * The zero-check of prod_j d_j, the differences d_j and the output m at its end point, and (input
     * committed) the window sumcheck with x(zeta) at its end.
     */
    record MaxPoolProof(Ext3 zeroSum, SumcheckProof zeroCheck, Ext3[] differences, Ext3 output, SumcheckProof window,
                        Ext3 input) implements StepProof {}

    /** The zero-check of z (z - y), and z, y at its end point (y absent when it is the public input). */
    record ReluProof(Ext3 zeroSum, SumcheckProof zeroCheck, Ext3 output, Ext3 input) implements StepProof {}

    /**
     * The limb lookup, per range column its checked values at its point ({@link RangeChecks#valueCount}), and
     * per claim on a virtual block, in the order the claims were made, the values of its definition.
     */
    record RangeProof(LogUpGkrProof lookup, List<Ext3[]> columnValues, List<Ext3[]> resolutions) {
        /** A definition sends at most this many values (limbs of a 63-bit column and two other sources). */
        static final int MAX_DEFINITION_VALUES = 8;
    }

    final byte[] modelId;
    final int batch;
    final int[] input;
    final int[] outputs;
    final List<byte[]> witnessRoots;
    final List<StepProof> steps;
    final RangeProof range;
    final BasefoldProof opening;

    InferenceProof(byte[] modelId, int batch, int[] input, int[] outputs, List<byte[]> witnessRoots, List<StepProof> steps,
                   RangeProof range, BasefoldProof opening) {
        this.modelId = modelId.clone();
        this.batch = batch;
        this.input = input.clone();
        this.outputs = outputs.clone();
        this.witnessRoots = List.copyOf(witnessRoots);
        this.steps = List.copyOf(steps);
        this.range = range;
        this.opening = opening;
    }

    public int batch() {
        return batch;
    }

    /** The id of the model the proof claims to be for (checked by the verifier against its key). */
    public byte[] modelId() {
        return modelId.clone();
    }

    /** Reads only the model id from encoded proof bytes, so a verifier can name a proof for another model. */
    public static byte[] modelIdOf(byte[] bytes) throws MalformedProofException {
        ProofReader r = new ProofReader(bytes);
        r.header(MAGIC, VERSION, "inference proof");
        return r.bytes("model id", Hasher.DIGEST_BYTES);
    }

    public byte[] toBytes() {
        ProofWriter w = new ProofWriter().header(MAGIC, VERSION);
        w.bytes(modelId).u32(batch);
        writeInt16s(w, input, "input");
        writeInt16s(w, outputs, "output");
        for (byte[] root : witnessRoots) {
            w.bytes(root);
        }
        for (StepProof s : steps) {
            switch (s) {
                case LinearProof l -> {
                    w.ext(l.zeroSum());
                    l.zeroCheck().writeTo(w);
                    for (Ext3 f : l.finals()) {
                        w.ext(f);
                    }
                    l.matmul().writeTo(w);
                    if (l.input() != null) {
                        w.ext(l.input());
                    }
                    w.ext(l.weight());
                    if (l.window() != null) {
                        l.window().writeTo(w);
                        w.ext(l.windowInput());
                    }
                }
                case MaxPoolProof m -> {
                    w.ext(m.zeroSum());
                    m.zeroCheck().writeTo(w);
                    for (Ext3 d : m.differences()) {
                        w.ext(d);
                    }
                    w.ext(m.output());
                    if (m.window() != null) {
                        m.window().writeTo(w);
                        w.ext(m.input());
                    }
                }
                case RequantCheck.Proof q -> q.writeTo(w);
                case GatherCheck.Proof g -> g.writeTo(w);
                case TableLookupCheck.Proof t -> t.writeTo(w);
                case SoftmaxCheck.Proof x -> x.writeTo(w);
                case ReluProof r -> {
                    w.ext(r.zeroSum());
                    r.zeroCheck().writeTo(w);
                    w.ext(r.output());
                    if (r.input() != null) {
                        w.ext(r.input());
                    }
                }
            }
        }
        range.lookup().writeTo(w);
        for (Ext3[] values : range.columnValues()) {
            for (Ext3 v : values) {
                w.ext(v);
            }
        }
        w.u32(range.resolutions().size());
        for (Ext3[] values : range.resolutions()) {
            w.u32(values.length);
            for (Ext3 v : values) {
                w.ext(v);
            }
        }
        byte[] opened = opening.toBytes();
        w.u32(opened.length).bytes(opened);
        return w.toByteArray();
    }

    /** Decodes a proof for this key's model; any deviation from the one canonical encoding is malformed. */
    public static InferenceProof fromBytes(byte[] bytes, VerifierKey key) throws MalformedProofException {
        ProofReader r = new ProofReader(bytes);
        r.header(MAGIC, VERSION, "inference proof");
        byte[] modelId = r.bytes("model id", Hasher.DIGEST_BYTES);
        if (!java.security.MessageDigest.isEqual(modelId, key.modelId())) {
            throw new MalformedProofException("the proof is for another model");
        }
        ModelCircuit circuit = key.circuit();
        int batch = r.count("batch", 1, MAX_BATCH);
        long inputs = (long) batch * circuit.inputSize();
        long outputs = (long) batch * circuit.outputSize();
        if (2 * (inputs + outputs) > r.remaining()) {
            throw new MalformedProofException("a batch of " + batch + " does not fit in the proof");
        }
        int[] input = readInts(r, (int) inputs, "input");
        int[] out = readInts(r, (int) outputs, "output");
        WitnessPlan plan;
        try {
            plan = new WitnessPlan(circuit, batch);
        } catch (IllegalArgumentException e) {
            throw new MalformedProofException("batch " + batch + " is too large for this model: " + e.getMessage());
        }
        List<byte[]> roots = new ArrayList<>();
        for (int p = 0; p < plan.layout.polynomials(); p++) {
            roots.add(r.bytes("witness root", Hasher.DIGEST_BYTES));
        }
        List<StepProof> steps = new ArrayList<>();
        for (ModelCircuit.Step s : circuit.steps()) {
            steps.add(readStep(r, plan, s));
        }
        LogUpGkrProof lookup = LogUpGkrProof.readFrom(r, plan.region.chunkVars, RangeTable.LIMB_BITS, 1);
        List<Ext3[]> columnValues = new ArrayList<>();
        for (int k = 0; k < plan.ranges.size(); k++) {
            columnValues.add(readExts(r, RangeChecks.valueCount(plan, k)));
        }
        int resolved = r.count("resolved claims", 0, r.remaining() / 28);
        List<Ext3[]> resolutions = new ArrayList<>();
        for (int i = 0; i < resolved; i++) {
            resolutions.add(readExts(r, r.count("definition values", 1, RangeProof.MAX_DEFINITION_VALUES)));
        }
        int length = r.count("opening length", 1, r.remaining());
        BasefoldProof opening = BasefoldProof.fromBytes(r.bytes("opening", length), key.params(), openedVars(key, plan));
        r.expectEnd("inference proof");
        return new InferenceProof(modelId, batch, input, out, roots, steps, new RangeProof(lookup, columnValues, resolutions),
                opening);
    }

    static int[] openedVars(VerifierKey key, WitnessPlan plan) {
        int[] w = key.weightPlan().layout.allPolyVars();
        int[] p = plan.layout.allPolyVars();
        int[] all = java.util.Arrays.copyOf(w, w.length + p.length);
        System.arraycopy(p, 0, all, w.length, p.length);
        return all;
    }

    private static StepProof readStep(ProofReader r, WitnessPlan plan, ModelCircuit.Step s) throws MalformedProofException {
        return switch (s) {
            case RequantStep q -> RequantCheck.Proof.readFrom(r, plan, q);
            case GatherStep g -> GatherCheck.Proof.readFrom(r, plan, g);
            case TableStep t -> TableLookupCheck.Proof.readFrom(r, plan, t);
            case SoftmaxStep x -> SoftmaxCheck.Proof.readFrom(r, plan, x);
            default -> readZeroCheckedStep(r, plan, s);
        };
    }

    /** Linear, Conv, MaxPool and Relu proofs: each opens with a zero-check over the output block. */
    private static StepProof readZeroCheckedStep(ProofReader r, WitnessPlan plan, ModelCircuit.Step s)
            throws MalformedProofException {
        int vars = plan.tensorVars(s.output());
        Ext3 zeroSum = r.ext("zero-check sum");
        int degree = switch (s) {
            case ModelCircuit.MaxPool m -> m.window().size() + 1;
            case ModelCircuit.Linear l -> 4;
            default -> 3;
        };
        SumcheckProof zeroCheck = SumcheckProof.readFrom(r, vars, degree);
        boolean windowed = s.input() != 0 && (s instanceof ModelCircuit.MaxPool
                || s instanceof ModelCircuit.Linear l && l.isConv());
        return switch (s) {
            case ModelCircuit.Linear l -> {
                Ext3[] finals = readExts(r, LinearProof.FINALS);
                SumcheckProof matmul = SumcheckProof.readFrom(r, plan.circuit.featureVars(l), 2);
                Ext3 input = l.input() == 0 ? null : r.ext("matmul input value");
                Ext3 weight = r.ext("matmul weight value");
                SumcheckProof window = windowed ? SumcheckProof.readFrom(r, plan.tensorVars(l.input()), 2) : null;
                yield new LinearProof(zeroSum, zeroCheck, finals, matmul, input, weight, window,
                        windowed ? r.ext("conv input value") : null);
            }
            case ModelCircuit.MaxPool m -> {
                Ext3[] differences = readExts(r, m.window().size());
                Ext3 output = r.ext("max-pool output value");
                SumcheckProof window = windowed ? SumcheckProof.readFrom(r, plan.tensorVars(m.input()), 2) : null;
                yield new MaxPoolProof(zeroSum, zeroCheck, differences, output, window,
                        windowed ? r.ext("max-pool input value") : null);
            }
            case ModelCircuit.Relu u -> {
                Ext3 output = r.ext("relu output value");
                yield new ReluProof(zeroSum, zeroCheck, output, u.input() == 0 ? null : r.ext("relu input value"));
            }
            default -> throw new IllegalArgumentException("step " + s + " has no zero-check proof");
        };
    }

    /** int16 values as two bytes each, little-endian two's complement (every pattern is one int16). */
    private static void writeInt16s(ProofWriter w, int[] values, String what) {
        for (int v : values) {
            if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
                throw new IllegalStateException(what + " value " + v + " is not an int16 and cannot be encoded");
            }
            w.u8(v & 0xFF).u8((v >> 8) & 0xFF);
        }
    }

    private static int[] readInts(ProofReader r, int n, String what) throws MalformedProofException {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = (short) (r.u8(what) | r.u8(what) << 8);
        }
        return out;
    }

    private static Ext3[] readExts(ProofReader r, int n) throws MalformedProofException {
        if (24L * n > r.remaining()) {
            throw new MalformedProofException("proof truncated: " + n + " values expected");
        }
        Ext3[] out = new Ext3[n];
        for (int i = 0; i < n; i++) {
            out[i] = r.ext("evaluation");
        }
        return out;
    }
}
