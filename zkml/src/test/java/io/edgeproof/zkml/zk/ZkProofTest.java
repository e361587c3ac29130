package io.edgeproof.zkml.zk;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeproof.zkml.engine.IntegerEngine;
import io.edgeproof.zkml.graph.ModelException;
import io.edgeproof.zkml.proof.ProverKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Honest zero-knowledge proofs verify, in every visibility, and carry the engine's outputs. */
class ZkProofTest {
    private static final byte[] CONTEXT = ZkFixtures.context("job-1");

    @Test
    void hiddenWeightsPublicInputVerifies() throws Exception {
        ZkProverKey key = ZkFixtures.hiddenKey("digits-mlp");
        int[] x = ZkFixtures.input(key.verifierKey().inputSize(), 2, 3);
        ZkProofOutput out = ZkProver.prove(key, key.reserveSlot(), x, 2, CONTEXT, ZkFixtures.random(5));
        VerifiedZkInference v = ZkVerifier.verify(key.verifierKey(), out.proof().toBytes(), CONTEXT);
        assertThat(v.outputs()).isEqualTo(out.outputs());
        assertThat(v.inputHidden()).isFalse();
        assertThat(v.weightsHidden()).isTrue();
    }

    @Test
    void publicWeightsHiddenInputVerifies() throws Exception {
        ProverKey key = ZkFixtures.publicKey("digits-mlp");
        InputLayout layout = InputLayout.of(key.verifierKey());
        int[] x = ZkFixtures.input(layout.inputSize(), 1, 4);
        HiddenInput hidden = HiddenInput.commit(layout, x, 1, ZkFixtures.seed(1), 1);
        ZkProofOutput out = ZkProver.prove(key, hidden, 0, CONTEXT, ZkFixtures.random(6));
        VerifiedZkInference v = ZkVerifier.verify(key.verifierKey(), out.proof().toBytes(), CONTEXT);
        assertThat(v.outputs()).isEqualTo(out.outputs());
        assertThat(v.inputCommitment()).isEqualTo(hidden.commitment());
    }

    @Test
    void hiddenWeightsHiddenInputVerifies() throws Exception {
        ZkProverKey key = ZkFixtures.hiddenKey("digits-mlp");
        InputLayout layout = InputLayout.of(key.verifierKey());
        int[] x = ZkFixtures.input(layout.inputSize(), 1, 7);
        HiddenInput hidden = HiddenInput.commit(layout, x, 1, ZkFixtures.seed(2), 2);
        ZkProofOutput out = ZkProver.prove(key, key.reserveSlot(), hidden, 1, CONTEXT, ZkFixtures.random(7));
        VerifiedZkInference v = ZkVerifier.verify(key.verifierKey(), out.proof().toBytes(), CONTEXT);
        assertThat(v.outputs()).isEqualTo(new IntegerEngine(key.model()).run(x, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ezkl/1l_linear", "ezkl/1l_relu", "ezkl/1l_mlp"})
    void smallModelsWithAHiddenBatchVerify(String name) throws Exception {
        ProverKey key = ZkFixtures.publicKey(name);
        InputLayout layout = InputLayout.of(key.verifierKey());
        int[] x = ZkFixtures.input(layout.inputSize(), 3, 9);
        HiddenInput hidden = HiddenInput.commit(layout, x, 3, ZkFixtures.seed(4), 1);
        ZkProofOutput out = ZkProver.prove(key, hidden, 0, CONTEXT, ZkFixtures.random(10));
        VerifiedZkInference v = ZkVerifier.verify(key.verifierKey(), out.proof().toBytes(), CONTEXT, hidden.commitment());
        assertThat(v.outputs()).isEqualTo(new IntegerEngine(key.model()).run(x, 3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ezkl/1l_linear", "ezkl/1l_mlp"})
    void smallModelsWithHiddenWeightsVerify(String name) throws Exception {
        ZkProverKey key = ZkFixtures.hiddenKey(name);
        int[] x = ZkFixtures.input(key.verifierKey().inputSize(), 2, 11);
        ZkProofOutput out = ZkProver.prove(key, key.reserveSlot(), x, 2, CONTEXT, ZkFixtures.random(12));
        VerifiedZkInference v = ZkVerifier.verify(key.verifierKey(), out.proof().toBytes(), CONTEXT);
        assertThat(v.outputs()).isEqualTo(new IntegerEngine(key.model()).run(x, 2));
        assertThat(v.securityBits()).isPositive();
    }

    @Test
    void refusesToHideTheWeightsOfAModelWithoutWeights() {
        ModelException e = org.junit.jupiter.api.Assertions.assertThrows(ModelException.class,
                () -> ZkProver.setup(ZkFixtures.model("ezkl/1l_relu"), ZkFixtures.PARAMS, 2, ZkFixtures.random(13)));
        assertThat(e.getMessage()).contains("no weights to hide");
    }
}
