package io.edgeproof.zkml.proof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgeproof.transcript.VerificationException;
import io.edgeproof.zkml.quant.QLayer;
import io.edgeproof.zkml.quant.QNode;
import io.edgeproof.zkml.quant.QuantizedModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * mlp-4m's four 1024 x 1024 matrices fill one 2^22 weight polynomial; its other weights and biases (under
 * 2^16 entries) are held in the verifier key instead of a second polynomial, and the verifier evaluates
 * them itself.
 */
class KeyWeightsTest {
    private static final String MODEL = "mlp-4m";
    private static final byte[] CONTEXT = ProofFixtures.context("job-key-weights");

    @Test
    void leftoverBlocksLiveInTheKeyAndProofsVerify() throws Exception {
        ProverKey key = ProofFixtures.key(MODEL);
        VerifierKey vk = key.verifierKey();
        WeightPlan plan = vk.weightPlan();
        assertEquals(1, plan.layout.polynomials());
        int held = 0;
        for (int b = 0; b < plan.blockVars.length; b++) {
            held += plan.inKey[b] ? 1 << plan.blockVars[b] : 0;
        }
        assertTrue(held > 0 && held <= WeightPlan.KEY_ENTRIES, "entries held in the key: " + held);
        VerifierKey decoded = VerifierKey.fromBytes(vk.toBytes());
        assertArrayEquals(vk.modelId(), decoded.modelId());
        ProofOutput out = ZkmlProver.prove(key, ProofFixtures.input(key, 1, 3), 1, CONTEXT);
        ZkmlVerifier.verify(decoded, out.proof().toBytes(), CONTEXT);
    }

    @Test
    void rejectsAProofComputedWithAnotherWeightThanTheKeyHolds() {
        ProverKey key = ProofFixtures.key(MODEL);
        WeightPlan plan = key.verifierKey().weightPlan();
        List<ModelCircuit.Step> steps = key.verifierKey().circuit().steps();
        int target = -1;
        for (int s = 0; s < steps.size() && target < 0; s++) {
            target = plan.weightBlock[s] >= 0 && plan.inKey[plan.weightBlock[s]] ? s : -1;
        }
        int node = ((ModelCircuit.Linear) steps.get(target)).node();
        WitnessTamper tamper = new WitnessTamper() {
            @Override
            public QuantizedModel model(QuantizedModel m) {
                List<QNode> nodes = new ArrayList<>(m.nodes());
                QNode n = nodes.get(node);
                QLayer.Linear l = (QLayer.Linear) n.layer();
                byte[] w = l.weights().clone();
                w[0] = (byte) (w[0] == 127 ? 126 : w[0] + 1);
                nodes.set(node, new QNode(n.name(), new QLayer.Linear(l.inFeatures(), l.outFeatures(), w, l.bias(), l.rq()),
                        n.inputs(), n.shape(), n.scale()));
                return new QuantizedModel(m.inputShape(), m.inputScale(), nodes, m.outputs());
            }
        };
        ProofOutput out = ZkmlProver.prove(key, ProofFixtures.input(key, 1, 3), 1, CONTEXT, tamper);
        VerificationException e = assertThrows(VerificationException.class,
                () -> ZkmlVerifier.verify(key.verifierKey(), out.proof().toBytes(), CONTEXT));
        assertEquals(ZkmlReason.KEY_WEIGHT_MISMATCH, e.reason());
    }
}
