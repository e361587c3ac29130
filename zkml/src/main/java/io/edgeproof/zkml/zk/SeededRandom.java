package io.edgeproof.zkml.zk;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;
import javax.crypto.Cipher;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A deterministic {@link SecureRandom}: the ChaCha20 keystream (RFC 8439, nonce 0) under a secret 256-bit
 * seed. A hiding commitment made with it can be re-made, byte for byte, from the same table and seed: the
 * weight commitment when a prover key is loaded, and a device's input commitment when the prover opens it.
 * The seed is as secret as the committed table; a fresh one comes from a real SecureRandom.
 */
final class SeededRandom extends SecureRandom {
    static final int SEED_BYTES = 32;

    SeededRandom(byte[] seed) {
        super(new KeystreamSpi(seed), null);
    }

    /** A fresh uniform seed from the platform's SecureRandom. */
    static byte[] freshSeed(SecureRandom random) {
        byte[] seed = new byte[SEED_BYTES];
        random.nextBytes(seed);
        return seed;
    }

    private static final class KeystreamSpi extends SecureRandomSpi {
        private final Cipher chacha;

        KeystreamSpi(byte[] seed) {
            if (seed == null || seed.length != SEED_BYTES) {
                throw new IllegalArgumentException("a seed has " + SEED_BYTES + " bytes");
            }
            try {
                chacha = Cipher.getInstance("ChaCha20");
                chacha.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(seed, "ChaCha20"),
                        new ChaCha20ParameterSpec(new byte[12], 0));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("ChaCha20 is required of every JDK", e);
            }
        }

        @Override
        protected void engineSetSeed(byte[] seed) {
            throw new UnsupportedOperationException("a seeded keystream cannot be reseeded");
        }

        @Override
        protected synchronized void engineNextBytes(byte[] bytes) {
            if (bytes.length == 0) {
                return;
            }
            // the keystream is the encryption of zeros; the cipher continues where the last call stopped
            byte[] ks = chacha.update(new byte[bytes.length]);
            System.arraycopy(ks, 0, bytes, 0, bytes.length);
        }

        @Override
        protected byte[] engineGenerateSeed(int numBytes) {
            byte[] out = new byte[numBytes];
            engineNextBytes(out);
            return out;
        }
    }
}
