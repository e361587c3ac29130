package io.edgeproof.zkml.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.edgeproof.commit.basefold.BasefoldReason;
import io.edgeproof.transcript.VerificationException;
import io.edgeproof.zkml.engine.IntegerEngine;
import io.edgeproof.zkml.proof.DenseCircuit;
import io.edgeproof.zkml.proof.ProverKey;
import io.edgeproof.zkml.proof.ZkmlProver;
import io.edgeproof.zkml.quant.QLayer;
import io.edgeproof.zkml.quant.QNode;
import io.edgeproof.zkml.quant.QuantizedModel;
import io.edgeproof.zkml.quant.Requant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Zero-knowledge softmax: honest proofs (1l_softmax with a hidden input; a hidden softmax output between a
 * dense layer and a Relu, with hidden weights) carry the engine's outputs; the honest prover on a wrong
 * witness (row max, selector, row sum, remainder, quotient) is rejected for the relation it breaks. Every
 * proof costs a 2^16-row LogUp table side (~5-10 s under load), so all but two are tagged slow.
 */
class ZkSoftmaxTest {
    private static final byte[] CONTEXT = ZkFixtures.context("job-softmax");

    /** x [1, 3, 6] -> Linear 6 -> 5 per row -> softmax over rows of 5 (padded to 8) -> Relu (hidden softmax output). */
    static final QuantizedModel DENSE_SOFTMAX = denseSoftmax();

    private static QuantizedModel denseSoftmax() {
        SplittableRandom rnd = new SplittableRandom(5);
        byte[] w = new byte[5 * 6];
        for (int i = 0; i < w.length; i++) {
            w[i] = (byte) rnd.nextInt(-3, 4);
        }
        long[] bias = {100, -200, 0, 5, 7};
        long[] m = new long[5];
        int[] s = new int[5];
        java.util.Arrays.fill(m, 3);
        java.util.Arrays.fill(s, 5);
        int[] exp = new int[(1 << 15) + 1];
        for (int i = 0; i < exp.length; i++) {
            exp[i] = (int) Math.floor(Math.exp((i - (1 << 15)) / 2048.0) * (1 << 15) + 0.5);
        }
        return new QuantizedModel(new int[] {1, 3, 6}, 1.0, List.of(
                new QNode("dense", new QLayer.Linear(6, 5, w, bias, new Requant(m, s)), new int[] {0}, new int[] {1, 3, 5},
                        1.0),
                new QNode("softmax", new QLayer.Softmax(2, 3, exp), new int[] {1}, new int[] {1, 3, 5}, 1.0 / 32767),
                new QNode("relu", new QLayer.Relu(), new int[] {2}, new int[] {1, 3, 5}, 1.0 / 32767)), new int[] {3});
    }

    private record ProofRun(int[] input, byte[] proof, HiddenInput hidden) {}

    private static ProofRun hiddenInput(ProverKey key, int batch, long seed, ZkProver.Tamper tamper) {
        InputLayout layout = InputLayout.of(key.verifierKey());
        int[] x = ZkFixtures.input(layout.inputSize(), batch, seed);
        HiddenInput hidden = HiddenInput.commit(layout, x, batch, ZkFixtures.seed((int) seed), 1);
        ZkProofOutput out = ZkProver.prove(ZkProver.Side.of(key), x, batch, hidden, 0, CONTEXT, ZkFixtures.random(seed),
                tamper);
        return new ProofRun(x, out.proof().toBytes(), hidden);
    }

    @Test
    void oneLayerSoftmaxWithAHiddenBatchVerifies() throws Exception {
        ProverKey key = ZkFixtures.publicKey("ezkl/1l_softmax");
        ProofRun run = hiddenInput(key, 3, 91, ZkProver.Tamper.NONE);
        VerifiedZkInference v = ZkVerifier.verify(key.verifierKey(), run.proof(), CONTEXT, run.hidden().commitment());
        assertThat(v.outputs()).isEqualTo(new IntegerEngine(key.model()).run(run.input(), 3));
    }

    @Tag("slow")
    @Test
    void aHiddenSoftmaxWithHiddenWeightsAndAHiddenInputVerifies() throws Exception {
        ZkProverKey key = ZkProver.setup(DENSE_SOFTMAX, ZkFixtures.PARAMS, 2, ZkFixtures.random(92));
        InputLayout layout = InputLayout.of(key.verifierKey());
        int[] x = ZkFixtures.input(layout.inputSize(), 2, 93);
        HiddenInput hidden = HiddenInput.commit(layout, x, 2, ZkFixtures.seed(93), 1);
        ZkProofOutput out = ZkProver.prove(key, key.reserveSlot(), hidden, 0, CONTEXT, ZkFixtures.random(94));
        VerifiedZkInference v = ZkVerifier.verify(key.verifierKey(), out.proof().toBytes(), CONTEXT, hidden.commitment());
        assertThat(v.outputs()).isEqualTo(new IntegerEngine(DENSE_SOFTMAX).run(x, 2));
    }

