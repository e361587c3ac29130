package io.edgeproof.zkml.proof;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.transcript.VerificationException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Random mutations, truncations and extensions of real proof bytes: rejected, and only by the two exceptions. */
class ProofMutationTest {
    private static final byte[] CONTEXT = ProofFixtures.context("job-9");
    private static final String MODEL = "ezkl/1l_mlp";

    private static byte[] honest() {
        return honest(MODEL);
    }

    private static byte[] honest(String model) {
        ProverKey key = ProofFixtures.key(model);
        return ZkmlProver.prove(key, ProofFixtures.input(key, 2, 5), 2, CONTEXT).proof().toBytes();
    }

    private static void assertRejected(String model, byte[] bytes, String what) {
        VerifierKey key = ProofFixtures.key(model).verifierKey();
        try {
            ZkmlVerifier.verify(key, bytes, CONTEXT);
            fail(what + " was accepted");
        } catch (VerificationException | MalformedProofException expected) {
            // the two ways a proof may be refused
        } catch (RuntimeException e) {
            throw new AssertionError(what + " escaped as " + e, e);
        }
    }

    /** 1l_average: a Layout and an AvgPool over a committed input; 2l_relu_sigmoid_conv: a Lookup. */
    @ParameterizedTest
    @CsvSource({"ezkl/1l_mlp, 1000", "ezkl/1l_average, 300", "ezkl/1l_batch_norm, 200", "ezkl/2l_relu_sigmoid_conv, 200"})
    void rejectsRandomByteMutations(String model, int count) {
        byte[] proof = honest(model);
        SplittableRandom rnd = new SplittableRandom(2024);
        for (int i = 0; i < count; i++) {
            byte[] bad = proof.clone();
            int flips = 1 + rnd.nextInt(3);
            for (int f = 0; f < flips; f++) {
                int pos = rnd.nextInt(bad.length);
                bad[pos] = (byte) (bad[pos] ^ (1 + rnd.nextInt(255)));
            }
            assertRejected(model, bad, "mutation " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ezkl/1l_mlp", "ezkl/1l_average", "ezkl/1l_sigmoid"})
    void rejectsTruncationsAndTrailingBytes(String model) {
        byte[] proof = honest(model);
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 200; i++) {
            int len = i < 64 ? i : rnd.nextInt(proof.length);
            assertRejected(model, java.util.Arrays.copyOf(proof, len), "truncation to " + len);
        }
        assertRejected(model, java.util.Arrays.copyOf(proof, proof.length + 1), "one trailing byte");
    }

    @Test
    void rejectsAHugeClaimedBatchWithoutAllocatingIt() {
        byte[] proof = honest();
        byte[] bad = proof.clone();
        int batchOffset = 5 + 32;
        bad[batchOffset] = (byte) 0xFF;
        bad[batchOffset + 1] = (byte) 0x0F;
        assertThrows(MalformedProofException.class,
                () -> InferenceProof.fromBytes(bad, ProofFixtures.key(MODEL).verifierKey()));
    }
}
