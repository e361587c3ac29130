package io.edgeproof.zkml.proof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgeproof.zkml.engine.IntegerEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HonestProofTest {
    @ParameterizedTest
    @CsvSource({"ezkl/1l_linear, 1", "ezkl/1l_linear, 3", "ezkl/1l_relu, 2", "ezkl/1l_mlp, 1", "ezkl/1l_mlp, 2",
            "digits-mlp, 1", "digits-mlp, 2", "digits-cnn, 1", "digits-cnn, 2", "ezkl/1l_conv, 1", "ezkl/1l_max_pool, 2",
            "ezkl/4l_relu_conv_fc, 1", "ezkl/1l_batch_norm, 2", "ezkl/1l_sigmoid, 1", "ezkl/1l_tanh, 2",
            "ezkl/1l_average, 2", "ezkl/2l_relu_sigmoid_conv, 1", "ezkl/large_mlp, 1", "ezkl/lenet_5, 1", "ezkl/layernorm, 2", "ezkl/1l_softmax, 1", "ezkl/1l_softmax, 3",
            "ezkl/self_attention, 1"})
    void honestProofVerifiesAndYieldsTheEngineOutputs(String model, int batch) throws Exception {
        ProverKey key = ProofFixtures.key(model);
        int[] input = ProofFixtures.input(key, batch, 7);
        byte[] context = ProofFixtures.context("job-1");
        long t0 = System.nanoTime();
        ProofOutput out = ZkmlProver.prove(key, input, batch, context);
        long t1 = System.nanoTime();
        byte[] bytes = out.proof().toBytes();
        VerifiedInference v = ZkmlVerifier.verify(VerifierKey.fromBytes(key.verifierKey().toBytes()), bytes, context);
        long t2 = System.nanoTime();
        System.out.printf("%s batch %d: prove %d ms, verify %d ms, %d bytes, %.1f bits (%s)%n", model, batch,
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, bytes.length, v.securityBits(), v.weakestTerm());
        int[] engine = new IntegerEngine(key.model()).run(input, batch);
        assertArrayEquals(engine, v.outputs());
        assertArrayEquals(engine, out.outputs());
        assertEquals(batch, v.batch());
        assertTrue(v.securityBits() >= 100, "security " + v.securityBits());
    }
}