    @Tag("slow")
    @Test
    void aOneLayerSoftmaxProofIsBoundToItsContextAndInputCommitment() throws Exception {
        ProverKey key = ZkFixtures.publicKey("ezkl/1l_softmax");
        ProofRun run = hiddenInput(key, 1, 95, ZkProver.Tamper.NONE);
        HiddenInput other = HiddenInput.commit(InputLayout.of(key.verifierKey()), run.input(), 1, ZkFixtures.seed(96), 1);
        assertThat(assertThrows(VerificationException.class, () -> ZkVerifier.verify(key.verifierKey(), run.proof(),
                CONTEXT, other.commitment())).reason()).isEqualTo(ZkReason.WRONG_INPUT_COMMITMENT);
        assertThrows(VerificationException.class, () -> ZkVerifier.verify(key.verifierKey(), run.proof(),
                ZkFixtures.context("job-other"), run.hidden().commitment()));
    }

    private static VerificationException reject(ZkProver.Tamper tamper) {
        ProverKey key = ZkmlProver.setup(DENSE_SOFTMAX, ZkFixtures.PARAMS);
        ProofRun run = hiddenInput(key, 1, 97, tamper);
        return assertThrows(VerificationException.class, () -> ZkVerifier.verify(key.verifierKey(), run.proof(), CONTEXT));
    }

    private static ZkProver.Tamper witness(ZkWitness.SoftmaxEdit edit) {
        return new ZkProver.Tamper(null, null, DenseCircuit.TraceEdit.NONE, UnaryOperator.identity(), edit);
    }

    @Tag("slow")
    @Test
    void rejectsARowMaxAboveTheLargestElement() {
        VerificationException e = reject(witness(new ZkWitness.SoftmaxEdit() {
            @Override
            public void max(int step, long[] x, long[] max, long[] select) {
                max[1] += 1;
            }
        }));
        assertThat(e.reason()).isEqualTo(ZkReason.SOFTMAX_CONSTRAINT_VIOLATED);
    }

    @Tag("slow")
    @Test
    void rejectsARowMaxBelowTheLargestElement() {
        // row 0's max and selector moved to a smaller element: m - x < 0 at the true max, so the exp lookup's
        // sum fails (P2's opening)
        VerificationException e = reject(witness(new ZkWitness.SoftmaxEdit() {
            @Override
            public void max(int step, long[] x, long[] max, long[] select) {
                int k = 0;
                while (x[k] == max[0]) {
                    k++;
                }
                java.util.Arrays.fill(select, 0, 8, 0);
                select[k] = 1;
                max[0] = x[k];
            }
        }));
        assertThat(e.reason()).isInstanceOf(BasefoldReason.class);
    }

    @Test
    void rejectsARowThatSelectsNoElement() {
        VerificationException e = reject(witness(new ZkWitness.SoftmaxEdit() {
            @Override
            public void max(int step, long[] x, long[] max, long[] select) {
                java.util.Arrays.fill(select, 8, 16, 0);
            }
        }));
        assertThat(e.reason()).isEqualTo(ZkReason.SOFTMAX_SUM_MISMATCH);
    }

    @Tag("slow")
    @Test
    void rejectsARowSumOffByOne() {
        VerificationException e = reject(witness(new ZkWitness.SoftmaxEdit() {
            @Override
            public void sum(int step, long[] sum) {
                sum[2] += 1;
            }
        }));
        assertThat(e.reason()).isEqualTo(ZkReason.SOFTMAX_SUM_MISMATCH);
    }

    @Tag("slow")
    @Test
    void rejectsARemainderThatBreaksTheDivision() {
        VerificationException e = reject(witness(new ZkWitness.SoftmaxEdit() {
            @Override
            public void remainder(int step, long[] remainder) {
                remainder[9] += 1;
            }
        }));
        assertThat(e.reason()).isEqualTo(ZkReason.SOFTMAX_CONSTRAINT_VIOLATED);
    }

    @Tag("slow")
    @Test
    void rejectsAQuotientOffByOneWithTheRemainderRecomputed() {
        // y + 1 moves r by -2Z: r or its gap leaves its range, so the range lookup's sum fails (P2's opening)
        VerificationException e = reject(new ZkProver.Tamper(null, null, (step, tensors, t, r) -> {
            if (step == 1) {
                tensors[2][4] += 1;
            }
        }, UnaryOperator.identity()));
        assertThat(e.reason()).isInstanceOf(BasefoldReason.class);
    }
}
