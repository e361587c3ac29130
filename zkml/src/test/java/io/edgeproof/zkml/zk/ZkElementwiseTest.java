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
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Zero-knowledge proofs of the element-wise requantized ops (ScaleShift, Add/Sub, Mul, AvgPool, ReduceMean
 * with a broadcast Sub and Mul) and of gathers: honest proofs carry the engine's outputs, a wrong witness is
 * rejected for the relation it breaks.
 */
class ZkElementwiseTest {
    private static final byte[] CONTEXT = ZkFixtures.context("job-ew");

    /** input - relu(input) scaled (an Add with a negative multiplier), then times relu(input) (a Mul). */
    private static final QuantizedModel SUB_MUL = new QuantizedModel(new int[] {1, 8}, 1.0, List.of(
            new QNode("relu", new QLayer.Relu(), new int[] {0}, new int[] {1, 8}, 1.0),
            new QNode("sub", new QLayer.Add(3, -2, 2), new int[] {0, 1}, new int[] {1, 8}, 1.0),
            new QNode("mul", new QLayer.Mul(new Requant(new long[] {5}, new int[] {7})), new int[] {1, 2},
                    new int[] {1, 8}, 1.0)), new int[] {3});

    /** mu = mean of each row of x [1, 3, 4]; x - mu (mu broadcast). */
    private static final QuantizedModel CENTER = new QuantizedModel(new int[] {1, 3, 4}, 1.0, List.of(
            new QNode("mean", new QLayer.ReduceMean(new int[] {2}, true, new Requant(new long[] {1}, new int[] {2})),
                    new int[] {0}, new int[] {1, 3, 1}, 1.0),
            new QNode("sub", new QLayer.Add(1, -1, 1), new int[] {0, 1}, new int[] {1, 3, 4}, 1.0)), new int[] {2});

    /** CENTER, then mu * (x - mu): a Mul whose first operand is read through a broadcast. */
    private static QuantizedModel centerTimesMean() {
        List<QNode> nodes = new java.util.ArrayList<>(CENTER.nodes());
        nodes.add(new QNode("mul", new QLayer.Mul(new Requant(new long[] {1}, new int[] {9})), new int[] {1, 2},
                new int[] {1, 3, 4}, 1.0));
        return new QuantizedModel(new int[] {1, 3, 4}, 1.0, nodes, new int[] {3});
    }

    @Test
    void aMulWithABroadcastOperandVerifies() throws Exception {
        QuantizedModel model = centerTimesMean();
        assertHonest(ZkmlProver.setup(model, ZkFixtures.PARAMS), model, 3, 77);
    }

    @Test
    void rejectsABroadcastMulWhoseGatheredCopyIsNotTheOperand() {
        // the mean changed after the Sub read it: the Mul's copy of the mean is not the committed mean
        QuantizedModel model = centerTimesMean();
        VerificationException e = reject(ZkmlProver.setup(model, ZkFixtures.PARAMS), edit((step, tensors, t, r) -> {
            if (step == 1) {
                tensors[1][0] += tensors[1][0] == 32767 ? -1 : 1;
            }
        }));
        assertThat(e.reason()).isEqualTo(ZkReason.ELEMENTWISE_CONSTRAINT_VIOLATED);
    }

    @Test
    @org.junit.jupiter.api.Tag("slow")
    void layernormWithAHiddenInputVerifies() throws Exception {
        assertHonest(ZkFixtures.publicKey("ezkl/layernorm"), ZkFixtures.model("ezkl/layernorm"), 1, 78);
    }

    private static ProofRun hiddenInput(ProverKey key, int batch, long seed, ZkProver.Tamper tamper) {
        InputLayout layout = InputLayout.of(key.verifierKey());
        int[] x = ZkFixtures.input(layout.inputSize(), batch, seed);
        HiddenInput hidden = HiddenInput.commit(layout, x, batch, ZkFixtures.seed((int) seed), 1);
        ZkProofOutput out = ZkProver.prove(ZkProver.Side.of(key), x, batch, hidden, 0, CONTEXT,
                ZkFixtures.random(seed), tamper);
        return new ProofRun(x, out.proof().toBytes(), hidden);
    }

    private record ProofRun(int[] input, byte[] proof, HiddenInput hidden) {}

