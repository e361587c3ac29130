package io.edgeproof.field.codec;

import io.edgeproof.field.Ext3;
import java.util.Arrays;

/**
 * Appends proof data in EdgeProof's wire format: little-endian fixed-width integers, canonical field
 * elements (8 bytes, or 24 for the extension), length prefixes as u32. Read back with {@link ProofReader}.
 */
public final class ProofWriter {
    private byte[] buf = new byte[256];
    private int size;

    private void ensure(int extra) {
        if (size + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
        }
    }

    public ProofWriter u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    public ProofWriter u32(int v) {
        ensure(4);
        for (int i = 0; i < 4; i++) {
            buf[size++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    public ProofWriter u64(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[size++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    /** A base-field element; must already be canonical. */
    public ProofWriter base(long v) {
        return u64(v);
    }

    public ProofWriter bases(long[] values) {
        for (long v : values) {
            u64(v);
        }
        return this;
    }

    public ProofWriter ext(Ext3 e) {
        return u64(e.c0()).u64(e.c1()).u64(e.c2());
    }

    public ProofWriter bytes(byte[] data) {
        ensure(data.length);
        System.arraycopy(data, 0, buf, size, data.length);
        size += data.length;
        return this;
    }

    /** A magic tag and version byte that open every top-level proof object. */
    public ProofWriter header(int magic, int version) {
        return u32(magic).u8(version);
    }

    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
