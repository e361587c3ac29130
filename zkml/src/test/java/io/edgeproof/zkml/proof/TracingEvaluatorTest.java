package io.edgeproof.zkml.proof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgeproof.zkml.engine.IntegerEngine;
import java.util.List;
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
        traceMatchesTheEngine(name, batch);
    }

    @org.junit.jupiter.api.Test
    void aReluReadOnlyByAMaxPoolRunsAfterIt() {
        List<ModelCircuit.Step> steps = ModelCircuit.of(ProofFixtures.model("digits-cnn")).steps();
        int swapped = 0;
        for (int i = 0; i + 1 < steps.size(); i++) {
            if (steps.get(i) instanceof ModelCircuit.MaxPool p && steps.get(i + 1) instanceof ModelCircuit.Relu r) {
                assertEquals(p.output(), r.input());
                swapped++;
            }
            assertTrue(!(steps.get(i) instanceof ModelCircuit.Relu r && steps.get(i + 1) instanceof ModelCircuit.MaxPool p
                    && p.input() == r.output()), "a Relu still feeds its MaxPool");
        }
        assertEquals(2, swapped);
    }

    private static void traceMatchesTheEngine(String name, int batch) {
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
            List<ModelCircuit.Step> steps = circuit.steps();
            for (int i = 0; i < steps.size(); i++) {
                ModelCircuit.Step s = steps.get(i);
                if (s instanceof ModelCircuit.MaxPool p && i + 1 < steps.size()
                        && steps.get(i + 1) instanceof ModelCircuit.Relu r && r.input() == p.output()) {
                    // a Relu moved after its MaxPool: the pool of the pre-activation is no engine tensor, the
                    // Relu of it is the engine's pool output
                    assertEquals(p.node() - 1, r.node());
                    assertArrayEquals(engine[p.node() + 1], trace.tensors()[r.output()], name + " relu after pool");
                    i++;
                    continue;
                }
                assertArrayEquals(engine[s.node() + 1], trace.tensors()[s.output()], name + " step at node " + s.node());
            }
        }
    }
}
