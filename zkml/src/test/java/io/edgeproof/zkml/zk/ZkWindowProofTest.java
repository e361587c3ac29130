package io.edgeproof.zkml.zk;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeproof.zkml.engine.IntegerEngine;
import io.edgeproof.zkml.proof.ProverKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Honest zero-knowledge proofs of models with Conv and MaxPool verify and carry the engine's outputs. */
class ZkWindowProofTest {
    private static final byte[] CONTEXT = ZkFixtures.context("job-cnn");

    @Test
    void digitsCnnWithHiddenWeightsAndAPublicBatchVerifies() throws Exception {
        ZkProverKey key = ZkFixtures.hiddenKey("digits-cnn");
        int[] x = ZkFixtures.input(key.verifierKey().inputSize(), 2, 41);
        ZkProofOutput out = ZkProver.prove(key, key.reserveSlot(), x, 2, CONTEXT, ZkFixtures.random(42));
        VerifiedZkInference v = ZkVerifier.verify(key.verifierKey(), out.proof().toBytes(), CONTEXT);
        assertThat(v.outputs()).isEqualTo(new IntegerEngine(key.model()).run(x, 2));
        assertThat(v.weightsHidden()).isTrue();
    }

    @Test
    void digitsCnnWithAHiddenInputVerifies() throws Exception {
        ProverKey key = ZkFixtures.publicKey("digits-cnn");
        InputLayout layout = InputLayout.of(key.verifierKey());
        int[] x = ZkFixtures.input(layout.inputSize(), 1, 43);
        HiddenInput hidden = HiddenInput.commit(layout, x, 1, ZkFixtures.seed(5), 1);
        ZkProofOutput out = ZkProver.prove(key, hidden, 0, CONTEXT, ZkFixtures.random(44));
        VerifiedZkInference v = ZkVerifier.verify(key.verifierKey(), out.proof().toBytes(), CONTEXT, hidden.commitment());
        assertThat(v.outputs()).isEqualTo(new IntegerEngine(key.model()).run(x, 1));
        assertThat(v.inputHidden()).isTrue();
    }

    @Test
    void digitsCnnWithHiddenWeightsAndAHiddenInputVerifies() throws Exception {
        ZkProverKey key = ZkFixtures.hiddenKey("digits-cnn");
        InputLayout layout = InputLayout.of(key.verifierKey());
        int[] x = ZkFixtures.input(layout.inputSize(), 1, 45);
        HiddenInput hidden = HiddenInput.commit(layout, x, 1, ZkFixtures.seed(6), 1);
        ZkProofOutput out = ZkProver.prove(key, key.reserveSlot(), hidden, 0, CONTEXT, ZkFixtures.random(46));
        VerifiedZkInference v = ZkVerifier.verify(key.verifierKey(), out.proof().toBytes(), CONTEXT, hidden.commitment());
        assertThat(v.outputs()).isEqualTo(new IntegerEngine(key.model()).run(x, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ezkl/1l_conv", "ezkl/1l_max_pool", "ezkl/4l_relu_conv_fc"})
    void smallWindowModelsWithAHiddenBatchVerify(String name) throws Exception {
        ProverKey key = ZkFixtures.publicKey(name);
        InputLayout layout = InputLayout.of(key.verifierKey());
        int[] x = ZkFixtures.input(layout.inputSize(), 3, 47);
        HiddenInput hidden = HiddenInput.commit(layout, x, 3, ZkFixtures.seed(7), 1);
        ZkProofOutput out = ZkProver.prove(key, hidden, 0, CONTEXT, ZkFixtures.random(48));
        VerifiedZkInference v = ZkVerifier.verify(key.verifierKey(), out.proof().toBytes(), CONTEXT, hidden.commitment());
        assertThat(v.outputs()).isEqualTo(new IntegerEngine(key.model()).run(x, 3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ezkl/1l_conv", "ezkl/4l_relu_conv_fc"})
    void smallWindowModelsWithHiddenWeightsVerify(String name) throws Exception {
        ZkProverKey key = ZkFixtures.hiddenKey(name);
        int[] x = ZkFixtures.input(key.verifierKey().inputSize(), 2, 49);
        ZkProofOutput out = ZkProver.prove(key, key.reserveSlot(), x, 2, CONTEXT, ZkFixtures.random(50));
        VerifiedZkInference v = ZkVerifier.verify(key.verifierKey(), out.proof().toBytes(), CONTEXT);
        assertThat(v.outputs()).isEqualTo(new IntegerEngine(key.model()).run(x, 2));
    }
}
