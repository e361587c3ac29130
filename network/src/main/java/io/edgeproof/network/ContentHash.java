package io.edgeproof.network;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** The SHA-256 of a stored object (model or input): its name in the gateway's content-addressed store. */
public record ContentHash(byte[] bytes) {
    public static final int BYTES = 32;

    public ContentHash {
        if (bytes == null || bytes.length != BYTES) {
            throw new IllegalArgumentException("a content hash is 32 bytes");
        }
        bytes = bytes.clone();
    }

    public static ContentHash of(byte[] content) {
        try {
            return new ContentHash(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    public static ContentHash ofHex(String hex) {
        return new ContentHash(HexFormat.of().parseHex(hex));
    }

    /** True iff {@code content} is what this hash names: a fetcher checks this and trusts no store. */
    public boolean names(byte[] content) {
        return equals(of(content));
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ContentHash h && Arrays.equals(bytes, h.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
