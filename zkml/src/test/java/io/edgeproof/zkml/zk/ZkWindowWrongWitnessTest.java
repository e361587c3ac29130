package io.edgeproof.zkml.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.edgeproof.commit.basefold.BasefoldReason;
import io.edgeproof.transcript.VerificationException;
import io.edgeproof.zkml.proof.DenseCircuit;
import io.edgeproof.zkml.proof.ProverKey;
import io.edgeproof.zkml.quant.QLayer;
import io.edgeproof.zkml.quant.QNode;
import io.edgeproof.zkml.quant.QuantizedModel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The honest zero-knowledge prover of digits-cnn (Conv, MaxPool, Relu, dense) run on a wrong witness, one
 * value changed and everything downstream recomputed: each is rejected for the relation it breaks.
 */
class ZkWindowWrongWitnessTest {
    private static final String MODEL = "digits-cnn";
    private static final byte[] CONTEXT = ZkFixtures.context("job-cnn-9");

    /** Proves with hidden weights and a hidden input under the tamper; returns the rejection. */
    private static VerificationException reject(ZkProver.Tamper tamper) {
        ZkProverKey key = ZkFixtures.hiddenKey(MODEL);
        int[] x = ZkFixtures.input(key.verifierKey().inputSize(), 1, 61);
        HiddenInput hidden = HiddenInput.commit(InputLayout.of(key.verifierKey()), x, 1, ZkFixtures.seed(19), 1);
        ZkProofOutput out = ZkProver.prove(ZkProver.Side.of(key, key.reserveSlot()), x, 1, hidden, 0, CONTEXT,
                ZkFixtures.random(62), tamper);
        return assertThrows(VerificationException.class,
                () -> ZkVerifier.verify(key.verifierKey(), out.proof().toBytes(), CONTEXT));
    }

    private static ZkProver.Tamper edit(DenseCircuit.TraceEdit edit) {
        return new ZkProver.Tamper(null, null, edit, UnaryOperator.identity());
    }

    /** The first step of a kind in the circuit. */
    private static int first(Class<? extends ZkCircuit.Step> kind) {
        List<ZkCircuit.Step> steps = ZkCircuit.of(ZkFixtures.model(MODEL)).steps();
        for (int s = 0; s < steps.size(); s++) {
            if (kind.isInstance(steps.get(s)) && !(steps.get(s) instanceof ZkCircuit.Dense d && !d.isConv())) {
                return s;
            }
        }
        throw new IllegalStateException("no " + kind.getSimpleName());
    }

    @Test
    void rejectsAWitnessComputedWithOneConvWeightChanged() {
        QuantizedModel model = ZkFixtures.model(MODEL);
        List<QNode> nodes = new ArrayList<>(model.nodes());
        QNode n = nodes.get(0);
        QLayer.Conv c = (QLayer.Conv) n.layer();
        byte[] w = c.weights().clone();
        w[4] = (byte) (w[4] == 127 ? 126 : w[4] + 1);
        nodes.set(0, new QNode(n.name(), new QLayer.Conv(c.inChannels(), c.outChannels(), c.kernelH(), c.kernelW(),
                c.strides(), c.pads(), c.dilations(), c.group(), w, c.bias(), c.rq()), n.inputs(), n.shape(), n.scale()));
        QuantizedModel changed = new QuantizedModel(model.inputShape(), model.inputScale(), nodes, model.outputs());
        VerificationException e = reject(new ZkProver.Tamper(changed, null, DenseCircuit.TraceEdit.NONE,
                UnaryOperator.identity()));
        assertThat(e.reason()).isEqualTo(ZkReason.CONV_CONSTRAINT_VIOLATED);
    }

    @Test
    void rejectsAWitnessComputedFromAnotherInputThanTheCommittedOne() {
        int[] other = ZkFixtures.input(ZkFixtures.hiddenKey(MODEL).verifierKey().inputSize(), 1, 61);
        other[9] ^= 1;
        VerificationException e = reject(new ZkProver.Tamper(null, other, DenseCircuit.TraceEdit.NONE,
                UnaryOperator.identity()));
        assertThat(e.reason()).isEqualTo(ZkReason.ELEMENT_CONSTRAINT_VIOLATED);
    }