    private static void assertHonest(ProverKey key, QuantizedModel model, int batch, long seed) throws Exception {
        ProofRun run = hiddenInput(key, batch, seed, ZkProver.Tamper.NONE);
        VerifiedZkInference v = ZkVerifier.verify(key.verifierKey(), run.proof(), CONTEXT, run.hidden().commitment());
        assertThat(v.outputs()).isEqualTo(new IntegerEngine(model).run(run.input(), batch));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ezkl/1l_batch_norm", "ezkl/1l_average"})
    void sharedModelsWithAHiddenBatchVerify(String name) throws Exception {
        assertHonest(ZkFixtures.publicKey(name), ZkFixtures.model(name), 2, 71);
    }

    @Test
    void addSubAndMulWithAHiddenBatchVerify() throws Exception {
        assertHonest(ZkmlProver.setup(SUB_MUL, ZkFixtures.PARAMS), SUB_MUL, 3, 72);
    }

    @Test
    void aReduceMeanAndABroadcastSubVerify() throws Exception {
        assertHonest(ZkmlProver.setup(CENTER, ZkFixtures.PARAMS), CENTER, 2, 73);
    }

    @Test
    @org.junit.jupiter.api.Tag("slow")
    void largeMlpWithItsTileLayoutAndHiddenWeightsVerifies() throws Exception {
        ZkProverKey key = ZkFixtures.hiddenKey("ezkl/large_mlp");
        int[] x = ZkFixtures.input(key.verifierKey().inputSize(), 1, 74);
        ZkProofOutput out = ZkProver.prove(key, key.reserveSlot(), x, 1, CONTEXT, ZkFixtures.random(74));
        VerifiedZkInference v = ZkVerifier.verify(key.verifierKey(), out.proof().toBytes(), CONTEXT);
        assertThat(v.outputs()).isEqualTo(new IntegerEngine(key.model()).run(x, 1));
    }

    private static VerificationException reject(ProverKey key, ZkProver.Tamper tamper) {
        ProofRun run = hiddenInput(key, 1, 75, tamper);
        return assertThrows(VerificationException.class, () -> ZkVerifier.verify(key.verifierKey(), run.proof(), CONTEXT));
    }

    private static ZkProver.Tamper claim(UnaryOperator<int[]> outputs) {
        return new ZkProver.Tamper(null, null, DenseCircuit.TraceEdit.NONE, outputs);
    }

    private static ZkProver.Tamper edit(DenseCircuit.TraceEdit edit) {
        return new ZkProver.Tamper(null, null, edit, UnaryOperator.identity());
    }

    private static int[] bumped(int[] y) {
        int[] z = y.clone();
        z[1] += z[1] == 32767 ? -1 : 1;
        return z;
    }

    @Test
    void rejectsAWrongScaleShiftOutput() {
        VerificationException e = reject(ZkFixtures.publicKey("ezkl/1l_batch_norm"), claim(ZkElementwiseTest::bumped));
        assertThat(e.reason()).isEqualTo(ZkReason.ELEMENTWISE_CONSTRAINT_VIOLATED);
    }

    @Test
    void rejectsAScaleShiftRoundingMovedIntoTheRemainder() {
        int shift = ((QLayer.ScaleShift) ZkFixtures.model("ezkl/1l_batch_norm").nodes().get(0).layer()).rq().shifts()[0];
        VerificationException e = reject(ZkFixtures.publicKey("ezkl/1l_batch_norm"), edit((step, tensors, t, r) -> {
            t[0] -= 1;
            r[0] += 1L << shift;
            tensors[1][0] = (int) Math.clamp(t[0], -32768, 32767);
        }));
        assertThat(e.reason()).isInstanceOf(BasefoldReason.class);
    }

    @Test
    void rejectsAWrongAveragePoolOutput() {
        VerificationException e = reject(ZkFixtures.publicKey("ezkl/1l_average"), claim(ZkElementwiseTest::bumped));
        assertThat(e.reason()).isEqualTo(ZkReason.ELEMENTWISE_CONSTRAINT_VIOLATED);
    }

    @Test
    void rejectsAGatherThatMovesOneValue() {
        VerificationException e = reject(ZkFixtures.publicKey("ezkl/1l_average"), edit((step, tensors, t, r) -> {
            if (step == 0) {
                int[] y = tensors[1];
                int i = 0;
                while (y[i] == y[i + 1]) {
                    i++;
                }
                y[i] = y[i + 1];
            }
        }));
        assertThat(e.reason()).isEqualTo(ZkReason.LAYOUT_MISMATCH);
    }

    @Test
    void rejectsASubOutputChangedWithTheMulRecomputed() {
        ProverKey key = ZkmlProver.setup(SUB_MUL, ZkFixtures.PARAMS);
        VerificationException e = reject(key, edit((step, tensors, t, r) -> {
            if (step == 1) {
                tensors[2][4] += tensors[2][4] == 32767 ? -1 : 1;
            }
        }));
        assertThat(e.reason()).isEqualTo(ZkReason.ELEMENTWISE_CONSTRAINT_VIOLATED);
    }
}
