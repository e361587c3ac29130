package io.edgeproof.zkml.zk;

import io.edgeproof.commit.basefold.BasefoldParams;
import io.edgeproof.commit.basefold.HidingCommitment;
import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.field.codec.ProofReader;
import io.edgeproof.field.codec.ProofWriter;
import io.edgeproof.transcript.Hasher;
import io.edgeproof.transcript.StatementBinder;
import java.util.HexFormat;

/**
 * The public commitment to a hidden input, as a device signs it: the hiding root of the input polynomial
 * P_in (the batch's padded int16 block and {@code proofs} one-time masks), its variables and extra hiding
 * variables, the batch and how many proofs it may take part in. Made by {@link HiddenInput#commit}.
 */
public record InputCommitment(HidingCommitment commitment, int batch, int proofs) {
    static final int MAX_PROOFS = 1 << 16;

    public InputCommitment {
        if (commitment == null || batch < 1 || proofs < 1 || proofs > MAX_PROOFS) {
            throw new IllegalArgumentException("an input commitment needs a root, a batch >= 1 and 1.."
                    + MAX_PROOFS + " proofs");
        }
    }

    public byte[] toBytes() {
        ProofWriter w = new ProofWriter();
        writeTo(w);
        return w.toByteArray();
    }

    public String toHex() {
        return HexFormat.of().formatHex(toBytes());
    }

    void writeTo(ProofWriter w) {
        w.bytes(commitment.root()).u32(commitment.numVariables()).u32(commitment.extraVariables()).u32(batch).u32(proofs);
    }

    static InputCommitment readFrom(ProofReader r) throws MalformedProofException {
        byte[] root = r.bytes("input commitment root", Hasher.DIGEST_BYTES);
        int n = r.count("input commitment variables", 0, BasefoldParams.MAX_VARIABLES);
        int e = r.count("input commitment extra variables", 1, BasefoldParams.MAX_VARIABLES - n);
        int batch = r.count("input commitment batch", 1, Integer.MAX_VALUE);
        int proofs = r.count("input commitment proofs", 1, MAX_PROOFS);
        return new InputCommitment(new HidingCommitment(root, n, e), batch, proofs);
    }

    public static InputCommitment fromBytes(byte[] bytes) throws MalformedProofException {
        ProofReader r = new ProofReader(bytes);
        InputCommitment c = readFrom(r);
        r.expectEnd("input commitment");
        return c;
    }

    public static InputCommitment fromHex(String hex) throws MalformedProofException {
        try {
            return fromBytes(HexFormat.of().parseHex(hex.startsWith("0x") ? hex.substring(2) : hex));
        } catch (IllegalArgumentException e) {
            throw new MalformedProofException("an input commitment is hex bytes: " + e.getMessage());
        }
    }

    void bindTo(StatementBinder b) {
        commitment.bindTo(b);
        b.u64("input-commitment-batch", batch).u64("input-commitment-proofs", proofs);
    }
}