    @Test
    void rejectsAConvThatReadsANonZeroPadding() {
        int conv = first(ZkCircuit.Dense.class);
        VerificationException e = reject(edit(new DenseCircuit.TraceEdit() {
            @Override
            public void afterStep(int step, int[][] tensors, long[] quotient, long[] remainder) {}

            @Override
            public int convPadding(int step) {
                return step == conv ? 5 : 0;
            }
        }));
        assertThat(e.reason()).isEqualTo(ZkReason.CONV_CONSTRAINT_VIOLATED);
    }

    @Test
    void rejectsAConvRoundingMovedIntoTheRemainder() {
        int conv = first(ZkCircuit.Dense.class);
        int shift = ((ZkCircuit.Dense) ZkCircuit.of(ZkFixtures.model(MODEL)).steps().get(conv)).shifts()[0];
        VerificationException e = reject(edit((step, tensors, t, r) -> {
            if (step == conv) {
                t[3] -= 1;
                r[3] += 1L << shift;
                tensors[conv + 1][3] = (int) Math.clamp(t[3], -32768, 32767);
            }
        }));
        assertThat(e.reason()).isInstanceOf(BasefoldReason.class);
    }

    @Test
    void rejectsAMaxThatIsNoWindowValue() {
        int pool = first(ZkCircuit.MaxPool.class);
        VerificationException e = reject(edit((step, tensors, t, r) -> {
            if (step == pool) {
                tensors[pool + 1][5] += 1;
            }
        }));
        assertThat(e.reason()).isEqualTo(ZkReason.ELEMENT_CONSTRAINT_VIOLATED);
    }

    @Test
    void rejectsAMaxBelowAnotherWindowValue() {
        // the smallest value of the window: it is a window value, but other differences are negative
        int pool = first(ZkCircuit.MaxPool.class);
        ZkCircuit circuit = ZkCircuit.of(ZkFixtures.model(MODEL));
        ZkCircuit.MaxPool p = (ZkCircuit.MaxPool) circuit.steps().get(pool);
        ZkCircuit.Tensor in = circuit.tensor(p.input());
        VerificationException e = reject(edit((step, tensors, t, r) -> {
            if (step == pool) {
                int[] x = tensors[p.input()];
                int min = Math.min(Math.min(x[0], x[1]), Math.min(x[in.width()], x[in.width() + 1]));
                if (min == tensors[pool + 1][0]) {
                    throw new IllegalStateException("a constant window");
                }
                tensors[pool + 1][0] = min;
            }
        }));
        assertThat(e.reason()).isInstanceOf(BasefoldReason.class);
    }

    @Test
    void rejectsAWrongClaimedPoolOutput() {
        ProverKey key = ZkFixtures.publicKey("ezkl/1l_max_pool");
        InputLayout layout = InputLayout.of(key.verifierKey());
        int[] x = ZkFixtures.input(layout.inputSize(), 1, 63);
        HiddenInput hidden = HiddenInput.commit(layout, x, 1, ZkFixtures.seed(8), 1);
        ZkProofOutput out = ZkProver.prove(ZkProver.Side.of(key), x, 1, hidden, 0, CONTEXT, ZkFixtures.random(64),
                new ZkProver.Tamper(null, null, DenseCircuit.TraceEdit.NONE, y -> {
                    int[] z = y.clone();
                    z[2] -= 1;
                    return z;
                }));
        VerificationException e = assertThrows(VerificationException.class,
                () -> ZkVerifier.verify(key.verifierKey(), out.proof().toBytes(), CONTEXT));
        assertThat(e.reason()).isEqualTo(ZkReason.MAXPOOL_WINDOW_MISMATCH);
    }
}
