package io.edgeproof.zkml.proof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.edgeproof.iop.lookup.LookupReason;
import io.edgeproof.transcript.VerificationException;
import io.edgeproof.zkml.engine.IntegerEngine;
import io.edgeproof.zkml.quant.QLayer;
import io.edgeproof.zkml.quant.QNode;
import io.edgeproof.zkml.quant.QuantizedModel;
import io.edgeproof.zkml.quant.Requant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The honest prover on a wrong witness of an element-wise, Layout or Lookup step (one value changed,
 * everything downstream recomputed from it): each is rejected for the reason naming the broken relation.
 */
class PointwiseWrongWitnessTest {
    private static final byte[] CONTEXT = ProofFixtures.context("job-9");

    /** input - relu(input) scaled (an Add with a negative multiplier), then times relu(input) (a Mul). */
    private static final QuantizedModel SUB_MUL = new QuantizedModel(new int[] {1, 8}, 1.0, List.of(
            new QNode("relu", new QLayer.Relu(), new int[] {0}, new int[] {1, 8}, 1.0),
            new QNode("sub", new QLayer.Add(3, -2, 2), new int[] {0, 1}, new int[] {1, 8}, 1.0),
            new QNode("mul", new QLayer.Mul(new Requant(new long[] {5}, new int[] {7})), new int[] {1, 2},
                    new int[] {1, 8}, 1.0)), new int[] {3});

    private static VerificationException.Reason rejection(ProverKey key, int batch, WitnessTamper tamper) {
        int[] input = ProofFixtures.input(key, batch, 13);
        ProofOutput out = ZkmlProver.prove(key, input, batch, CONTEXT, tamper);
        VerificationException e = assertThrows(VerificationException.class,
                () -> ZkmlVerifier.verify(key.verifierKey(), out.proof().toBytes(), CONTEXT));
        return e.reason();
    }

    private static VerificationException.Reason rejection(String model, WitnessTamper tamper) {
        return rejection(ProofFixtures.key(model), 1, tamper);
    }

    interface Edit {
        void apply(ModelCircuit.Step step, int[][] tensors, TracingEvaluator.LinearTrace trace);
    }

    /** Edits the first step of a kind after it ran; later steps read the edited values. */
    private static WitnessTamper after(ProverKey key, Class<? extends ModelCircuit.Step> kind, Edit edit) {
        List<ModelCircuit.Step> steps = key.verifierKey().circuit().steps();
        int target = 0;
        while (!kind.isInstance(steps.get(target))) {
            target++;
        }
        int chosen = target;
        return new WitnessTamper() {
            @Override
            public void afterStep(int step, int[][] tensors, TracingEvaluator.LinearTrace trace) {
                if (step == chosen) {
                    edit.apply(steps.get(step), tensors, trace);
                }
            }
        };
    }

    private static WitnessTamper after(String model, Class<? extends ModelCircuit.Step> kind, Edit edit) {
        return after(ProofFixtures.key(model), kind, edit);
    }

    /** The first element whose quotient is far from the clamp bounds. */
    private static int unclamped(long[] t) {
        int i = 0;
        while (Math.abs(t[i]) > 30000) {
            i++;
        }
        return i;
    }

    @Test
    void rejectsAScaleShiftOutputOffByOne() {
        assertEquals(ZkmlReason.REQUANT_CONSTRAINT_VIOLATED, rejection("ezkl/1l_batch_norm",
                after("ezkl/1l_batch_norm", RequantStep.class, (s, tensors, trace) -> {
                    int i = unclamped(trace.quotient());
                    tensors[s.output()][i] += 1;
                })));
    }

    @Test
    void rejectsAScaleShiftRoundedTheOtherWayWithANegativeRemainder() {
        assertEquals(LookupReason.SUMS_DIFFER, rejection("ezkl/1l_batch_norm",
                after("ezkl/1l_batch_norm", RequantStep.class, (s, tensors, trace) -> {
                    int i = unclamped(trace.quotient());
                    trace.quotient()[i] += 1;
                    trace.remainder()[i] -= 1L << ((RequantStep) s).shift();
                    tensors[s.output()][i] += 1;
                })));
    }

