package io.edgeproof.zkml.proof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.iop.sumcheck.SumcheckReason;
import io.edgeproof.transcript.VerificationException;
import org.junit.jupiter.api.Test;

/** The proof is bound to its model, context and claimed outputs; keys and model ids are deterministic. */
class ProofBindingTest {
    private static final byte[] CONTEXT = ProofFixtures.context("job-42/prover-0xabc/chain-1");

    private static byte[] proof(String model) {
        ProverKey key = ProofFixtures.key(model);
        return ZkmlProver.prove(key, ProofFixtures.input(key, 1, 3), 1, CONTEXT).proof().toBytes();
    }

    @Test
    void rejectsAProofForAnotherModel() {
        byte[] proofA = proof("ezkl/1l_mlp");
        VerifierKey keyB = ProofFixtures.key("digits-mlp").verifierKey();
        VerificationException e = assertThrows(VerificationException.class,
                () -> ZkmlVerifier.verify(keyB, proofA, CONTEXT));
        assertEquals(ZkmlReason.WRONG_MODEL, e.reason());
    }

    @Test
    void rejectsAProofReplayedUnderAnotherContext() {
        byte[] p = proof("ezkl/1l_mlp");
        VerifierKey key = ProofFixtures.key("ezkl/1l_mlp").verifierKey();
        VerificationException e = assertThrows(VerificationException.class,
                () -> ZkmlVerifier.verify(key, p, ProofFixtures.context("job-43/prover-0xabc/chain-1")));
        // Every challenge moves with the context, so the first sumcheck already ends at the wrong value.
        assertEquals(SumcheckReason.FINAL_EVALUATION_MISMATCH, e.reason());
    }

    @Test
    void rejectsAChangedClaimedOutput() throws Exception {
        ProverKey key = ProofFixtures.key("ezkl/1l_mlp");
        InferenceProof honest = ZkmlProver.prove(key, ProofFixtures.input(key, 1, 3), 1, CONTEXT).proof();
        int[] outputs = honest.outputs.clone();
        outputs[0] = outputs[0] == 0 ? 1 : 0;
        InferenceProof forged = new InferenceProof(honest.modelId, honest.batch, honest.input, outputs,
                honest.witnessRoots, honest.steps, honest.range, honest.opening);
        VerificationException e = assertThrows(VerificationException.class,
                () -> ZkmlVerifier.verify(key.verifierKey(), forged.toBytes(), CONTEXT));
        assertEquals(SumcheckReason.FINAL_EVALUATION_MISMATCH, e.reason());
    }

    @Test
    void rejectsAClaimedOutputTheProverDidNotCommit() {
        // The prover lies only in the statement; the committed output block still holds the true values.
        ProverKey key = ProofFixtures.key("ezkl/1l_mlp");
        WitnessTamper lie = new WitnessTamper() {
            @Override
            public int[] claimedOutputs(int[] computed) {
                int[] claimed = computed.clone();
                claimed[0] = claimed[0] == 0 ? 1 : 0;
                return claimed;
            }
        };
        ProofOutput out = ZkmlProver.prove(key, ProofFixtures.input(key, 1, 3), 1, CONTEXT, lie);
        VerificationException e = assertThrows(VerificationException.class,
                () -> ZkmlVerifier.verify(key.verifierKey(), out.proof().toBytes(), CONTEXT));
        // the output block is virtual (its limbs define it): the claimed value is not what the limbs give
        assertEquals(ZkmlReason.LIMB_DECOMPOSITION_MISMATCH, e.reason());
    }

    @Test
    void rejectsAnInputOutsideInt16() {
        ProverKey key = ProofFixtures.key("ezkl/1l_mlp");
        InferenceProof p = ZkmlProver.prove(key, ProofFixtures.input(key, 1, 3), 1, CONTEXT).proof();
        int[] input = p.input.clone();
        input[0] = 40000;
        InferenceProof forged = new InferenceProof(p.modelId, p.batch, input, p.outputs, p.witnessRoots, p.steps, p.range, p.opening);
        VerificationException e = assertThrows(VerificationException.class,
                () -> ZkmlVerifier.verify(key.verifierKey(), forged, CONTEXT));
        assertEquals(ZkmlReason.MALFORMED_INPUT, e.reason());
    }

    @Test
    void modelIdIsDeterministicAndInputIndependent() throws Exception {
        ProverKey a = ZkmlProver.setup(ProofFixtures.model("digits-mlp"));
        ProverKey b = ZkmlProver.setup(ProofFixtures.model("digits-mlp"));
        assertArrayEquals(a.verifierKey().modelId(), b.verifierKey().modelId());
        assertArrayEquals(a.verifierKey().toBytes(), b.verifierKey().toBytes());
        assertNotEquals(a.verifierKey().modelIdHex(), ProofFixtures.key("ezkl/1l_mlp").verifierKey().modelIdHex());
        ProverKey reloaded = ProverKey.fromBytes(a.toBytes());
        assertArrayEquals(a.verifierKey().modelId(), reloaded.verifierKey().modelId());
        VerifierKey vk = VerifierKey.fromBytes(a.verifierKey().toBytes());
        assertEquals(a.verifierKey(), vk);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"ezkl/1l_mlp", "ezkl/1l_average", "ezkl/1l_batch_norm",
            "ezkl/1l_tanh"})
    void rejectsATamperedVerifierKey(String model) {
        byte[] vk = ProofFixtures.key(model).verifierKey().toBytes();
        for (int i = 0; i < vk.length; i += Math.max(1, vk.length / 97)) {
            byte[] bad = vk.clone();
            bad[i] ^= 0x10;
            assertThrows(MalformedProofException.class, () -> VerifierKey.fromBytes(bad), "byte " + i);
        }
    }

    @Test
    void setupNamesTheFirstUnprovableOp() {
        NotProvableException lone = assertThrows(NotProvableException.class,
                () -> ZkmlProver.setup(ProofFixtures.model("ezkl/1l_reshape")));
        assertTrue(lone.getMessage().startsWith("not yet provable: model output 0 is the input itself"), lone.getMessage());
    }
}
