package io.edgeproof.field.codec;

import io.edgeproof.field.Ext3;
import io.edgeproof.field.Goldilocks;

/**
 * Reads untrusted proof bytes. Every read checks that the bytes are there, field elements are canonical
 * (< p) and counts are within caller-given limits, so no input can cause an exception trace, an
 * out-of-memory allocation or a silently wrapped value. Errors name what was being read and the offset.
 */
public final class ProofReader {
    private final byte[] data;
    private int pos;

    public ProofReader(byte[] data) {
        this.data = data;
    }

    public int position() {
        return pos;
    }

    public int remaining() {
        return data.length - pos;
    }

    /** Checks that {@code n} bytes remain; a long, so that 8 * count or 24 * count cannot overflow. */
    private void need(long n, String what) throws MalformedProofException {
        if (n < 0) {
            throw new MalformedProofException("negative length " + n + " for " + what + " at offset " + pos);
        }
        if (n > data.length - pos) {
            throw new MalformedProofException("truncated proof: " + what + " needs " + n + " bytes at offset "
                    + pos + ", only " + (data.length - pos) + " left");
        }
    }

    public int u8(String what) throws MalformedProofException {
        need(1, what);
        return data[pos++] & 0xFF;
    }

    public int u32(String what) throws MalformedProofException {
        need(4, what);
        int v = 0;
        for (int i = 0; i < 4; i++) {
            v |= (data[pos++] & 0xFF) << (8 * i);
        }
        return v;
    }

    public long u64(String what) throws MalformedProofException {
        need(8, what);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v |= (data[pos++] & 0xFFL) << (8 * i);
        }
        return v;
    }

    /** A count in [min, max]; anything else is rejected before any allocation depends on it. */
    public int count(String what, int min, int max) throws MalformedProofException {
        int at = pos;
        int v = u32(what);
        if (v < min || v > max) {
            throw new MalformedProofException(what + " = " + Integer.toUnsignedString(v) + " at offset " + at
                    + " is outside [" + min + ", " + max + "]");
        }
        return v;
    }

    public long base(String what) throws MalformedProofException {
        int at = pos;
        long v = u64(what);
        if (!Goldilocks.isCanonical(v)) {
            throw new MalformedProofException("non-canonical field element for " + what + " at offset " + at);
        }
        return v;
    }

    public long[] bases(String what, int n) throws MalformedProofException {
        need(8L * n, what);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = base(what);
        }
        return out;
    }

    public Ext3 ext(String what) throws MalformedProofException {
        need(24, what);
        return Ext3.of(base(what), base(what), base(what));
    }

    public byte[] bytes(String what, int n) throws MalformedProofException {
        need(n, what);
        byte[] out = new byte[n];
        System.arraycopy(data, pos, out, 0, n);
        pos += n;
        return out;
    }

    /** Checks the magic tag and version that open a top-level proof object. */
    public void header(int magic, int version, String kind) throws MalformedProofException {
        int m = u32(kind + " magic");
        if (m != magic) {
            throw new MalformedProofException("not a " + kind + ": wrong magic 0x" + Integer.toHexString(m));
        }
        int v = u8(kind + " version");
        if (v != version) {
            throw new MalformedProofException(kind + " version " + v + " is not supported (expected " + version + ")");
        }
    }

    /** Rejects trailing bytes: a proof has exactly one encoding. */
    public void expectEnd(String kind) throws MalformedProofException {
        if (pos != data.length) {
            throw new MalformedProofException(kind + ": " + (data.length - pos) + " unexpected trailing bytes at offset " + pos);
        }
    }
}
