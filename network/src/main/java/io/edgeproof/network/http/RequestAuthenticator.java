package io.edgeproof.network.http;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.crypto.Secp256k1;
import io.edgeproof.network.persist.SeenNonces;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Checks a request's {@link ApiSignature} headers and returns the caller's address, or throws a 401
 * {@link ApiException}: headers missing or unreadable, a key that is not the claimed address's, a timestamp
 * outside {@code ±window} seconds of the gateway's clock, a signature that does not verify, or a nonce this
 * caller used before. The nonce is recorded only for a request whose signature verifies, so nobody can burn
 * another caller's nonces.
 */
final class RequestAuthenticator {
    private static final Pattern NONCE = Pattern.compile("[0-9a-fA-F]{16,64}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");

    private final long chainId;
    private final long window;
    private final InstantSource clock;
    private final SeenNonces nonces;

    RequestAuthenticator(long chainId, long windowSeconds, InstantSource clock, SeenNonces nonces) {
        this.chainId = chainId;
        this.window = windowSeconds;
        this.clock = clock;
        this.nonces = nonces;
    }

    long window() {
        return window;
    }

    /** {@code header} looks a header up by name (null if absent); {@code target} is the raw path and query. */
    Address authenticate(String method, String target, UnaryOperator<String> header, byte[] body) {
        String addressHex = header.apply(ApiSignature.ADDRESS);
        String keyHex = header.apply(ApiSignature.PUBLIC_KEY);
        String timestamp = header.apply(ApiSignature.TIMESTAMP);
        String nonce = header.apply(ApiSignature.NONCE);
        String signatureHex = header.apply(ApiSignature.SIGNATURE);
        if (addressHex == null || keyHex == null || timestamp == null || nonce == null || signatureHex == null) {
            throw ApiException.unauthenticated("MISSING_SIGNATURE", "the request is not signed: it needs the headers "
                    + String.join(", ", ApiSignature.ADDRESS, ApiSignature.PUBLIC_KEY, ApiSignature.TIMESTAMP,
                    ApiSignature.NONCE, ApiSignature.SIGNATURE));
        }
        Address claimed;
        byte[] key;
        byte[] signature;
        try {
            claimed = Address.ofHex(addressHex);
            key = HexFormat.of().parseHex(keyHex);
            signature = HexFormat.of().parseHex(signatureHex);
            Secp256k1.decodePoint(key);
        } catch (IllegalArgumentException e) {
            throw ApiException.unauthenticated("BAD_SIGNATURE", "unreadable signature headers: " + e.getMessage());
        }
        if (!DIGITS.matcher(timestamp).matches() || !NONCE.matcher(nonce).matches()) {
            throw ApiException.unauthenticated("BAD_SIGNATURE", ApiSignature.TIMESTAMP + " must be unix seconds and "
                    + ApiSignature.NONCE + " 16-64 hex digits");
        }
        if (!Address.ofPublicKey(key).equals(claimed)) {
            throw ApiException.unauthenticated("KEY_NOT_ADDRESS", "the public key is not the key of " + claimed);
        }
        long ts = Long.parseLong(timestamp);
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - ts) > window) {
            throw ApiException.unauthenticated("STALE_TIMESTAMP", "the request was signed at " + ts + ", the gateway's"
                    + " clock reads " + now + " (allowed difference " + window + " s): check the caller's clock");
        }
        byte[] digest = ApiSignature.digest(chainId, method, target, body, ts, nonce, claimed);
        if (!Secp256k1.verify(key, digest, signature)) {
            throw ApiException.unauthenticated("BAD_SIGNATURE", "the signature does not verify for " + method + " "
                    + target + " under " + claimed + " on chain " + chainId);
        }
        if (!nonces.claim(claimed, nonce.toLowerCase(), ts)) {
            throw ApiException.unauthenticated("REPLAYED_NONCE", "nonce " + nonce + " was already used by " + claimed);
        }
        return claimed;
    }
}
