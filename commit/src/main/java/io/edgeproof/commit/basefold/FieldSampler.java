package io.edgeproof.commit.basefold;

import io.edgeproof.field.Goldilocks;
import io.edgeproof.field.Parallel;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Uniform Goldilocks elements for the hiding randomness, in bulk. A hiding opening at 2^20 needs about
 * 7 million of them, which a {@link SecureRandom} delivers at a few hundred MB/s; instead a fresh 256-bit
 * key is drawn from the caller's SecureRandom and expanded with the JDK's ChaCha20 keystream (RFC 8439,
 * a standard PRG; one nonce per chunk so chunks run in parallel). Words >= p (probability 2^-32 each)
 * are replaced by rejection sampling from the SecureRandom itself, so every output is exactly uniform
 * given a uniform keystream.
 */
final class FieldSampler {
    private static final int CHUNK_LONGS = 1 << 16;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private FieldSampler() {}

    static long[] uniform(SecureRandom random, int count) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        long[] out = new long[count];
        int chunks = (count + CHUNK_LONGS - 1) / CHUNK_LONGS;
        Parallel.forRange(chunks, 1, (from, to) -> {
            try {
                Cipher chacha = Cipher.getInstance("ChaCha20");
                byte[] buf = new byte[8 * CHUNK_LONGS];
                for (int c = from; c < to; c++) {
                    byte[] nonce = new byte[12];
                    nonce[0] = (byte) c;
                    nonce[1] = (byte) (c >>> 8);
                    nonce[2] = (byte) (c >>> 16);
                    nonce[3] = (byte) (c >>> 24);
                    chacha.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new ChaCha20ParameterSpec(nonce, 0));
                    int start = c * CHUNK_LONGS;
                    int len = Math.min(CHUNK_LONGS, count - start);
                    // the keystream is the encryption of zeros
                    java.util.Arrays.fill(buf, (byte) 0);
                    chacha.doFinal(buf, 0, 8 * len, buf, 0);
                    for (int i = 0; i < len; i++) {
                        out[start + i] = (long) LONGS.get(buf, 8 * i);
                    }
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("ChaCha20 is required of every JDK", e);
            }
        });
        for (int i = 0; i < count; i++) {
            while (!Goldilocks.isCanonical(out[i])) {
                out[i] = random.nextLong();
            }
        }
        java.util.Arrays.fill(key, (byte) 0);
        return out;
    }
}
