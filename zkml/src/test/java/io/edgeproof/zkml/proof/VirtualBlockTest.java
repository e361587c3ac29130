package io.edgeproof.zkml.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgeproof.commit.basefold.BasefoldReason;
import io.edgeproof.field.Ext3;
import io.edgeproof.transcript.VerificationException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Virtual blocks (y, r, e, Relu outputs, max-pool differences): never committed, defined by their range
 * column's limbs. Claims on them are resolved into claims on the limbs; a resolution that does not match
 * the claim, or that matches it with limbs that are not the committed ones, is rejected.
 */
class VirtualBlockTest {
    private static final String MODEL = "digits-cnn";
    private static final byte[] CONTEXT = ProofFixtures.context("job-virtual");

    private static InferenceProof honest() {
        ProverKey key = ProofFixtures.key(MODEL);
        return ZkmlProver.prove(key, ProofFixtures.input(key, 1, 5), 1, CONTEXT).proof();
    }

    private static VerificationException.Reason rejection(UnaryOperator<List<Ext3[]>> edit) {
        return rejection(honest(), edit);
    }

    private static VerificationException.Reason rejection(InferenceProof p, UnaryOperator<List<Ext3[]>> edit) {
        InferenceProof.RangeProof range = new InferenceProof.RangeProof(p.range.lookup(), p.range.columnValues(),
                edit.apply(new ArrayList<>(p.range.resolutions())));
        InferenceProof forged = new InferenceProof(p.modelId, p.batch, p.input, p.outputs, p.witnessRoots, p.steps, range,
                p.opening);
        return assertThrows(VerificationException.class,
                () -> ZkmlVerifier.verify(ProofFixtures.key(MODEL).verifierKey(), forged.toBytes(), CONTEXT)).reason();
    }

    @Test
    void outputsRemaindersExcessesReluOutputsAndDifferencesAreNotCommitted() {
        WitnessPlan plan = new WitnessPlan(ProofFixtures.key(MODEL).verifierKey().circuit(), 1);
        ModelCircuit circuit = plan.circuit;
        for (int s = 0; s < circuit.steps().size(); s++) {
            switch (circuit.steps().get(s)) {
                case ModelCircuit.Linear l -> {
                    assertTrue(plan.isVirtual(plan.tensorBlock[l.output()]));
                    assertTrue(plan.isVirtual(plan.remainderBlock[s]));
                    assertTrue(plan.isVirtual(plan.excessBlock[s]));
                }
                case ModelCircuit.Relu r -> assertTrue(plan.isVirtual(plan.tensorBlock[r.output()]));
                case ModelCircuit.MaxPool m -> {
                    assertTrue(!plan.isVirtual(plan.tensorBlock[m.output()]));
                    for (int d : plan.differenceBlocks[s]) {
                        assertTrue(plan.isVirtual(d));
                    }
                }
                default -> { }
            }
        }
        assertTrue(honest().range.resolutions().size() > circuit.steps().size());
    }

    @Test
    void rejectsAResolvedLimbValueThatDoesNotGiveTheClaim() {
        assertEquals(ZkmlReason.LIMB_DECOMPOSITION_MISMATCH, rejection(rs -> {
            Ext3[] v = rs.get(0).clone();
            v[0] = v[0].add(Ext3.ONE);
            rs.set(0, v);
            return rs;
        }));
    }

    @Test
    void rejectsLimbValuesThatKeepTheClaimButAreNotTheCommittedLimbs() {
        // r = L0 + 2^16 L1: moving one unit of L1 into L0 keeps the defined value, so only the opening of the
        // limb region can catch it. A two-value resolution is either such a two-limb definition (r, e) or a
        // Relu's (limb, y), where the same edit changes the defined value; every one must be rejected, and
        // the two-limb ones only by the opening.
        InferenceProof p = honest();
        java.util.Set<VerificationException.Reason> reasons = new java.util.HashSet<>();
        for (int i = 0; i < p.range.resolutions().size(); i++) {
            if (p.range.resolutions().get(i).length == 2) {
                int at = i;
                reasons.add(rejection(p, rs -> {
                    Ext3[] v = rs.get(at).clone();
                    v[0] = v[0].add(Ext3.ofBase(1L << 16));
                    v[1] = v[1].sub(Ext3.ONE);
                    rs.set(at, v);
                    return rs;
                }));
            }
        }
        assertTrue(reasons.contains(BasefoldReason.SUMCHECK_ROUND_MISMATCH), "no two-limb definition in " + MODEL);
        reasons.removeAll(List.of(BasefoldReason.SUMCHECK_ROUND_MISMATCH, ZkmlReason.LIMB_DECOMPOSITION_MISMATCH));
        assertTrue(reasons.isEmpty(), "unexpected reasons " + reasons);
    }

    @Test
    void rejectsAProofThatLeavesAClaimUnresolved() {
        assertEquals(ZkmlReason.LIMB_DECOMPOSITION_MISMATCH, rejection(rs -> {
            rs.removeLast();
            return rs;
        }));
    }

    @Test
    void rejectsAProofWithAnExtraResolution() {
        assertEquals(ZkmlReason.LIMB_DECOMPOSITION_MISMATCH, rejection(rs -> {
            rs.add(rs.getLast());
            return rs;
        }));
    }
}
