package io.edgeproof.zkml.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.transcript.VerificationException;
import io.edgeproof.zkml.graph.ModelException;
import io.edgeproof.zkml.proof.ProverKey;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * What a zero-knowledge proof is bound to: its model, context, input commitment, slots and bytes; and what
 * the keys and the input commitment guarantee (budget, determinism, no weights in the verifier key).
 */
class ZkBindingTest {
    private static final byte[] CONTEXT = ZkFixtures.context("job-3");

    private static byte[] hiddenWeightProof(ZkProverKey key, long seed) {
        int[] x = ZkFixtures.input(key.verifierKey().inputSize(), 1, seed);
        return ZkProver.prove(key, key.reserveSlot(), x, 1, CONTEXT, ZkFixtures.random(seed)).proof().toBytes();
    }

    @Test
    void rejectsAProofReplayedWithAnotherContext() {
        ZkProverKey key = ZkFixtures.hiddenKey("ezkl/1l_mlp");
        byte[] proof = hiddenWeightProof(key, 1);
        assertThrows(VerificationException.class,
                () -> ZkVerifier.verify(key.verifierKey(), proof, ZkFixtures.context("job-4")));
    }

    @Test
    void rejectsAProofForAnotherModel() {
        ZkProverKey key = ZkFixtures.hiddenKey("ezkl/1l_mlp");
        byte[] proof = hiddenWeightProof(key, 2);
        VerificationException e = assertThrows(VerificationException.class,
                () -> ZkVerifier.verify(ZkFixtures.hiddenKey("digits-mlp").verifierKey(), proof, CONTEXT));
        assertThat(e.reason()).isEqualTo(ZkReason.WRONG_MODEL);
    }

    @Test
    void twoSetupsOfOneModelHaveDifferentModelIds() {
        ZkProverKey a = ZkProver.setup(ZkFixtures.model("ezkl/1l_mlp"), ZkFixtures.PARAMS, 2, ZkFixtures.random(8));
        ZkProverKey b = ZkProver.setup(ZkFixtures.model("ezkl/1l_mlp"), ZkFixtures.PARAMS, 2, ZkFixtures.random(9));
        assertThat(a.verifierKey().modelIdHex()).isNotEqualTo(b.verifierKey().modelIdHex());
    }

    @Test
    void rejectsAHiddenInputProofCheckedAgainstAnotherInputCommitment() throws Exception {
        ProverKey key = ZkFixtures.publicKey("ezkl/1l_mlp");
        InputLayout layout = InputLayout.of(key.verifierKey());
        int[] x = ZkFixtures.input(layout.inputSize(), 1, 5);
        HiddenInput signed = HiddenInput.commit(layout, x, 1, ZkFixtures.seed(1), 1);
        HiddenInput other = HiddenInput.commit(layout, x, 1, ZkFixtures.seed(2), 1);
        byte[] proof = ZkProver.prove(key, other, 0, CONTEXT, ZkFixtures.random(3)).proof().toBytes();
        assertThat(ZkVerifier.verify(key.verifierKey(), proof, CONTEXT, other.commitment()).outputs()).isNotEmpty();
        VerificationException e = assertThrows(VerificationException.class,
                () -> ZkVerifier.verify(key.verifierKey(), proof, CONTEXT, signed.commitment()));
        assertThat(e.reason()).isEqualTo(ZkReason.WRONG_INPUT_COMMITMENT);
    }

    @Test
    void inputCommitmentsAreDeterministicInInputAndSeed() throws MalformedProofException {
        InputLayout layout = InputLayout.of(ZkFixtures.publicKey("ezkl/1l_mlp").verifierKey());
        int[] x = ZkFixtures.input(layout.inputSize(), 2, 6);
        InputCommitment a = HiddenInput.commit(layout, x, 2, ZkFixtures.seed(4), 3).commitment();
        assertThat(HiddenInput.commit(layout, x, 2, ZkFixtures.seed(4), 3).commitment()).isEqualTo(a);
        assertThat(InputCommitment.fromHex(a.toHex())).isEqualTo(a);
        assertThat(HiddenInput.commit(layout, x, 2, ZkFixtures.seed(5), 3).commitment()).isNotEqualTo(a);
        x[0] ^= 1;
        assertThat(HiddenInput.commit(layout, x, 2, ZkFixtures.seed(4), 3).commitment()).isNotEqualTo(a);
    }

    @Test
    void refusesAWeightSlotBeyondTheBudgetAndUsedTwice() {
        ZkProverKey key = ZkProver.setup(ZkFixtures.model("ezkl/1l_mlp"), ZkFixtures.PARAMS, 2, ZkFixtures.random(10));
        ZkProverKey.WeightSlot first = key.reserveSlot();
        key.reserveSlot();
        ModelException e = assertThrows(ModelException.class, key::reserveSlot);
        assertThat(e.getMessage()).contains("opening budget exhausted: 2 of 2");
        int[] x = ZkFixtures.input(key.verifierKey().inputSize(), 1, 11);
        ZkProver.prove(key, first, x, 1, CONTEXT, ZkFixtures.random(12));
        assertThrows(IllegalStateException.class, () -> ZkProver.prove(key, first, x, 1, CONTEXT, ZkFixtures.random(13)));
    }

