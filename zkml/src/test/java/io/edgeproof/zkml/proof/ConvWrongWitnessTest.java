package io.edgeproof.zkml.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.edgeproof.commit.basefold.BasefoldReason;
import io.edgeproof.iop.lookup.LookupReason;
import io.edgeproof.transcript.VerificationException;
import io.edgeproof.zkml.quant.QLayer;
import io.edgeproof.zkml.quant.QNode;
import io.edgeproof.zkml.quant.QuantizedModel;
import io.edgeproof.zkml.quant.Requant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The honest prover run on a wrong witness of a CNN (digits-cnn: Conv, Relu, MaxPool, Conv, Relu, MaxPool,
 * flatten, Linear, Relu, Linear), everything downstream recomputed from the change: each is rejected for
 * the reason that names the broken relation.
 */
class ConvWrongWitnessTest {
    private static final String MODEL = "digits-cnn";
    private static final byte[] CONTEXT = ProofFixtures.context("job-cnn");

    private static VerificationException.Reason rejection(WitnessTamper tamper) {
        ProverKey key = ProofFixtures.key(MODEL);
        int[] input = ProofFixtures.input(key, 1, 23);
        ProofOutput out = ZkmlProver.prove(key, input, 1, CONTEXT, tamper);
        VerificationException e = assertThrows(VerificationException.class,
                () -> ZkmlVerifier.verify(key.verifierKey(), out.proof().toBytes(), CONTEXT));
        return e.reason();
    }

    private static List<ModelCircuit.Step> steps() {
        return ProofFixtures.key(MODEL).verifierKey().circuit().steps();
    }

    /** Index of the n-th step of a kind (Conv = a Linear with a window). */
    private static int step(String kind, int nth) {
        int seen = 0;
        for (int s = 0; s < steps().size(); s++) {
            ModelCircuit.Step st = steps().get(s);
            boolean match = switch (kind) {
                case "conv" -> st instanceof ModelCircuit.Linear l && l.isConv();
                case "maxpool" -> st instanceof ModelCircuit.MaxPool;
                default -> throw new IllegalArgumentException(kind);
            };
            if (match && seen++ == nth) {
                return s;
            }
        }
        throw new IllegalArgumentException("no such step");
    }

    interface StepEdit {
        void apply(int step, int[][] tensors, TracingEvaluator.LinearTrace trace);
    }

    private static WitnessTamper afterStep(int target, StepEdit edit) {
        return new WitnessTamper() {
            @Override
            public void afterStep(int step, int[][] tensors, TracingEvaluator.LinearTrace trace) {
                if (step == target) {
                    edit.apply(step, tensors, trace);
                }
            }
        };
    }

    @Test
    void rejectsOneChangedConvWeight() {
        int k = steps().get(step("conv", 1)).node();
        WitnessTamper tamper = new WitnessTamper() {
            @Override
            public QuantizedModel model(QuantizedModel m) {
                List<QNode> nodes = new ArrayList<>(m.nodes());
                QNode n = nodes.get(k);
                QLayer.Conv c = (QLayer.Conv) n.layer();
                byte[] w = c.weights().clone();
                w[7] = (byte) (w[7] == 127 ? 126 : w[7] + 1);
                nodes.set(k, new QNode(n.name(), new QLayer.Conv(c.inChannels(), c.outChannels(), c.kernelH(),
                        c.kernelW(), c.strides(), c.pads(), c.dilations(), c.group(), w, c.bias(), c.rq()),
                        n.inputs(), n.shape(), n.scale()));
                return new QuantizedModel(m.inputShape(), m.inputScale(), nodes, m.outputs());
            }
        };
        // the opening's point reduction starts from the claimed values: its first round cannot add up
        assertEquals(BasefoldReason.SUMCHECK_ROUND_MISMATCH, rejection(tamper));
    }

    @Test
    void rejectsOneChangedConvInput() {
        WitnessTamper tamper = new WitnessTamper() {
            @Override
            public int[] input(int[] statement) {
                int[] x = statement.clone();
                x[9] = x[9] == Requant.HI ? 0 : x[9] + 1;
                return x;
            }
        };
        assertEquals(ZkmlReason.LINEAR_MATMUL_MISMATCH, rejection(tamper));
    }

