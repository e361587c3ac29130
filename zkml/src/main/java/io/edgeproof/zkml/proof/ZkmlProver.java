package io.edgeproof.zkml.proof;

import io.edgeproof.commit.basefold.BasefoldCommitment;
import io.edgeproof.commit.basefold.BasefoldParams;
import io.edgeproof.commit.basefold.BasefoldProof;
import io.edgeproof.commit.basefold.BasefoldProver;
import io.edgeproof.commit.basefold.BasefoldProverData;
import io.edgeproof.commit.basefold.EvaluationClaim;
import io.edgeproof.transcript.DomainSeparator;
import io.edgeproof.transcript.Transcript;
import io.edgeproof.zkml.quant.ModelCodec;
import io.edgeproof.zkml.quant.QuantizedModel;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Proves quantized inference (see zkml/PROOF.md): setup commits the weights once; each proof commits the
 * per-proof witness in one batch, checks every step's constraints by sumchecks at random points, all range
 * checks by one lookup, and opens weights and witness at every block claim in one Basefold opening.
 */
public final class ZkmlProver {
    public static final int PROTOCOL_VERSION = 2;
    static final DomainSeparator DOMAIN = new DomainSeparator("edgeproof/zkml-inference", PROTOCOL_VERSION);

    private ZkmlProver() {}

    /** Setup with the standard commitment parameters. */
    public static ProverKey setup(QuantizedModel model) {
        return setup(model, BasefoldParams.standard());
    }

    /** Builds the circuit (or throws {@link NotProvableException}) and commits the weights. */
    public static ProverKey setup(QuantizedModel model, BasefoldParams params) {
        ModelCircuit circuit = ModelCircuit.of(model);
        WeightPlan plan = new WeightPlan(circuit);
        long[][] blocks = plan.blocks(circuit, model);
        long[][] polys = plan.layout.assemble(blocks);
        List<BasefoldProverData> data = new ArrayList<>();
        List<BasefoldCommitment> commitments = new ArrayList<>();
        for (long[] p : polys) {
            BasefoldProverData d = BasefoldProver.commit(params, p);
            data.add(d);
            commitments.add(d.commitment());
        }
        double[] outputScales = new double[model.outputs().length];
        for (int i = 0; i < outputScales.length; i++) {
            outputScales[i] = model.scaleOf(model.outputs()[i]);
        }
        byte[] epmHash = HexFormat.of().parseHex(ModelCodec.contentHash(model));
        VerifierKey vk = new VerifierKey(params, epmHash, circuit, model.inputScale(), outputScales, commitments,
                plan.keyBlocks(blocks));
        return new ProverKey(model, vk, blocks, polys, data);
    }

    /** Proves {@code batch} samples of quantized int16 input (laid end to end) under the caller's context. */
    public static ProofOutput prove(ProverKey key, int[] input, int batch, byte[] context) {
        return prove(key, input, batch, context, WitnessTamper.NONE);
    }

    /** Quantizes real input rows with the model's input scale, then proves them as one batch. */
    public static ProofOutput prove(ProverKey key, double[][] rows, byte[] context) {
        int n = key.verifierKey().inputSize();
        int[] q = new int[rows.length * n];
        for (int b = 0; b < rows.length; b++) {
            if (rows[b].length != n) {
                throw new io.edgeproof.zkml.graph.ModelException("sample " + b + " has " + rows[b].length
                        + " values, the model expects " + n);
            }
            System.arraycopy(key.model().quantizeInput(rows[b]), 0, q, b * n, n);
        }
        return prove(key, q, rows.length, context);
    }

    static ProofOutput prove(ProverKey key, int[] input, int batch, byte[] context, WitnessTamper tamper) {
        VerifierKey vk = key.verifierKey();
        ModelCircuit circuit = vk.circuit();
        if (batch < 1 || batch > InferenceProof.MAX_BATCH) {
            throw new IllegalArgumentException("batch must be in [1, " + InferenceProof.MAX_BATCH + "]");
        }
        WitnessPlan plan = new WitnessPlan(circuit, batch);
        WitnessBuilder.Witness witness = WitnessBuilder.build(plan, key.model(), input, tamper);
        int[] outputs = tamper.claimedOutputs(outputsOf(circuit, witness.trace()));
        List<BasefoldProverData> opened = new ArrayList<>(key.weightData());
        List<byte[]> roots = new ArrayList<>();
        InferenceStatement statement = new InferenceStatement(vk.modelId(), batch, input, outputs, context);
        Transcript transcript = Transcript.open(DOMAIN, statement);
        for (long[] p : witness.polynomials()) {
            BasefoldProverData d = BasefoldProver.commit(vk.params(), p);
            d.commitment().bindTo(transcript);
            opened.add(d);
            roots.add(d.commitment().root());
        }
        long[][] proverWeights = witness.model() == key.model() ? key.weightBlocks()
                : vk.weightPlan().blocks(circuit, witness.model());
        ProofSession session = new ProofSession(transcript, plan, vk.weightPlan(), witness.trace().tensors()[0], witness,
                proverWeights);
        OutputCheck.run(session, outputs);
        List<InferenceProof.StepProof> steps = new ArrayList<>();
        for (int s = 0; s < circuit.steps().size(); s++) {
            steps.add(switch (circuit.steps().get(s)) {
                case ModelCircuit.Linear l -> LinearCheck.prove(session, s, l);
                case ModelCircuit.Relu r -> ReluCheck.prove(session, r);
                case ModelCircuit.MaxPool m -> MaxPoolCheck.prove(session, s, m);
                case RequantStep q -> RequantCheck.prove(session, s, q);
                case GatherStep g -> GatherCheck.prove(session, g);
                case TableStep t -> TableLookupCheck.prove(session, s, t);
                case SoftmaxStep x -> SoftmaxCheck.prove(session, s, x);
            });
        }
        InferenceProof.RangeProof range = RangeChecks.prove(session);
        List<EvaluationClaim> claims = new ArrayList<>(session.weightClaims.openingClaims(0));
        claims.addAll(session.witnessClaims.openingClaims(key.weightData().size()));
        BasefoldProof opening = BasefoldProver.open(vk.params(), opened, claims, transcript);
        InferenceProof proof = new InferenceProof(vk.modelId(), batch, input, outputs, roots, steps, range, opening);
        return new ProofOutput(proof, outputs);
    }

    /** Per sample, the output tensors laid end to end (the engine's output order). */
    static int[] outputsOf(ModelCircuit circuit, TracingEvaluator.Trace trace) {
        int per = circuit.outputSize();
        int[] out = new int[trace.batch() * per];
        int offset = 0;
        for (int o : circuit.outputs()) {
            int n = circuit.tensor(o).size();
            for (int b = 0; b < trace.batch(); b++) {
                System.arraycopy(trace.tensors()[o], b * n, out, b * per + offset, n);
            }
            offset += n;
        }
        return out;
    }
}
