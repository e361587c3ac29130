package io.edgeproof.network.http;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.crypto.Keccak256;
import io.edgeproof.ledger.crypto.Secp256k1;
import io.edgeproof.ledger.crypto.Secp256k1Key;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How an API request is signed. The caller's secp256k1 key signs
 * <pre>
 * keccak256("edgeproof/api/v1" || chain id (u64 BE) || len || method || len || target || sha256(body)
 *           || timestamp (u64 BE) || len || nonce || address (20))
 * </pre>
 * where each len is a u32 BE byte count, target is the raw path with "?" and the raw query if any, and
 * the timestamp is in unix seconds. The chain id keeps a request for one deployment from being replayed
 * to another; timestamp and nonce keep it from being replayed to the same one. Signature: 64 bytes r || s,
 * low s, RFC 6979 (as device readings). The five values travel in the headers below, in hex.
 */
public final class ApiSignature {
    public static final String ADDRESS = "EdgeProof-Address";
    public static final String PUBLIC_KEY = "EdgeProof-Key";
    public static final String TIMESTAMP = "EdgeProof-Timestamp";
    public static final String NONCE = "EdgeProof-Nonce";
    public static final String SIGNATURE = "EdgeProof-Signature";
    public static final String DOMAIN = "edgeproof/api/v1";
    private static final byte[] TAG = DOMAIN.getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiSignature() {}

    /** The digest a request's signature signs. */
    public static byte[] digest(long chainId, String method, String target, byte[] body, long timestamp, String nonce,
                                Address caller) {
        byte[] m = method.getBytes(StandardCharsets.US_ASCII);
        byte[] t = target.getBytes(StandardCharsets.UTF_8);
        byte[] n = nonce.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(8 + 4 + m.length + 4 + t.length + 32 + 8 + 4 + n.length + Address.BYTES)
                .putLong(chainId).putInt(m.length).put(m).putInt(t.length).put(t).put(sha256(body))
                .putLong(timestamp).putInt(n.length).put(n).put(caller.bytes());
        return Keccak256.hash(TAG, b.array());
    }

    /** The headers that authenticate one request by {@code key}, with a fresh random nonce. */
    public static Map<String, String> headers(Secp256k1Key key, long chainId, String method, String target, byte[] body,
                                              long timestamp) {
        byte[] raw = new byte[16];
        RANDOM.nextBytes(raw);
        return headers(key, chainId, method, target, body, timestamp, HexFormat.of().formatHex(raw));
    }

    /** As {@link #headers(Secp256k1Key, long, String, String, byte[], long)} with a chosen nonce. */
    public static Map<String, String> headers(Secp256k1Key key, long chainId, String method, String target, byte[] body,
                                              long timestamp, String nonce) {
        Address caller = Address.ofPublicKey(key.publicKey());
        byte[] sig = Secp256k1.sign(key, digest(chainId, method, target, body, timestamp, nonce, caller));
        Map<String, String> h = new LinkedHashMap<>();
        h.put(ADDRESS, caller.hex());
        h.put(PUBLIC_KEY, HexFormat.of().formatHex(key.publicKey()));
        h.put(TIMESTAMP, Long.toString(timestamp));
        h.put(NONCE, nonce);
        h.put(SIGNATURE, HexFormat.of().formatHex(sig));
        return h;
    }

    static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
