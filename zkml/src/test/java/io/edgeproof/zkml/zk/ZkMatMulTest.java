package io.edgeproof.zkml.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.edgeproof.transcript.VerificationException;
import io.edgeproof.zkml.graph.ModelException;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Zero-knowledge MatMul of two activations: honest proofs (a product of two hidden activations, one read in a
 * transposed bit order; self_attention) carry the engine's outputs; a product computed from another operand
 * than the committed one is rejected; operands sharing their columns are refused at setup.
 */
class ZkMatMulTest {
    private static final byte[] CONTEXT = ZkFixtures.context("job-matmul");

    /** x [1, 8, 8]: relu(x) times (x + x) / 2 (an Add: its own committed columns), then a Relu of the product. */
    static final QuantizedModel SQUARE = new QuantizedModel(new int[] {1, 8, 8}, 1.0, List.of(
            new QNode("relu", new QLayer.Relu(), new int[] {0}, new int[] {1, 8, 8}, 1.0),
            new QNode("mean", new QLayer.Add(1, 1, 1), new int[] {0, 0}, new int[] {1, 8, 8}, 1.0),
            new QNode("matmul", new QLayer.MatMul(new Requant(new long[] {3}, new int[] {22})), new int[] {1, 2},
                    new int[] {1, 8, 8}, 1.0),
            new QNode("relu2", new QLayer.Relu(), new int[] {3}, new int[] {1, 8, 8}, 1.0)), new int[] {4});

    /** relu(x) times x: the Relu output is read through x's columns, so both operands share them. */
    private static final QuantizedModel SHARED = new QuantizedModel(new int[] {1, 4, 4}, 1.0, List.of(
            new QNode("relu", new QLayer.Relu(), new int[] {0}, new int[] {1, 4, 4}, 1.0),
            new QNode("matmul", new QLayer.MatMul(new Requant(new long[] {1}, new int[] {20})), new int[] {1, 0},
                    new int[] {1, 4, 4}, 1.0)), new int[] {2});

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
    void aProductOfTwoActivationsWithAHiddenBatchVerifies() throws Exception {
        ProverKey key = ZkmlProver.setup(SQUARE, ZkFixtures.PARAMS);
        ProofRun run = hiddenInput(key, 2, 101, ZkProver.Tamper.NONE);
        VerifiedZkInference v = ZkVerifier.verify(key.verifierKey(), run.proof(), CONTEXT, run.hidden().commitment());
        assertThat(v.outputs()).isEqualTo(new IntegerEngine(SQUARE).run(run.input(), 2));
    }

    @Test
    void rejectsAnOperandChangedAfterTheProductWasComputed() {
        // the product is computed with (x + x) / 2 [3] off by one, which is then restored (the committed operand is
        // the honest one); the product's output and the second Relu follow the wrong product
        ProverKey key = ZkmlProver.setup(SQUARE, ZkFixtures.PARAMS);
        ProofRun run = hiddenInput(key, 1, 102, new ZkProver.Tamper(null, null, (step, tensors, t, r) -> {
            if (step == 1 || step == 2) {
                tensors[2][3] += step == 1 ? 1 : -1;
            }
        }, UnaryOperator.identity()));
        VerificationException e = assertThrows(VerificationException.class,
                () -> ZkVerifier.verify(key.verifierKey(), run.proof(), CONTEXT));
        assertThat(e.reason()).isEqualTo(ZkReason.MATMUL_CONSTRAINT_VIOLATED);
    }

    @Test
    void refusesAProductWhoseOperandsShareTheirCommittedColumns() {
        // one check reads a group of columns at one point only (one one-time mask per column and check)
        ModelException e = assertThrows(ModelException.class,
                () -> ZkProver.setup(SHARED, ZkFixtures.PARAMS, 2, ZkFixtures.random(104)));
        assertThat(e.getMessage()).isEqualTo("zero-knowledge proof for MatMul at node 2 not possible: both operands"
                + " are read through the same committed columns");
        assertThat(ZkmlProver.setup(SHARED, ZkFixtures.PARAMS).verifierKey().modelIdHex()).isNotEmpty();
    }

    /**
     * Slow and large: P1 2^22 and P2 2^23 (six 2^16-row table sides) in hiding openings need ~11 GB (the CLI run
     * in README, -Xmx14g); the build's 6 GB test heap is not enough, so it runs only with a larger one.
     */
    @Test
    @Tag("slow")
    void selfAttentionWithAHiddenInputVerifies() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().maxMemory() > 12L << 30,
                "self_attention in zero knowledge needs a heap above 12 GB");
        ProverKey key = ZkFixtures.publicKey("ezkl/self_attention");
        ProofRun run = hiddenInput(key, 1, 103, ZkProver.Tamper.NONE);
        VerifiedZkInference v = ZkVerifier.verify(key.verifierKey(), run.proof(), CONTEXT, run.hidden().commitment());
        assertThat(v.outputs()).isEqualTo(new IntegerEngine(key.model()).run(run.input(), 1));
    }
}
