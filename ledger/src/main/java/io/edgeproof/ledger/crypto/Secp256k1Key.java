package io.edgeproof.ledger.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.util.BigIntegers;

/** A secp256k1 private key (scalar in [1, n-1]) and its uncompressed public key. */
public final class Secp256k1Key {
    private final BigInteger secret;
    private final byte[] publicKey;

    private Secp256k1Key(BigInteger secret) {
        if (secret.signum() <= 0 || secret.compareTo(Secp256k1.DOMAIN.getN()) >= 0) {
            throw new IllegalArgumentException("a secp256k1 private key is in [1, n-1]");
        }
        this.secret = secret;
        this.publicKey = Secp256k1.DOMAIN.getG().multiply(secret).normalize().getEncoded(false);
    }

    /** The key with this 32-byte big-endian scalar. */
    public static Secp256k1Key fromSecret(byte[] secret32) {
        if (secret32.length != 32) {
            throw new IllegalArgumentException("a private key is 32 bytes");
        }
        return new Secp256k1Key(new BigInteger(1, secret32));
    }

    public static Secp256k1Key generate(SecureRandom random) {
        return new Secp256k1Key(BigIntegers.createRandomInRange(BigInteger.ONE,
                Secp256k1.DOMAIN.getN().subtract(BigInteger.ONE), random));
    }

    BigInteger secret() {
        return secret;
    }

    /** 32 bytes, big-endian: what a key file stores (encrypted, by the node). */
    public byte[] secretBytes() {
        return BigIntegers.asUnsignedByteArray(32, secret);
    }

    /** 65 bytes, 04 || x || y. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    public byte[] sign(byte[] digest) {
        return Secp256k1.sign(this, digest);
    }
}
