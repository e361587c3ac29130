package io.edgeproof.zkml.proof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.edgeproof.iop.lookup.LookupReason;
import io.edgeproof.transcript.VerificationException;
import io.edgeproof.zkml.engine.IntegerEngine;
import io.edgeproof.zkml.quant.QLayer;
import io.edgeproof.zkml.quant.QNode;
import io.edgeproof.zkml.quant.QuantizedModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Softmax: honest proofs over a committed input (rows of odd length, padding rows and columns), and the
 * honest prover on a wrong witness (output, max, selector, row sum, input) rejected for the broken relation.
 */
class SoftmaxProofTest {
    private static final byte[] CONTEXT = ProofFixtures.context("job-s");

    /** relu(x) then softmax over rows of 5 of a [1, 3, 5] tensor (exp table at input scale 2^-9). */
    private static final QuantizedModel RELU_SOFTMAX = new QuantizedModel(new int[] {1, 3, 5}, 1.0, List.of(
            new QNode("relu", new QLayer.Relu(), new int[] {0}, new int[] {1, 3, 5}, 1.0),
            new QNode("softmax", new QLayer.Softmax(2, 3, expTable(1.0 / 512)), new int[] {1}, new int[] {1, 3, 5},
                    1.0 / 32767)), new int[] {2});

    private static int[] expTable(double scale) {
        int[] e = new int[SoftmaxStep.EXP_SIZE];
        for (int i = 0; i < e.length; i++) {
            e[i] = (int) Math.floor(Math.exp((i - SoftmaxStep.ONE) * scale) * SoftmaxStep.ONE + 0.5);
        }
        return e;
    }

    private static VerificationException.Reason rejection(ProverKey key, WitnessTamper tamper) {
        int[] input = ProofFixtures.input(key, 2, 17);
        ProofOutput out = ZkmlProver.prove(key, input, 2, CONTEXT, tamper);
        return assertThrows(VerificationException.class,
                () -> ZkmlVerifier.verify(key.verifierKey(), out.proof().toBytes(), CONTEXT)).reason();
    }

    @Test
    void softmaxOverACommittedInputProvesTheEngineOutputs() throws Exception {
        ProverKey key = ZkmlProver.setup(RELU_SOFTMAX);
        for (int batch : new int[] {1, 2}) {
            int[] input = ProofFixtures.input(key, batch, 3);
            ProofOutput out = ZkmlProver.prove(key, input, batch, CONTEXT);
            VerifiedInference v = ZkmlVerifier.verify(key.verifierKey(), out.proof().toBytes(), CONTEXT);
            assertArrayEquals(new IntegerEngine(RELU_SOFTMAX).run(input, batch), v.outputs());
        }
    }

    @Test
    void rejectsAnOutputOffByOne() {
        ProverKey key = ZkmlProver.setup(RELU_SOFTMAX);
        assertEquals(LookupReason.SUMS_DIFFER, rejection(key, new WitnessTamper() {
            @Override
            public void afterStep(int step, int[][] tensors, TracingEvaluator.LinearTrace trace) {
                if (step == 1) {
                    tensors[2][0] += 1; // its remainder becomes negative
                }
            }
        }));
    }

    @Test
    void rejectsAMaxAboveEveryElementOfItsRow() {
        ProverKey key = ZkmlProver.setup(RELU_SOFTMAX);
        assertEquals(ZkmlReason.SOFTMAX_CONSTRAINT_VIOLATED, rejection(key, new WitnessTamper() {
            @Override
            public void softmaxMax(int step, long[] max, long[] select) {
                max[1] += 1;
            }
        }));
    }

    @Test
    void rejectsAMaxBelowTheLargestElementOfItsRow() {
        ProverKey key = ZkmlProver.setup(RELU_SOFTMAX);
        assertEquals(LookupReason.SUMS_DIFFER, rejection(key, new WitnessTamper() {
            @Override
            public void softmaxMax(int step, long[] max, long[] select) {
                max[0] -= 1;
            }
        }));
    }

    @Test
    void rejectsARowThatSelectsNoElement() {
        ProverKey key = ZkmlProver.setup(RELU_SOFTMAX);
        assertEquals(ZkmlReason.SOFTMAX_SUM_MISMATCH, rejection(key, new WitnessTamper() {
            @Override
            public void softmaxMax(int step, long[] max, long[] select) {
                java.util.Arrays.fill(select, 0, 8, 0);
            }
        }));
    }

    @Test
    void rejectsARowSumOffByOne() {
        ProverKey key = ZkmlProver.setup(RELU_SOFTMAX);
        assertEquals(ZkmlReason.SOFTMAX_SUM_MISMATCH, rejection(key, new WitnessTamper() {
            @Override
            public void softmaxSum(int step, long[] sum) {
                sum[2] += 1;
            }
        }));
    }

    @Test
    void rejectsASoftmaxOfAnotherInputThanThePublicOne() {
        ProverKey key = ProofFixtures.key("ezkl/1l_softmax");
        assertEquals(ZkmlReason.SOFTMAX_INPUT_MISMATCH, rejection(key, new WitnessTamper() {
            @Override
            public int[] input(int[] statementInput) {
                int[] x = statementInput.clone();
                x[1] = x[1] == 0 ? 1 : -x[1];
                return x;
            }
        }));
    }
}
