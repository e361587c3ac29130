package io.edgeproof.transcript;

/**
 * A 32-byte hash, one instance per thread (instances keep internal state and are not thread-safe).
 * Obtain instances from {@link HashFunction#newHasher()}.
 */
public interface Hasher {
    int DIGEST_BYTES = 32;

    /** Hashes {@code in[off, off+len)} into {@code out[outOff, outOff+32)}. */
    void hash(byte[] in, int off, int len, byte[] out, int outOff);

    default byte[] hash(byte[] in) {
        byte[] out = new byte[DIGEST_BYTES];
        hash(in, 0, in.length, out, 0);
        return out;
    }
}
