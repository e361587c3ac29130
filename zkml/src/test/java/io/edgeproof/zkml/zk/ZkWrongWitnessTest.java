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
 * The honest zero-knowledge prover run on a wrong witness (one value changed, everything downstream
 * recomputed): each is rejected, for the reason of the relation it breaks. A value out of its range breaks
 * the LogUp sum, a claim of P2's hiding opening, so the opening rejects it.
 */
class ZkWrongWitnessTest {
    private static final String MODEL = "digits-mlp";
    private static final byte[] CONTEXT = ZkFixtures.context("job-9");

    /** Proves with hidden weights and a hidden input under the tamper; returns the rejection. */
    private static VerificationException reject(ZkProver.Tamper tamper) {
        ZkProverKey key = ZkFixtures.hiddenKey(MODEL);
        int[] x = ZkFixtures.input(key.verifierKey().inputSize(), 1, 21);
        HiddenInput hidden = HiddenInput.commit(InputLayout.of(key.verifierKey()), x, 1, ZkFixtures.seed(9), 1);
        ZkProofOutput out = ZkProver.prove(ZkProver.Side.of(key, key.reserveSlot()), x, 1, hidden, 0, CONTEXT,
                ZkFixtures.random(31), tamper);
        return assertThrows(VerificationException.class,
                () -> ZkVerifier.verify(key.verifierKey(), out.proof().toBytes(), CONTEXT));
    }

    private static ZkProver.Tamper edit(DenseCircuit.TraceEdit edit) {
        return new ZkProver.Tamper(null, null, edit, UnaryOperator.identity());
    }

    /** Step index of the first dense step. */
    private static final int FIRST_DENSE = 0;

    @Test
    void rejectsAWrongClaimedOutput() {
        VerificationException e = reject(new ZkProver.Tamper(null, null, DenseCircuit.TraceEdit.NONE, y -> {
            int[] z = y.clone();
            z[3] += 1;
            return z;
        }));
        assertThat(e.reason()).isEqualTo(ZkReason.DENSE_CONSTRAINT_VIOLATED);
    }

    @Test
    void rejectsAWitnessComputedWithOneWeightChanged() {
        QuantizedModel model = ZkFixtures.model(MODEL);
        List<QNode> nodes = new ArrayList<>(model.nodes());
        for (int k = 0; k < nodes.size(); k++) {
            if (nodes.get(k).layer() instanceof QLayer.Linear l) {
                byte[] w = l.weights().clone();
                w[5] = (byte) (w[5] == 127 ? 126 : w[5] + 1);
                QNode n = nodes.get(k);
                nodes.set(k, new QNode(n.name(), new QLayer.Linear(l.inFeatures(), l.outFeatures(), w, l.bias(), l.rq()),
                        n.inputs(), n.shape(), n.scale()));
                break;
            }
        }
        QuantizedModel changed = new QuantizedModel(model.inputShape(), model.inputScale(), nodes, model.outputs());
        VerificationException e = reject(new ZkProver.Tamper(changed, null, DenseCircuit.TraceEdit.NONE,
                UnaryOperator.identity()));
        assertThat(e.reason()).isEqualTo(ZkReason.DENSE_CONSTRAINT_VIOLATED);
    }

    @Test
    void rejectsAWitnessComputedFromAnotherInputThanTheCommittedOne() {
        int[] other = ZkFixtures.input(ZkFixtures.hiddenKey(MODEL).verifierKey().inputSize(), 1, 21);
        other[7] ^= 1;
        VerificationException e = reject(new ZkProver.Tamper(null, other, DenseCircuit.TraceEdit.NONE,
                UnaryOperator.identity()));
        assertThat(e.reason()).isEqualTo(ZkReason.ELEMENT_CONSTRAINT_VIOLATED);
    }

    @Test
    void rejectsARoundingMovedIntoTheRemainder() {
        // t - 1 and r + 2^s: the requantization relation still holds, the remainder is out of its range
        VerificationException e = reject(edit((step, tensors, t, r) -> {
            if (step == FIRST_DENSE) {
                t[2] -= 1;
                r[2] += 1L << ZkCircuit.of(ZkFixtures.model(MODEL)).denseSteps().get(0).shifts()[2];
                tensors[1][2] = (int) Math.clamp(t[2], -32768, 32767);
            }
        }));
        assertThat(e.reason()).isInstanceOf(BasefoldReason.class);
    }

    @Test
    void rejectsARemainderMovedIntoTheQuotient() {
        // t + 1 and r - 2^s: the remainder is negative
        VerificationException e = reject(edit((step, tensors, t, r) -> {
            if (step == FIRST_DENSE) {
                t[4] += 1;
                r[4] -= 1L << ZkCircuit.of(ZkFixtures.model(MODEL)).denseSteps().get(0).shifts()[4];
                tensors[1][4] = (int) Math.clamp(t[4], -32768, 32767);
            }
        }));
        assertThat(e.reason()).isInstanceOf(BasefoldReason.class);
    }

    @Test
    void rejectsAReluThatPassesANegativeValue() {
        VerificationException e = reject(edit((step, tensors, t, r) -> {
            if (step == 1) {
                for (int i = 0; i < tensors[1].length; i++) {
                    if (tensors[1][i] < 0) {
                        tensors[2][i] = tensors[1][i];
                        return;
                    }
                }
                throw new IllegalStateException("no negative pre-activation to pass");
            }
        }));
        assertThat(e.reason()).isInstanceOf(BasefoldReason.class);
    }

    @Test
    void rejectsAClampThatDoesNotClamp() {
        // y = t beyond int16 would not even be an int16 tensor; instead claim y = 32767 for an unsaturated t
        VerificationException e = reject(edit((step, tensors, t, r) -> {
            if (step == FIRST_DENSE) {
                tensors[1][6] = 32767;
            }
        }));
        assertThat(e.reason()).isEqualTo(ZkReason.DENSE_CONSTRAINT_VIOLATED);
    }

    @Test
    void publicWeightsRejectAWitnessComputedFromAnotherInput() {
        ProverKey key = ZkFixtures.publicKey(MODEL);
        InputLayout layout = InputLayout.of(key.verifierKey());
        int[] x = ZkFixtures.input(layout.inputSize(), 1, 22);
        int[] other = x.clone();
        other[0] = other[0] == 0 ? 1 : 0;
        HiddenInput hidden = HiddenInput.commit(layout, x, 1, ZkFixtures.seed(3), 1);
        ZkProofOutput out = ZkProver.prove(ZkProver.Side.of(key), x, 1, hidden, 0, CONTEXT, ZkFixtures.random(32),
                new ZkProver.Tamper(null, other, DenseCircuit.TraceEdit.NONE, UnaryOperator.identity()));
        VerificationException e = assertThrows(VerificationException.class,
                () -> ZkVerifier.verify(key.verifierKey(), out.proof().toBytes(), CONTEXT));
        assertThat(e.reason()).isEqualTo(ZkReason.ELEMENT_CONSTRAINT_VIOLATED);
    }
}
