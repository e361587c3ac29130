package io.edgeproof.ledger;

import io.edgeproof.ledger.crypto.Keccak256;
import io.edgeproof.ledger.crypto.Secp256k1;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A 20-byte account address derived as Ethereum does: the last 20 bytes of keccak256 of the uncompressed
 * public key without its 04 prefix. Nodes, requesters, device and model owners are all addresses.
 */
public record Address(byte[] bytes) implements Comparable<Address> {
    public static final int BYTES = 20;

    public Address {
        if (bytes == null || bytes.length != BYTES) {
            throw new IllegalArgumentException("an address is 20 bytes");
        }
        bytes = bytes.clone();
    }

    public static Address ofPublicKey(byte[] publicKey) {
        byte[] xy = Arrays.copyOfRange(Secp256k1.uncompressed(publicKey), 1, 65);
        return new Address(Arrays.copyOfRange(Keccak256.hash(xy), 32 - BYTES, 32));
    }

    /** Parses 40 hex digits with or without 0x (no checksum casing is enforced). */
    public static Address ofHex(String hex) {
        String h = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        if (h.length() != 2 * BYTES) {
            throw new IllegalArgumentException("an address is 40 hex digits: " + hex);
        }
        return new Address(HexFormat.of().parseHex(h));
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public String hex() {
        return "0x" + HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Address a && Arrays.equals(bytes, a.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public int compareTo(Address o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
