package io.edgeproof.zkml.proof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgeproof.field.Ext3;
import io.edgeproof.transcript.VerificationException;
import io.edgeproof.zkml.engine.IntegerEngine;
import io.edgeproof.zkml.quant.QLayer;
import io.edgeproof.zkml.quant.QNode;
import io.edgeproof.zkml.quant.QuantizedModel;
import io.edgeproof.zkml.quant.Requant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MatMul of two activations (two heads of 4 x 3 times 3 x 4): honest proofs verify over one and several
 * samples, with the public input or a committed tensor as an operand; a wrong operand, quotient or inner
 * product, everything downstream recomputed, is rejected.
 */
class MatMulProofTest {
    private static final byte[] CONTEXT = ProofFixtures.context("job-mm");
    private static final Requant RQ = new Requant(new long[] {3}, new int[] {9});

    /** b[h, k, j] = x[h, j, k]: the transpose of the [1, 2, 4, 3] input. */
    private static int[] transpose() {
        int[] index = new int[2 * 3 * 4];
        for (int h = 0; h < 2; h++) {
            for (int k = 0; k < 3; k++) {
                for (int j = 0; j < 4; j++) {
                    index[(h * 3 + k) * 4 + j] = (h * 4 + j) * 3 + k;
                }
            }
        }
        return index;
    }

    /** x x^T per head: the public input is the first operand (spatial layout). */
    private static final QuantizedModel PUBLIC_OPERAND = new QuantizedModel(new int[] {1, 2, 4, 3}, 1.0, List.of(
            new QNode("t", new QLayer.Layout(transpose(), 0), new int[] {0}, new int[] {1, 2, 3, 4}, 1.0),
            new QNode("mm", new QLayer.MatMul(RQ), new int[] {0, 1}, new int[] {1, 2, 4, 4}, 1.0)), new int[] {2});

    /** relu(x) x^T per head, then a Relu: both operands committed, the first stacked as plain rows. */
    private static final QuantizedModel COMMITTED_OPERANDS = new QuantizedModel(new int[] {1, 2, 4, 3}, 1.0, List.of(
            new QNode("relu", new QLayer.Relu(), new int[] {0}, new int[] {1, 2, 4, 3}, 1.0),
            new QNode("t", new QLayer.Layout(transpose(), 0), new int[] {0}, new int[] {1, 2, 3, 4}, 1.0),
            new QNode("mm", new QLayer.MatMul(RQ), new int[] {1, 2}, new int[] {1, 2, 4, 4}, 1.0),
            new QNode("relu2", new QLayer.Relu(), new int[] {3}, new int[] {1, 2, 4, 4}, 1.0)), new int[] {4});

