package io.edgeproof.zkml.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.edgeproof.commit.basefold.BasefoldReason;
import io.edgeproof.transcript.VerificationException;
import io.edgeproof.zkml.engine.IntegerEngine;
import io.edgeproof.zkml.proof.DenseCircuit;
import io.edgeproof.zkml.proof.ProverKey;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Zero-knowledge proofs of activation lookups (public 2^16-entry tables, hidden looked-up columns): honest
 * proofs carry the engine's outputs, a value that is not its input's table entry is rejected.
 */
class ZkLookupTest {
    private static final byte[] CONTEXT = ZkFixtures.context("job-lut");

    private static byte[] prove(ProverKey key, int[] x, int batch, HiddenInput hidden, ZkProver.Tamper tamper) {
        return ZkProver.prove(ZkProver.Side.of(key), x, batch, hidden, 0, CONTEXT, ZkFixtures.random(81), tamper)
                .proof().toBytes();
    }

    @Test
    void sigmoidWithAHiddenBatchVerifies() throws Exception {
        lookupModelsWithAHiddenBatchVerify("ezkl/1l_sigmoid");
    }

    /** Slow: every table costs a 2^16-row LogUp side (2^18 base entries of P2) in a hiding opening. */
    @ParameterizedTest
    @Tag("slow")
    @ValueSource(strings = {"ezkl/1l_tanh", "ezkl/2l_relu_sigmoid_conv"})
    void lookupModelsWithAHiddenBatchVerify(String name) throws Exception {
        ProverKey key = ZkFixtures.publicKey(name);
        InputLayout layout = InputLayout.of(key.verifierKey());
        int[] x = ZkFixtures.input(layout.inputSize(), 2, 82);
        HiddenInput hidden = HiddenInput.commit(layout, x, 2, ZkFixtures.seed(11), 1);
        byte[] proof = prove(key, x, 2, hidden, ZkProver.Tamper.NONE);
        VerifiedZkInference v = ZkVerifier.verify(key.verifierKey(), proof, CONTEXT, hidden.commitment());
        assertThat(v.outputs()).isEqualTo(new IntegerEngine(key.model()).run(x, 2));
    }

    @Test
    @Tag("slow")
    void lenet5WithHiddenWeightsAndAHiddenInputVerifies() throws Exception {
        ZkProverKey key = ZkFixtures.hiddenKey("ezkl/lenet_5");
        InputLayout layout = InputLayout.of(key.verifierKey());
        int[] x = ZkFixtures.input(layout.inputSize(), 1, 83);
        HiddenInput hidden = HiddenInput.commit(layout, x, 1, ZkFixtures.seed(12), 1);
        ZkProofOutput out = ZkProver.prove(key, key.reserveSlot(), hidden, 0, CONTEXT, ZkFixtures.random(84));
        VerifiedZkInference v = ZkVerifier.verify(key.verifierKey(), out.proof().toBytes(), CONTEXT, hidden.commitment());
        assertThat(v.outputs()).isEqualTo(new IntegerEngine(key.model()).run(x, 1));
    }

    private static VerificationException reject(String name, ZkProver.Tamper tamper) {
        ProverKey key = ZkFixtures.publicKey(name);
        InputLayout layout = InputLayout.of(key.verifierKey());
        int[] x = ZkFixtures.input(layout.inputSize(), 1, 85);
        HiddenInput hidden = HiddenInput.commit(layout, x, 1, ZkFixtures.seed(13), 1);
        byte[] proof = prove(key, x, 1, hidden, tamper);
        return assertThrows(VerificationException.class, () -> ZkVerifier.verify(key.verifierKey(), proof, CONTEXT));
    }

    @Test
    void rejectsAClaimedOutputThatIsNotTheTableEntry() {
        VerificationException e = reject("ezkl/1l_sigmoid", new ZkProver.Tamper(null, null, DenseCircuit.TraceEdit.NONE,
                y -> {
                    int[] z = y.clone();
                    z[0] += z[0] == 32767 ? -1 : 1;
                    return z;
                }));
        assertThat(e.reason()).isEqualTo(ZkReason.ELEMENT_CONSTRAINT_VIOLATED);
    }

    @Test
    void rejectsAHiddenLookedUpValueThatIsNotTheTableEntry() {
        // the sigmoid's output is read by nothing public: a changed value breaks only the LogUp sum (P2's opening)
        List<ZkCircuit.Step> steps = ZkCircuit.of(ZkFixtures.model("ezkl/2l_relu_sigmoid_conv")).steps();
        int lookup = 0;
        while (!(steps.get(lookup) instanceof ZkCircuit.Table)) {
            lookup++;
        }
        int table = lookup;
        VerificationException e = reject("ezkl/2l_relu_sigmoid_conv", new ZkProver.Tamper(null, null,
                (step, tensors, t, r) -> {
                    if (step == table) {
                        tensors[table + 1][1] += tensors[table + 1][1] == 32767 ? -1 : 1;
                    }
                }, UnaryOperator.identity()));
        assertThat(e.reason()).isInstanceOf(BasefoldReason.class);
    }
}