    @Test
    void rejectsAnAveragePoolOutputAndQuotientOffByOne() {
        assertEquals(ZkmlReason.REQUANT_CONSTRAINT_VIOLATED, rejection(ProofFixtures.key("ezkl/1l_average"), 2,
                after("ezkl/1l_average", RequantStep.class, (s, tensors, trace) -> {
                    int i = unclamped(trace.quotient());
                    trace.quotient()[i] += 1;
                    tensors[s.output()][i] += 1;
                })));
    }

    @Test
    void rejectsAPaddedLayoutWithAWrongFillValue() {
        assertEquals(ZkmlReason.LAYOUT_MISMATCH, rejection("ezkl/1l_average",
                after("ezkl/1l_average", GatherStep.class, (s, tensors, trace) -> {
                    GatherStep g = (GatherStep) s;
                    int i = 0;
                    while (g.index()[i] >= 0) {
                        i++;
                    }
                    tensors[s.output()][i] = g.fill() + 1;
                })));
    }

    @Test
    void rejectsATiledLayoutThatChangesOneCopy() {
        assertEquals(ZkmlReason.LAYOUT_MISMATCH, rejection("ezkl/large_mlp",
                after("ezkl/large_mlp", GatherStep.class, (s, tensors, trace) -> tensors[s.output()][517] ^= 1)));
    }

    @Test
    void rejectsALookupOutputThatIsNotTheTableValue() {
        assertEquals(LookupReason.SUMS_DIFFER, rejection("ezkl/1l_sigmoid",
                after("ezkl/1l_sigmoid", TableStep.class, (s, tensors, trace) -> tensors[s.output()][1] ^= 1)));
    }

    @Test
    void rejectsALookupInsideACnnWithEverythingDownstreamRecomputed() {
        assertEquals(LookupReason.SUMS_DIFFER, rejection("ezkl/lenet_5",
                after("ezkl/lenet_5", TableStep.class, (s, tensors, trace) -> tensors[s.output()][100] ^= 4)));
    }

    @Test
    void rejectsALookupOfAnotherInputThanThePublicOne() {
        WitnessTamper tamper = new WitnessTamper() {
            @Override
            public int[] input(int[] statementInput) {
                int[] x = statementInput.clone();
                x[0] = x[0] == 0 ? 1 : -x[0];
                return x;
            }
        };
        assertEquals(ZkmlReason.LOOKUP_INPUT_MISMATCH, rejection("ezkl/1l_tanh", tamper));
    }

    @Test
    void subAndMulOfTwoActivationsProveTheEngineOutputs() throws Exception {
        ProverKey key = ZkmlProver.setup(SUB_MUL);
        int[] input = ProofFixtures.input(key, 3, 5);
        ProofOutput out = ZkmlProver.prove(key, input, 3, CONTEXT);
        VerifiedInference v = ZkmlVerifier.verify(key.verifierKey(), out.proof().toBytes(), CONTEXT);
        assertArrayEquals(new IntegerEngine(SUB_MUL).run(input, 3), v.outputs());
    }

    @Test
    void rejectsASubOutputOffByOneFedIntoTheMul() {
        ProverKey key = ZkmlProver.setup(SUB_MUL);
        assertEquals(ZkmlReason.REQUANT_CONSTRAINT_VIOLATED, rejection(key, 2,
                after(key, RequantStep.class, (s, tensors, trace) -> tensors[s.output()][unclamped(trace.quotient())] -= 1)));
    }

    @Test
    void rejectsAMulRemainderOutOfRange() {
        ProverKey key = ZkmlProver.setup(SUB_MUL);
        WitnessTamper tamper = new WitnessTamper() {
            @Override
            public void afterStep(int step, int[][] tensors, TracingEvaluator.LinearTrace trace) {
                if (step == 2) {
                    int i = unclamped(trace.quotient());
                    trace.quotient()[i] -= 1;
                    trace.remainder()[i] += 1L << 7;
                    tensors[3][i] -= 1;
                }
            }
        };
        assertEquals(LookupReason.SUMS_DIFFER, rejection(key, 1, tamper));
    }
}