    @Test
    void proverKeyRoundTripsAndRejectsAnotherSeed() throws MalformedProofException {
        ZkProverKey key = ZkFixtures.hiddenKey("ezkl/1l_mlp");
        key.reserveSlot();
        byte[] bytes = key.toBytes();
        ZkProverKey back = ZkProverKey.fromBytes(bytes);
        assertThat(back.verifierKey()).isEqualTo(key.verifierKey());
        assertThat(back.slotsUsed()).isEqualTo(1);
        bytes[ZkProverKey.COUNTER_OFFSET + 4] ^= 1; // first seed byte
        assertThrows(MalformedProofException.class, () -> ZkProverKey.fromBytes(bytes));
    }

    @Test
    void verifierKeyHoldsNoWeights() throws MalformedProofException {
        ZkProverKey key = ZkFixtures.hiddenKey("digits-mlp");
        byte[] vk = key.verifierKey().toBytes();
        byte[] weights = ((io.edgeproof.zkml.quant.QLayer.Linear) key.model().nodes().get(1).layer()).weights();
        assertThat(vk.length).isLessThan(weights.length / 2);
        assertThat(indexOf(vk, java.util.Arrays.copyOf(weights, 12))).isNegative();
        assertThat(ZkVerifierKey.fromBytes(vk)).isEqualTo(key.verifierKey());
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void aConvProofIsBoundToItsModelContextAndInputCommitment() throws Exception {
        ProverKey key = ZkFixtures.publicKey("digits-cnn");
        InputLayout layout = InputLayout.of(key.verifierKey());
        int[] x = ZkFixtures.input(layout.inputSize(), 1, 17);
        HiddenInput hidden = HiddenInput.commit(layout, x, 1, ZkFixtures.seed(9), 1);
        HiddenInput other = HiddenInput.commit(layout, x, 1, ZkFixtures.seed(10), 1);
        byte[] proof = ZkProver.prove(key, hidden, 0, CONTEXT, ZkFixtures.random(18)).proof().toBytes();
        assertThat(ZkVerifier.verify(key.verifierKey(), proof, CONTEXT, hidden.commitment()).outputs()).isNotEmpty();
        assertThat(assertThrows(VerificationException.class, () -> ZkVerifier.verify(key.verifierKey(), proof, CONTEXT,
                other.commitment())).reason()).isEqualTo(ZkReason.WRONG_INPUT_COMMITMENT);
        assertThrows(VerificationException.class,
                () -> ZkVerifier.verify(key.verifierKey(), proof, ZkFixtures.context("job-4")));
        assertThat(assertThrows(VerificationException.class, () -> ZkVerifier.verify(
                ZkFixtures.publicKey("ezkl/1l_mlp").verifierKey(), proof, CONTEXT)).reason()).isEqualTo(ZkReason.WRONG_MODEL);
    }

    @Test
    void rejectsRandomMutationsOfAConvProof() {
        ZkProverKey key = ZkFixtures.hiddenKey("digits-cnn");
        byte[] proof = hiddenWeightProof(key, 19);
        SplittableRandom rnd = new SplittableRandom(20);
        for (int i = 0; i < 100; i++) {
            byte[] bad = proof.clone();
            int at = rnd.nextInt(bad.length);
            bad[at] ^= (byte) (1 << rnd.nextInt(8));
            Exception e = assertThrows(Exception.class, () -> ZkVerifier.verify(key.verifierKey(), bad, CONTEXT),
                    "flipped a bit of byte " + at);
            assertThat(e).isInstanceOfAny(VerificationException.class, MalformedProofException.class);
        }
    }

    @Test
    void rejectsEveryRandomMutationOfTheProofBytes() {
        ZkProverKey key = ZkFixtures.hiddenKey("ezkl/1l_mlp");
        byte[] proof = hiddenWeightProof(key, 14);
        SplittableRandom rnd = new SplittableRandom(15);
        for (int i = 0; i < 300; i++) {
            byte[] bad = proof.clone();
            int at = rnd.nextInt(bad.length);
            bad[at] ^= (byte) (1 << rnd.nextInt(8));
            Exception e = assertThrows(Exception.class, () -> ZkVerifier.verify(key.verifierKey(), bad, CONTEXT),
                    "flipped a bit of byte " + at);
            assertThat(e).isInstanceOfAny(VerificationException.class, MalformedProofException.class);
        }
        assertThrows(MalformedProofException.class, () -> ZkVerifier.verify(key.verifierKey(),
                java.util.Arrays.copyOf(proof, proof.length - 1), CONTEXT));
        assertThrows(MalformedProofException.class, () -> ZkVerifier.verify(key.verifierKey(),
                java.util.Arrays.copyOf(proof, proof.length + 1), CONTEXT));
    }
}
