package io.edgeproof.zkml.zk;

import io.edgeproof.commit.basefold.BasefoldCommitment;
import io.edgeproof.commit.basefold.BasefoldParams;
import io.edgeproof.commit.basefold.BasefoldProof;
import io.edgeproof.commit.basefold.BasefoldVerifier;
import io.edgeproof.commit.basefold.HidingBasefold;
import io.edgeproof.commit.basefold.HidingBasefoldVerifier;
import io.edgeproof.commit.basefold.HidingCommitment;
import io.edgeproof.commit.basefold.HidingProof;
import io.edgeproof.commit.basefold.WeightedClaim;
import io.edgeproof.field.Ext3;
import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.field.codec.ProofReader;
import io.edgeproof.iop.security.SecurityBudget;
import io.edgeproof.iop.sumcheck.ZkSumcheckProof;
import io.edgeproof.transcript.Transcript;
import io.edgeproof.transcript.VerificationException;
import io.edgeproof.zkml.proof.DenseCircuit;
import io.edgeproof.zkml.proof.VerifierKey;
import java.security.MessageDigest;
import java.util.List;

/**
 * Verifies a zero-knowledge proof of inference in the prover's order: statement, P1, alpha, P2, every check
 * (masked sumcheck, then the summand from the revealed values), then the openings. Returns the verified
 * outputs or throws with a specific reason; a proof that does not decode throws {@link MalformedProofException}.
 */
public final class ZkVerifier {
    private ZkVerifier() {}

    /** Hidden weights (a {@link ZkVerifierKey}); the input may be public or hidden. */
    public static VerifiedZkInference verify(ZkVerifierKey key, byte[] proof, byte[] context)
            throws VerificationException, MalformedProofException {
        return verify(new Side(key.params(), key.circuit(), key.modelId(), key.weightCommitments(), key.budget(), null,
                key.outputScales()), proof, context);
    }

    /**
     * As {@link #verify(ZkVerifierKey, byte[], byte[])}, and the proof must be about {@code expected}, the input
     * commitment the caller trusts (e.g. the one a device signed): else WRONG_INPUT_COMMITMENT.
     */
    public static VerifiedZkInference verify(ZkVerifierKey key, byte[] proof, byte[] context, InputCommitment expected)
            throws VerificationException, MalformedProofException {
        return requireInput(verify(key, proof, context), expected);
    }

    public static VerifiedZkInference verify(VerifierKey key, byte[] proof, byte[] context, InputCommitment expected)
            throws VerificationException, MalformedProofException {
        return requireInput(verify(key, proof, context), expected);
    }

    private static VerifiedZkInference requireInput(VerifiedZkInference v, InputCommitment expected)
            throws VerificationException {
        if (!v.inputHidden() || !v.inputCommitment().equals(expected)) {
            throw new VerificationException(ZkReason.WRONG_INPUT_COMMITMENT,
                    "the proof is not about the expected input commitment");
        }
        return v;
    }

    /** Public weights (a public-mode verifier key) and a hidden input. */
    public static VerifiedZkInference verify(VerifierKey key, byte[] proof, byte[] context)
            throws VerificationException, MalformedProofException {
        ZkCircuit circuit;
        try {
            circuit = ZkCircuit.of(DenseCircuit.of(key));
        } catch (io.edgeproof.zkml.graph.ModelException e) {
            throw new MalformedProofException("this model has no zero-knowledge proofs: " + e.getMessage());
        }
        return verify(new Side(DenseCircuit.params(key), circuit, key.modelId(), null, 1, key, key.outputScales()),
                proof, context);
    }

    private record Side(BasefoldParams params, ZkCircuit circuit, byte[] modelId, List<HidingCommitment> weights, int budget,
                        VerifierKey open, double[] outputScales) {}

    private static VerifiedZkInference verify(Side side, byte[] bytes, byte[] context)
            throws VerificationException, MalformedProofException {
        ProofReader r = new ProofReader(bytes);
        ZkProof.Header h = ZkProof.header(r);
        if (!MessageDigest.isEqual(h.modelId(), side.modelId())) {
            throw new VerificationException(ZkReason.WRONG_MODEL, "the proof is for another model");
        }
        if (h.weightsHidden() != (side.weights() != null) || (!h.inputHidden() && !h.weightsHidden())) {
            throw new VerificationException(ZkReason.MALFORMED_STATEMENT, "the proof's visibility does not fit the key");
        }
        int proofs = 1;
        int at = r.position();
        if (h.inputHidden()) {
            proofs = InputCommitment.readFrom(r).proofs();
        }
        ProofReader body = new ProofReader(bytes);
        body.bytes("header", at);
        ZkPlan plan = ZkPlan.of(side.circuit(), h.batch(), h.inputHidden(), h.weightsHidden(), side.budget(), proofs);
        ZkProof proof = ZkProof.read(body, h, plan, context);
        return verify(side, plan, proof);
    }

