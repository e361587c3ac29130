package io.edgeproof.zkml.proof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.edgeproof.transcript.VerificationException;
import io.edgeproof.zkml.engine.IntegerEngine;
import io.edgeproof.zkml.quant.QLayer;
import io.edgeproof.zkml.quant.QNode;
import io.edgeproof.zkml.quant.QuantizedModel;
import io.edgeproof.zkml.quant.Requant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Add and Mul with a broadcast operand (read through its broadcast map): honest proofs with the broadcast
 * operand on either side, and a witness computed with another row's broadcast value is rejected.
 */
class BroadcastProofTest {
    private static final byte[] CONTEXT = ProofFixtures.context("job-b");
    private static final Requant HALF = new Requant(new long[] {1}, new int[] {1});

    /** mu = mean of each row of x [1, 3, 4]; d = x - mu (mu broadcast, second); p = mu * d (mu broadcast, first). */
    private static final QuantizedModel CENTER = new QuantizedModel(new int[] {1, 3, 4}, 1.0, List.of(
            new QNode("mean", new QLayer.ReduceMean(new int[] {2}, true, new Requant(new long[] {1}, new int[] {2})),
                    new int[] {0}, new int[] {1, 3, 1}, 1.0),
            new QNode("sub", new QLayer.Add(1, -1, 1), new int[] {0, 1}, new int[] {1, 3, 4}, 1.0),
            new QNode("mul", new QLayer.Mul(new Requant(new long[] {1}, new int[] {9})), new int[] {1, 2},
                    new int[] {1, 3, 4}, 1.0)), new int[] {3});

    @Test
    void broadcastSubAndMulProveTheEngineOutputs() throws Exception {
        ProverKey key = ZkmlProver.setup(CENTER);
        for (int batch : new int[] {1, 3}) {
            int[] input = ProofFixtures.input(key, batch, 21);
            ProofOutput out = ZkmlProver.prove(key, input, batch, CONTEXT);
            VerifiedInference v = ZkmlVerifier.verify(key.verifierKey(), out.proof().toBytes(), CONTEXT);
            assertArrayEquals(new IntegerEngine(CENTER).run(input, batch), v.outputs());
        }
    }

    @Test
    void rejectsASubComputedWithAnotherRowsMean() {
        ProverKey key = ZkmlProver.setup(CENTER);
        RequantStep sub = (RequantStep) key.verifierKey().circuit().steps().get(1);
        WitnessTamper tamper = new WitnessTamper() {
            @Override
            public void afterStep(int step, int[][] tensors, TracingEvaluator.LinearTrace trace) {
                if (step == 1) { // element 0 (row 0) reads row 1's mean, with a consistent quotient and remainder
                    long acc = sub.ca()[0] * tensors[0][0] + sub.cb()[0] * tensors[sub.input2()][1] + 1;
                    trace.quotient()[0] = acc >> 1;
                    trace.remainder()[0] = acc & 1;
                    tensors[sub.output()][0] = (int) Math.clamp(acc >> 1, Requant.LO, Requant.HI);
                }
            }
        };
        int[] input = ProofFixtures.input(key, 1, 3);
        input[0] = 100;
        input[4] = -9000; // the two rows' means differ
        ProofOutput out = ZkmlProver.prove(key, input, 1, CONTEXT, tamper);
        VerificationException e = assertThrows(VerificationException.class,
                () -> ZkmlVerifier.verify(key.verifierKey(), out.proof().toBytes(), CONTEXT));
        assertEquals(ZkmlReason.REQUANT_CONSTRAINT_VIOLATED, e.reason());
    }

    @Test
    void rejectsAKeyWhoseBroadcastMapIsNotAGather() {
        ProverKey key = ZkmlProver.setup(CENTER);
        byte[] bytes = key.verifierKey().circuit().encode();
        // the Add's first map pair reads output 1 instead of 0: output 0 is then read by no pair
        ModelCircuit c = key.verifierKey().circuit();
        RequantStep sub = (RequantStep) c.steps().get(1);
        int mapStart = indexOfMap(bytes, sub);
        bytes[mapStart] = 1;
        assertThrows(io.edgeproof.field.codec.MalformedProofException.class,
                () -> ModelCircuit.readFrom(new io.edgeproof.field.codec.ProofReader(bytes)));
    }

    /** Offset of the first pair's output index in the encoded Add step (its map follows 24-byte constants). */
    private static int indexOfMap(byte[] bytes, RequantStep sub) {
        io.edgeproof.field.codec.ProofWriter w = new io.edgeproof.field.codec.ProofWriter();
        sub.writeBody(w);
        byte[] body = w.toByteArray();
        int at = 0;
        outer:
        for (int i = 0; i + body.length <= bytes.length; i++) {
            for (int j = 0; j < body.length; j++) {
                if (bytes[i + j] != body[j]) {
                    continue outer;
                }
            }
            at = i;
            break;
        }
        int n = sub.ca().length;
        return at + 1 + 4 + 1 + 1 + 4 + 24 * n + 4;
    }
}
