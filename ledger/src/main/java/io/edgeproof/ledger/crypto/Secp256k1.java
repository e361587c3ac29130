package io.edgeproof.ledger.crypto;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;

/**
 * ECDSA over secp256k1 on 32-byte digests. Signatures are 64 bytes r || s (big-endian, 32 bytes each) with
 * a deterministic nonce (RFC 6979, HMAC-SHA256) and low s (s <= n/2), so each (key, digest) has exactly one
 * signature; {@link #verify} rejects high s, making signatures non-malleable. Public keys are 65-byte
 * uncompressed (04 || x || y) or 33-byte compressed points; they are validated on decode.
 */
public final class Secp256k1 {
    public static final int SIGNATURE_BYTES = 64;
    public static final int DIGEST_BYTES = 32;

    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
    static final ECDomainParameters DOMAIN =
            new ECDomainParameters(CURVE.getCurve(), CURVE.getG(), CURVE.getN(), CURVE.getH());
    private static final BigInteger HALF_N = DOMAIN.getN().shiftRight(1);

    private Secp256k1() {}

    /** Signs a 32-byte digest; r || s, low s, deterministic. */
    public static byte[] sign(Secp256k1Key key, byte[] digest) {
        checkDigest(digest);
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, new ECPrivateKeyParameters(key.secret(), DOMAIN));
        BigInteger[] rs = signer.generateSignature(digest);
        BigInteger s = rs[1].compareTo(HALF_N) > 0 ? DOMAIN.getN().subtract(rs[1]) : rs[1];
        byte[] out = new byte[SIGNATURE_BYTES];
        BigIntegers.asUnsignedByteArray(rs[0], out, 0, 32);
        BigIntegers.asUnsignedByteArray(s, out, 32, 32);
        return out;
    }

    /**
     * True only for a well-formed 64-byte low-s signature by {@code publicKey} on {@code digest}. A key that is
     * not a valid point is never accepted (the caller validated it at registration with {@link #decodePoint}).
     */
    public static boolean verify(byte[] publicKey, byte[] digest, byte[] signature) {
        if (signature == null || signature.length != SIGNATURE_BYTES || digest == null
                || digest.length != DIGEST_BYTES) {
            return false;
        }
        BigInteger r = new BigInteger(1, java.util.Arrays.copyOfRange(signature, 0, 32));
        BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(signature, 32, 64));
        if (r.signum() == 0 || s.signum() == 0 || r.compareTo(DOMAIN.getN()) >= 0 || s.compareTo(HALF_N) > 0) {
            return false;
        }
        ECPoint q;
        try {
            q = decodePoint(publicKey);
        } catch (IllegalArgumentException e) {
            return false;
        }
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, new ECPublicKeyParameters(q, DOMAIN));
        return verifier.verifySignature(digest, r, s);
    }

    /** Decodes and validates a public key: on the curve, not infinity; throws IllegalArgumentException. */
    public static ECPoint decodePoint(byte[] publicKey) {
        if (publicKey == null || (publicKey.length != 33 && publicKey.length != 65)) {
            throw new IllegalArgumentException("a secp256k1 public key is 33 or 65 bytes");
        }
        ECPoint p = DOMAIN.getCurve().decodePoint(publicKey).normalize();
        if (p.isInfinity() || !p.isValid()) {
            throw new IllegalArgumentException("not a point of secp256k1");
        }
        return p;
    }

    /** The 65-byte uncompressed encoding of a valid public key (the form addresses are derived from). */
    public static byte[] uncompressed(byte[] publicKey) {
        return decodePoint(publicKey).getEncoded(false);
    }

    private static void checkDigest(byte[] digest) {
        if (digest.length != DIGEST_BYTES) {
            throw new IllegalArgumentException("sign a 32-byte digest, not " + digest.length + " bytes");
        }
    }
}