    private static ProverKey key(QuantizedModel m) {
        return ZkmlProver.setup(m);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void honestProofsVerifyAndYieldTheEngineOutputs(int batch) throws Exception {
        for (QuantizedModel m : List.of(PUBLIC_OPERAND, COMMITTED_OPERANDS)) {
            ProverKey key = key(m);
            int[] input = ProofFixtures.input(key, batch, 5 + batch);
            ProofOutput out = ZkmlProver.prove(key, input, batch, CONTEXT);
            VerifiedInference v = ZkmlVerifier.verify(VerifierKey.fromBytes(key.verifierKey().toBytes()),
                    out.proof().toBytes(), CONTEXT);
            assertArrayEquals(new IntegerEngine(m).run(input, batch), v.outputs());
        }
    }

    private static VerificationException.Reason rejection(QuantizedModel m, int batch, WitnessTamper tamper) {
        ProverKey key = key(m);
        int[] input = ProofFixtures.input(key, batch, 11);
        ProofOutput out = ZkmlProver.prove(key, input, batch, CONTEXT, tamper);
        return assertThrows(VerificationException.class,
                () -> ZkmlVerifier.verify(key.verifierKey(), out.proof().toBytes(), CONTEXT)).reason();
    }

    /** Edits the tensors after step {@code target} ran; later steps read the edited values. */
    private static WitnessTamper after(int target, Edit edit) {
        return new WitnessTamper() {
            @Override
            public void afterStep(int step, int[][] tensors, TracingEvaluator.LinearTrace trace) {
                if (step == target) {
                    edit.apply(tensors, trace);
                }
            }
        };
    }

    interface Edit {
        void apply(int[][] tensors, TracingEvaluator.LinearTrace trace);
    }

    @Test
    void rejectsAChangedCommittedOperandWithTheMatMulRecomputed() {
        // step 1 is the transpose (operand b): change one of its values; the MatMul then reads it.
        assertEquals(ZkmlReason.LAYOUT_MISMATCH, rejection(COMMITTED_OPERANDS, 2,
                after(1, (tensors, trace) -> tensors[2][5] += 7)));
    }

    @Test
    void rejectsAChangedFirstOperandThatNoLongerIsTheRelu() {
        assertEquals(ZkmlReason.RELU_CONSTRAINT_VIOLATED, rejection(COMMITTED_OPERANDS, 1,
                after(0, (tensors, trace) -> tensors[1][4] += 3)));
    }

    @Test
    void rejectsAMatMulOutputAndQuotientOffByOne() {
        assertEquals(ZkmlReason.REQUANT_CONSTRAINT_VIOLATED, rejection(COMMITTED_OPERANDS, 1,
                after(2, (tensors, trace) -> {
                    trace.quotient()[3] += 1;
                    tensors[3][3] += 1;
                })));
    }

    @Test
    void rejectsARemainderOfAnotherInnerProduct() {
        // t and r of M (acc + 1): y is unchanged, the relation with the operands' true product is not.
        assertEquals(ZkmlReason.REQUANT_CONSTRAINT_VIOLATED, rejection(PUBLIC_OPERAND, 1,
                after(1, (tensors, trace) -> {
                    int i = 6;
                    long shifted = trace.dot()[i] + RQ.multipliers()[0] + (1L << 8);
                    trace.quotient()[i] = shifted >> 9;
                    trace.remainder()[i] = shifted - (trace.quotient()[i] << 9);
                    tensors[2][i] = (int) Math.clamp(trace.quotient()[i], -32768, 32767);
                })));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void rejectsAMatMulOperandValueChangedInTheProof(int operand) throws Exception {
        ProverKey key = key(COMMITTED_OPERANDS);
        InferenceProof proof = ZkmlProver.prove(key, ProofFixtures.input(key, 1, 3), 1, CONTEXT).proof();
        RequantCheck.Proof step = (RequantCheck.Proof) proof.steps.get(2);
        MatMulCheck.Proof mm = step.matmul();
        MatMulCheck.Proof bad = new MatMulCheck.Proof(mm.sumcheck(), operand == 0 ? mm.a().add(Ext3.ONE) : mm.a(),
                operand == 1 ? mm.b().add(Ext3.ONE) : mm.b());
        java.util.List<InferenceProof.StepProof> steps = new java.util.ArrayList<>(proof.steps);
        steps.set(2, new RequantCheck.Proof(step.zeroSum(), step.zeroCheck(), step.finals(), step.map(), bad));
        InferenceProof forged = new InferenceProof(proof.modelId, proof.batch, proof.input, proof.outputs,
                proof.witnessRoots, steps, proof.range, proof.opening);
        VerificationException e = assertThrows(VerificationException.class,
                () -> ZkmlVerifier.verify(key.verifierKey(), forged.toBytes(), CONTEXT));
        assertEquals(ZkmlReason.REQUANT_CONSTRAINT_VIOLATED, e.reason());
    }

    @Test
    void setupRefusesAMatMulWhoseOperandBroadcastsOverTheHeads() {
        int[] firstHeadTransposed = java.util.Arrays.copyOf(transpose(), 12);
        QuantizedModel broadcast = new QuantizedModel(new int[] {1, 2, 4, 3}, 1.0, List.of(
                new QNode("t", new QLayer.Layout(firstHeadTransposed, 0), new int[] {0}, new int[] {1, 3, 4}, 1.0),
                new QNode("mm", new QLayer.MatMul(RQ), new int[] {0, 1}, new int[] {1, 2, 4, 4}, 1.0)), new int[] {2});
        NotProvableException e = assertThrows(NotProvableException.class, () -> ZkmlProver.setup(broadcast));
        assertTrue(e.getMessage().startsWith("not yet provable: op MatMul of operand shapes [1, 2, 4, 3] and [1, 3, 4]"),
                e.getMessage());
    }

    @Test
    void rejectsRandomByteMutationsAndTruncations() {
        ProverKey key = key(COMMITTED_OPERANDS);
        byte[] proof = ZkmlProver.prove(key, ProofFixtures.input(key, 2, 4), 2, CONTEXT).proof().toBytes();
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(77);
        for (int i = 0; i < 300; i++) {
            byte[] bad = i < 60 ? java.util.Arrays.copyOf(proof, rnd.nextInt(proof.length)) : proof.clone();
            if (i >= 60) {
                int pos = rnd.nextInt(bad.length);
                bad[pos] = (byte) (bad[pos] ^ (1 + rnd.nextInt(255)));
            }
            try {
                ZkmlVerifier.verify(key.verifierKey(), bad, CONTEXT);
                org.junit.jupiter.api.Assertions.fail("mutation " + i + " was accepted");
            } catch (VerificationException | io.edgeproof.field.codec.MalformedProofException expected) {
                // the two ways a proof may be refused
            }
        }
    }
}
