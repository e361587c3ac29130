package io.edgeproof.ledger;

import java.util.Arrays;
import java.util.HexFormat;

/** The 32-byte model id that {@code ZkmlProver.setup} derives (SHA-256 over the verifier key's contents). */
public record ModelId(byte[] bytes) {
    public static final int BYTES = 32;

    public ModelId {
        if (bytes == null || bytes.length != BYTES) {
            throw new IllegalArgumentException("a model id is 32 bytes");
        }
        bytes = bytes.clone();
    }

    public static ModelId ofHex(String hex) {
        return new ModelId(HexFormat.of().parseHex(hex));
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
        return o instanceof ModelId m && Arrays.equals(bytes, m.bytes);
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