    /** An honest proof with one step's proof replaced; verified as an object (no byte decoding). */
    private static VerificationException.Reason rejectionOfEdited(int target,
            java.util.function.UnaryOperator<InferenceProof.StepProof> edit) {
        ProverKey key = ProofFixtures.key(MODEL);
        InferenceProof p = ZkmlProver.prove(key, ProofFixtures.input(key, 1, 29), 1, CONTEXT).proof();
        List<InferenceProof.StepProof> edited = new ArrayList<>(p.steps);
        edited.set(target, edit.apply(edited.get(target)));
        InferenceProof forged = new InferenceProof(p.modelId, p.batch, p.input, p.outputs, p.witnessRoots, edited,
                p.range, p.opening);
        return assertThrows(VerificationException.class,
                () -> ZkmlVerifier.verify(key.verifierKey(), forged, CONTEXT)).reason();
    }

    @Test
    void rejectsAConvInputValueThatIsNotTheWindowedInput() {
        assertEquals(ZkmlReason.CONV_WINDOW_MISMATCH, rejectionOfEdited(step("conv", 1), s -> {
            InferenceProof.LinearProof l = (InferenceProof.LinearProof) s;
            return new InferenceProof.LinearProof(l.zeroSum(), l.zeroCheck(), l.finals(), l.matmul(), l.input(),
                    l.weight(), l.window(), l.windowInput().add(io.edgeproof.field.Ext3.ONE));
        }));
    }

    @Test
    void rejectsAMaxPoolOutputValueThatDoesNotMatchItsDifferences() {
        assertEquals(ZkmlReason.MAXPOOL_WINDOW_MISMATCH, rejectionOfEdited(step("maxpool", 0), s -> {
            InferenceProof.MaxPoolProof m = (InferenceProof.MaxPoolProof) s;
            return new InferenceProof.MaxPoolProof(m.zeroSum(), m.zeroCheck(), m.differences(),
                    m.output().add(io.edgeproof.field.Ext3.ONE), m.window(), m.input());
        }));
    }

    @Test
    void rejectsOneChangedConvRemainder() {
        assertEquals(ZkmlReason.LINEAR_CONSTRAINT_VIOLATED,
                rejection(afterStep(step("conv", 0), (s, tensors, t) -> t.remainder()[3] += 1)));
    }

    @Test
    void rejectsAConvWhosePaddingIsNotZero() {
        int target = step("conv", 0);
        WitnessTamper tamper = new WitnessTamper() {
            @Override
            public int convPadding(int step) {
                return step == target ? 1 : 0;
            }
        };
        assertEquals(ZkmlReason.LINEAR_MATMUL_MISMATCH, rejection(tamper));
    }

    @Test
    void rejectsAMaxPoolOutputThatIsASmallerWindowElement() {
        int target = step("maxpool", 0);
        ModelCircuit.MaxPool p = (ModelCircuit.MaxPool) steps().get(target);
        assertEquals(LookupReason.SUMS_DIFFER, rejection(afterStep(target, (s, tensors, t) -> {
            int[] m = tensors[p.output()];
            int[] x = tensors[p.input()];
            int width = ProofFixtures.key(MODEL).verifierKey().circuit().tensor(p.input()).width();
            for (int i = 0; i < m.length; i++) {
                // output (plane, oy, ox) of a 2x2 stride-2 pool: its window's top-left element
                int outW = width / 2;
                int plane = i / (outW * outW);
                int oy = (i % (outW * outW)) / outW;
                int ox = i % outW;
                int topLeft = x[plane * width * width + 2 * oy * width + 2 * ox];
                if (topLeft < m[i]) {
                    m[i] = topLeft;
                    return;
                }
            }
            throw new IllegalStateException("every window's maximum is its top-left element");
        })));
    }

    @Test
    void rejectsAMaxPoolOutputLargerThanEveryWindowElement() {
        int target = step("maxpool", 1);
        ModelCircuit.MaxPool p = (ModelCircuit.MaxPool) steps().get(target);
        assertEquals(ZkmlReason.MAXPOOL_NOT_A_WINDOW_ELEMENT,
                rejection(afterStep(target, (s, tensors, t) -> tensors[p.output()][2] += 1)));
    }
}
