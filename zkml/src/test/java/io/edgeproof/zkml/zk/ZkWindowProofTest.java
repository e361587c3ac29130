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

    /**
     * Synthetic convolutions at the edges of the window maps: a 1x1 kernel over one channel (no kernel
     * variables), a one-element input (no input variables), a dilated 2x2 kernel with padding and stride 2.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"1, 3, 1, 1, 0, 1", "1, 1, 1, 1, 0, 1", "2, 5, 2, 2, 1, 2"})
    void syntheticConvolutionsWithAHiddenInputVerify(int channels, int size, int kernel, int dilation, int pad,
                                                     int stride) throws Exception {
        int out = (size + 2 * pad - dilation * (kernel - 1) - 1) / stride + 1;
        byte[] w = new byte[3 * channels * kernel * kernel];
        for (int i = 0; i < w.length; i++) {
            w[i] = (byte) (i * 37 % 255 - 127);
        }
        io.edgeproof.zkml.quant.QLayer.Conv conv = new io.edgeproof.zkml.quant.QLayer.Conv(channels, 3, kernel, kernel,
                new int[] {stride, stride}, new int[] {pad, pad, pad, pad}, new int[] {dilation, dilation}, 1, w,
                new long[] {5, -7, 11}, new io.edgeproof.zkml.quant.Requant(new long[] {3, 5, 7}, new int[] {6, 7, 8}));
        io.edgeproof.zkml.quant.QuantizedModel model = new io.edgeproof.zkml.quant.QuantizedModel(
                new int[] {1, channels, size, size}, 1.0, java.util.List.of(new io.edgeproof.zkml.quant.QNode("conv",
                        conv, new int[] {0}, new int[] {1, 3, out, out}, 1.0)), new int[] {1});
        ProverKey key = io.edgeproof.zkml.proof.ZkmlProver.setup(model, ZkFixtures.PARAMS);
        InputLayout layout = InputLayout.of(key.verifierKey());
        int[] x = ZkFixtures.input(layout.inputSize(), 2, 51);
        HiddenInput hidden = HiddenInput.commit(layout, x, 2, ZkFixtures.seed(8), 1);
        ZkProofOutput proof = ZkProver.prove(key, hidden, 0, CONTEXT, ZkFixtures.random(52));
        VerifiedZkInference v = ZkVerifier.verify(key.verifierKey(), proof.proof().toBytes(), CONTEXT, hidden.commitment());
        assertThat(v.outputs()).isEqualTo(new IntegerEngine(model).run(x, 2));
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
