package io.edgeproof.commit.basefold;

import io.edgeproof.commit.merkle.MerkleShape;
import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.field.codec.ProofReader;
import io.edgeproof.field.codec.ProofWriter;
import io.edgeproof.transcript.Hasher;
import java.util.ArrayList;
import java.util.List;

/**
 * A zero-knowledge Basefold opening: the mask's salted root, its weighted values (one extension element
 * per claim, interleaved) and the folding opening of the masked batch (a direct {@link BasefoldProof} whose
 * input openings are the f'_i and, last, the mask, all with salts).
 */
public record HidingProof(byte[] maskRoot, long[] maskValues, BasefoldProof opening) {
    static final int MAGIC = 0x4846_4C42; // "BLFH" little-endian
    static final int VERSION = 2;

    public HidingProof {
        if (maskRoot == null || maskValues == null || opening == null) {
            throw new IllegalArgumentException("every part of a hiding proof is required");
        }
        maskRoot = maskRoot.clone();
        maskValues = maskValues.clone();
    }

    @Override
    public byte[] maskRoot() {
        return maskRoot.clone();
    }

    @Override
    public long[] maskValues() {
        return maskValues.clone();
    }

    /** Magic, version, mask root, mask values, then the folding opening's body (see {@link BasefoldProof}). */
    public byte[] toBytes() {
        ProofWriter w = new ProofWriter().header(MAGIC, VERSION);
        w.bytes(maskRoot).bases(maskValues);
        opening.writeBody(w);
        return w.toByteArray();
    }

    /**
     * Decodes a proof for {@code polynomials} hiding commitments of this size under {@code claims} weighted
     * claims. Every length follows from these or is bounded by them before allocation; a point reduction,
     * non-canonical elements, a wrong header, truncation and trailing bytes are rejected.
     */
    public static HidingProof fromBytes(byte[] bytes, BasefoldParams params, int numVariables, int extraVariables,
            int polynomials, int claims) throws MalformedProofException {
        int vars = numVariables + extraVariables;
        if (numVariables < 0 || extraVariables < 1 || vars > BasefoldParams.MAX_VARIABLES || polynomials < 1 || claims < 1) {
            throw new IllegalArgumentException("malformed hiding statement shape");
        }
        ProofReader r = new ProofReader(bytes);
        r.header(MAGIC, VERSION, "hiding Basefold proof");
        byte[] root = r.bytes("mask root", Hasher.DIGEST_BYTES);
        long[] values = r.bases("mask value", 3 * claims);
        List<MerkleShape> shapes = new ArrayList<>();
        for (int i = 0; i < polynomials; i++) {
            shapes.add(QueryPhase.inputShape(params, vars, false, HidingBasefold.SALT_BYTES));
        }
        shapes.add(QueryPhase.inputShape(params, vars, true, HidingBasefold.SALT_BYTES));
        BasefoldProof opening = BasefoldProof.readBody(r, params, FoldingSchedule.of(params, vars, vars), shapes, false);
        r.expectEnd("hiding Basefold proof");
        return new HidingProof(root, values, opening);
    }

    @Override
    public String toString() {
        return "HidingProof[" + maskValues.length / 3 + " claims]";
    }
}