    private static VerifiedZkInference verify(Side side, ZkPlan plan, ZkProof proof) throws VerificationException,
            MalformedProofException {
        ZkStatement st = proof.statement;
        BasefoldParams params = side.params();
        checkStatement(side, plan, st);
        Transcript t = Transcript.open(ZkProver.DOMAIN, st);
        HidingCommitment c1 = hiding(params, proof.p1Root, plan.p1.numVariables());
        c1.bindTo(t);
        Ext3 alpha = t.challengeExt(ZkProver.ALPHA);
        Ext3 zeta = plan.hasTables() ? t.challengeExt(ZkProver.ZETA) : Ext3.ZERO;
        HidingCommitment c2 = hiding(params, proof.p2Root, plan.p2.numVariables());
        c2.bindTo(t);
        ZkChecks.Challenges ch = ZkChecks.Challenges.of(t, alpha, zeta);
        PublicTensors pub = PublicTensors.of(plan, st.input(), st.outputs());
        Claims claims = new Claims(plan, st.inputSlot(), st.weightSlot(), side.open());
        for (int c = 0; c < plan.checks.size(); c++) {
            Check check = ZkChecks.build(plan, c, ch, pub);
            ZkProof.CheckProof cp = proof.checks.get(c);
            DeferredMask scheme = new DeferredMask(ZkPlan.Poly.P1.ordinal(), plan.checkSlots.get(c).maskBlock());
            ZkSumcheckProof zk = new ZkSumcheckProof(scheme.handle(), cp.maskSum(), cp.rounds(), cp.maskValue(), new byte[0]);
            long[] point = CheckVerifier.verify(check, zk, cp.revealed(), scheme, t);
            claims.add(c, check, point, CheckVerifier.operandValues(check, point, cp.revealed()), scheme, t);
        }
        claims.addLookupSum();
        if (st.inputHidden()) {
            HidingCommitment in = st.inputCommitment().commitment();
            openHidden(params, in, claims.of(ZkPlan.Poly.INPUT), proof.inputOpening, t);
        }
        if (plan.circuit.denseSteps().isEmpty()) {
            // no weights: nothing to open
        } else if (side.weights() != null) {
            for (int p = 0; p < side.weights().size(); p++) {
                openHidden(params, side.weights().get(p), claims.of(new Claims.Target(ZkPlan.Poly.WEIGHTS, p)),
                        proof.weightOpenings.get(p), t);
            }
        } else {
            List<BasefoldCommitment> commitments = DenseCircuit.weightCommitments(side.open());
            int[] vars = new int[commitments.size()];
            for (int i = 0; i < vars.length; i++) {
                vars[i] = commitments.get(i).numVariables();
            }
            BasefoldProof opening = BasefoldProof.fromBytes(proof.weightOpenings.get(0), params, vars);
            BasefoldVerifier.verify(params, commitments, claims.plain(), opening, t);
        }
        openHidden(params, c1, claims.of(ZkPlan.Poly.P1), proof.p1Opening, t);
        openHidden(params, c2, claims.of(ZkPlan.Poly.P2), proof.p2Opening, t);
        SecurityBudget budget = ZkSecurity.budget(side.params(), plan, st, side.weights(), side.open());
        int[] sizes = new int[plan.circuit.outputs().length];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = plan.circuit.tensor(plan.circuit.outputs()[i]).size();
        }
        return new VerifiedZkInference(java.util.HexFormat.of().formatHex(side.modelId()), st.batch(), st.inputHidden(),
                st.weightsHidden(), st.inputCommitment(), st.outputs(), side.outputScales(), sizes, budget.bits(),
                budget.weakestTerm());
    }

    /** Sizes, int16 values and slots within their budgets, before anything is absorbed. */
    private static void checkStatement(Side side, ZkPlan plan, ZkStatement st) throws VerificationException {
        if (!allInt16(st.outputs()) || (st.input() != null && !allInt16(st.input()))) {
            throw new VerificationException(ZkReason.MALFORMED_STATEMENT, "public input and outputs must be int16");
        }
        if (st.inputHidden()) {
            InputCommitment ic = st.inputCommitment();
            Layout l = plan.inputLayout;
            if (ic.batch() != st.batch() || ic.commitment().numVariables() != l.numVariables()
                    || ic.commitment().extraVariables() != extra(side.params(), l.numVariables(), ic.proofs())
                    || st.inputSlot() >= ic.proofs()) {
                throw new VerificationException(ZkReason.MALFORMED_STATEMENT,
                        "the input commitment does not fit this model, batch or slot");
            }
        }
        if (st.weightsHidden() && st.weightSlot() >= side.budget()) {
            throw new VerificationException(ZkReason.MALFORMED_STATEMENT, "weight slot outside the key's budget");
        }
    }

    private static int extra(BasefoldParams params, int n, int openings) {
        return HidingBasefold.extraVariables(params, n, openings);
    }

    private static HidingCommitment hiding(BasefoldParams params, byte[] root, int n) {
        return new HidingCommitment(root, n, HidingBasefold.extraVariables(params, n, 1));
    }

    private static void openHidden(BasefoldParams params, HidingCommitment c, List<WeightedClaim> claims, byte[] bytes,
                                   Transcript t) throws VerificationException, MalformedProofException {
        HidingProof p = HidingProof.fromBytes(bytes, params, c.numVariables(), c.extraVariables(), 1, claims.size());
        HidingBasefoldVerifier.verify(params, List.of(c), claims, p, t);
    }

    static boolean allInt16(int[] values) {
        for (int v : values) {
            if (v < -32768 || v > 32767) {
                return false;
            }
        }
        return true;
    }
}
