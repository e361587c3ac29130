package io.edgeproof.zkml.zk;

import io.edgeproof.field.Ext3;
import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.field.codec.ProofReader;
import io.edgeproof.field.codec.ProofWriter;
import io.edgeproof.iop.sumcheck.SumcheckProof;
import io.edgeproof.transcript.Hasher;
import java.util.ArrayList;
import java.util.List;

/**
 * A zero-knowledge proof of inference. Unverified: it exposes no outputs; {@link ZkVerifier} returns them.
 *
 * <p>Bytes: magic "EPZI", version, model id, input and weight visibility, batch, the public input or the
 * input commitment and its slot, the weight slot (hidden weights), the claimed outputs, the roots of P1 and
 * P2, per check (Libra mask sum, rounds, mask value, revealed values), then the openings (input, weights,
 * P1, P2), length-prefixed. Every count follows from the key, the flags and the batch.
 */
public final class ZkProof {
    static final int MAGIC = 0x495A_5045; // "EPZI" little-endian
    static final int VERSION = 1;
    static final int MAX_BATCH = 1 << 10;

    /** One check: the masked sumcheck (mask sum, rounds, mask value) and the revealed operand values. */
    record CheckProof(Ext3 maskSum, SumcheckProof rounds, Ext3 maskValue, Ext3[] revealed) {}

    final ZkStatement statement;
    final byte[] p1Root;
    final byte[] p2Root;
    final List<CheckProof> checks;
    final byte[] inputOpening;
    /** One per weight part (hidden weights), or the one plain opening (public weights); none without weights. */
    final List<byte[]> weightOpenings;
    final byte[] p1Opening;
    final byte[] p2Opening;

    ZkProof(ZkStatement statement, byte[] p1Root, byte[] p2Root, List<CheckProof> checks, byte[] inputOpening,
            List<byte[]> weightOpenings, byte[] p1Opening, byte[] p2Opening) {
        this.statement = statement;
        this.p1Root = p1Root;
        this.p2Root = p2Root;
        this.checks = List.copyOf(checks);
        this.inputOpening = inputOpening;
        this.weightOpenings = List.copyOf(weightOpenings);
        this.p1Opening = p1Opening;
        this.p2Opening = p2Opening;
    }

    /** The input commitment the proof is about (null when the input is public): compare it with a signed one. */
    public InputCommitment inputCommitment() {
        return statement.inputCommitment();
    }

    public byte[] toBytes() {
        ZkStatement s = statement;
        ProofWriter w = new ProofWriter().header(MAGIC, VERSION).bytes(s.modelId())
                .u32(s.inputHidden() ? 1 : 0).u32(s.weightsHidden() ? 1 : 0).u32(s.batch());
        if (s.inputHidden()) {
            s.inputCommitment().writeTo(w);
            w.u32(s.inputSlot());
        } else {
            ints(w, s.input());
        }
        if (s.weightsHidden()) {
            w.u32(s.weightSlot());
        }
        ints(w, s.outputs());
        w.bytes(p1Root).bytes(p2Root);
        for (CheckProof c : checks) {
            w.ext(c.maskSum());
            c.rounds().writeTo(w);
            w.ext(c.maskValue());
            for (Ext3 v : c.revealed()) {
                w.ext(v);
            }
        }
        List<byte[]> openings = new ArrayList<>();
        openings.add(inputOpening);
        openings.addAll(weightOpenings);
        openings.add(p1Opening);
        openings.add(p2Opening);
        for (byte[] opening : openings) {
            if (opening != null) {
                w.u32(opening.length).bytes(opening);
            }
        }
        return w.toByteArray();
    }

    private static void ints(ProofWriter w, int[] values) {
        for (int v : values) {
            w.u32(v);
        }
    }

    /** Whether {@code bytes} start like a zero-knowledge proof (the CLI tells the two kinds of proofs apart). */
    public static boolean matches(byte[] bytes) {
        return bytes.length >= 4 && (bytes[0] & 0xFF | (bytes[1] & 0xFF) << 8 | (bytes[2] & 0xFF) << 16
                | (bytes[3] & 0xFF) << 24) == MAGIC;
    }

    /** The header fields a verifier needs before it can size the rest. */
    record Header(byte[] modelId, boolean inputHidden, boolean weightsHidden, int batch) {}

    static Header header(ProofReader r) throws MalformedProofException {
        r.header(MAGIC, VERSION, "zero-knowledge proof of inference");
        byte[] id = r.bytes("model id", Hasher.DIGEST_BYTES);
        int inputHidden = r.count("input visibility", 0, 1);
        int weightsHidden = r.count("weight visibility", 0, 1);
        int batch = r.count("batch", 1, MAX_BATCH);
        return new Header(id, inputHidden == 1, weightsHidden == 1, batch);
    }

    /** Reads the rest once the verifier has built the plan from the header. */
    static ZkProof read(ProofReader r, Header h, ZkPlan plan, byte[] context) throws MalformedProofException {
        ZkCircuit c = plan.circuit;
        InputCommitment commitment = null;
        int inputSlot = 0;
        int[] input = null;
        if (h.inputHidden()) {
            commitment = InputCommitment.readFrom(r);
            inputSlot = r.count("input slot", 0, InputCommitment.MAX_PROOFS);
        } else {
            input = readInts(r, "input", h.batch() * c.inputSize());
        }
        int weightSlot = h.weightsHidden() ? r.count("weight slot", 0, ZkVerifierKey.MAX_BUDGET) : 0;
        int[] outputs = readInts(r, "outputs", h.batch() * c.outputSize());
        byte[] p1Root = r.bytes("P1 root", Hasher.DIGEST_BYTES);
        byte[] p2Root = r.bytes("P2 root", Hasher.DIGEST_BYTES);
        List<CheckProof> checks = new ArrayList<>();
        for (ZkPlan.CheckSlots cs : plan.checkSlots) {
            Ext3 maskSum = r.ext("mask sum");
            SumcheckProof rounds = SumcheckProof.readFrom(r, cs.numVariables(), cs.degree());
            Ext3 maskValue = r.ext("mask value");
            Ext3[] revealed = new Ext3[cs.revealed()];
            for (int i = 0; i < revealed.length; i++) {
                revealed[i] = r.ext("revealed value");
            }
            checks.add(new CheckProof(maskSum, rounds, maskValue, revealed));
        }
        byte[] inputOpening = h.inputHidden() ? opening(r, "input opening") : null;
        int parts = c.denseSteps().isEmpty() ? 0 : h.weightsHidden() ? plan.weightLayout.parts.size() : 1;
        List<byte[]> weightOpenings = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            weightOpenings.add(opening(r, "weight opening"));
        }
        byte[] p1Opening = opening(r, "P1 opening");
        byte[] p2Opening = opening(r, "P2 opening");
        r.expectEnd("zero-knowledge proof of inference");
        ZkStatement st = new ZkStatement(h.modelId(), h.batch(), input, commitment, inputSlot, h.weightsHidden(),
                weightSlot, outputs, context);
        return new ZkProof(st, p1Root, p2Root, checks, inputOpening, weightOpenings, p1Opening, p2Opening);
    }

    private static int[] readInts(ProofReader r, String what, int n) throws MalformedProofException {
        if ((long) n * 4 > r.remaining()) {
            throw new MalformedProofException(what + ": " + n + " values do not fit the proof");
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = r.u32(what);
        }
        return out;
    }

    private static byte[] opening(ProofReader r, String what) throws MalformedProofException {
        return r.bytes(what, r.count(what + " length", 1, r.remaining()));
    }
}
