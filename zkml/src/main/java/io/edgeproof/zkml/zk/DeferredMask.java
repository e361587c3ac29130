package io.edgeproof.zkml.zk;

import io.edgeproof.field.Ext3;
import io.edgeproof.field.codec.ProofWriter;
import io.edgeproof.iop.sumcheck.MaskCommitmentScheme;
import io.edgeproof.iop.sumcheck.MaskPolynomial;
import io.edgeproof.transcript.VerificationException;
import java.util.Arrays;

/**
 * The commitment scheme of one check's Libra mask when the mask already sits in a committed witness
 * polynomial (a block of P1, committed before any challenge): "commit" only names the block, "open" and
 * "verify" record the claim g(r) = value, which the caller discharges in that polynomial's hiding opening
 * ({@link Layout#maskClaim}). Nothing is checked here; the opening checks it.
 */
final class DeferredMask implements MaskCommitmentScheme {
    private final byte[] handle;
    private long[] point;
    private Ext3 value;

    /** The scheme of the mask in block {@code block} of polynomial {@code polynomial}. */
    DeferredMask(int polynomial, int block) {
        this.handle = new ProofWriter().u32(polynomial).u32(block).toByteArray();
    }

    @Override
    public byte[] commit(MaskPolynomial mask) {
        return handle.clone();
    }

    @Override
    public byte[] open(MaskPolynomial mask, long[] at, Ext3 v) {
        record(at, v);
        return new byte[0];
    }

    @Override
    public void verify(byte[] commitment, long[] at, Ext3 v, byte[] opening) throws VerificationException {
        if (!Arrays.equals(commitment, handle) || opening.length != 0) {
            throw new VerificationException(ZkReason.MASK_CLAIM_MISMATCH, "a check's mask is not the one committed");
        }
        record(at, v);
    }

    private void record(long[] at, Ext3 v) {
        if (point != null) {
            throw new IllegalStateException("a check's mask is opened once");
        }
        point = at.clone();
        value = v;
    }

    byte[] handle() {
        return handle.clone();
    }

    long[] point() {
        return point.clone();
    }

    Ext3 value() {
        return value;
    }
}
