package io.edgeproof.zkml.proof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.edgeproof.zkml.engine.IntegerEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The prover's own evaluator computes exactly the engine's integers, for every step and output. */
class TracingEvaluatorTest {
    @ParameterizedTest
    @CsvSource({"ezkl/1l_linear, 5", "ezkl/1l_relu, 3", "ezkl/1l_mlp, 4", "digits-mlp, 3", "mlp-4m, 1", "digits-cnn, 2",
            "ezkl/1l_max_pool, 3", "ezkl/4l_relu_conv_fc, 2", "cnn-cifar-62k, 1",
            "ezkl/1l_batch_norm, 3", "ezkl/1l_sigmoid, 2", "ezkl/1l_average, 2", "ezkl/2l_relu_sigmoid_conv, 1",
            "ezkl/large_mlp, 2", "ezkl/lenet_5, 2", "ezkl/layernorm, 3", "ezkl/1l_softmax, 4",
            "ezkl/self_attention, 2"})
    void traceIsBitIdenticalToTheIntegerEngine(String name, int batch) {
        var model = ProofFixtures.model(name);
        ModelCircuit circuit = ModelCircuit.of(model);
        for (long seed = 0; seed < 3; seed++) {
            int[] input = new int[batch * circuit.inputSize()];
            java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
            for (int i = 0; i < input.length; i++) {
                input[i] = seed == 2 ? (rnd.nextBoolean() ? 32767 : -32768) : rnd.nextInt(-32768, 32768);
            }
            TracingEvaluator.Trace trace = TracingEvaluator.run(circuit, model, input, batch, WitnessTamper.NONE);
            int[][] engine = new IntegerEngine(model).runAll(input, batch);
            for (ModelCircuit.Step s : circuit.steps()) {
                assertArrayEquals(engine[s.node() + 1], trace.tensors()[s.output()], name + " step at node " + s.node());
            }
        }
    }
}
