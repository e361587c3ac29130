package io.edgeproof.transcript;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.Blake3Digest;
import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * The hash functions EdgeProof can build Merkle trees and transcripts on. SHA-256 is the default: the
 * JDK compiles it to the CPU's SHA extensions, which made it the fastest of the three on our machines
 * (see README, "Choice of hash"), and the EVM has it as a precompile, so an on-chain verifier stays
 * possible. Keccak-256 (cheapest natively on the EVM) and BLAKE3 are measured beside it.
 */
public enum HashFunction {
    SHA256 {
        @Override
        public Hasher newHasher() {
            MessageDigest md;
            try {
                md = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK lacks SHA-256", e);
            }
            return (in, off, len, out, outOff) -> {
                md.update(in, off, len);
                try {
                    md.digest(out, outOff, DIGEST_LENGTH);
                } catch (DigestException e) {
                    throw new IllegalArgumentException("output buffer too small for a digest", e);
                }
            };
        }
    },
    KECCAK256 {
        @Override
        public Hasher newHasher() {
            return bouncyCastle(new KeccakDigest(256));
        }
    },
    BLAKE3 {
        @Override
        public Hasher newHasher() {
            return bouncyCastle(new Blake3Digest(256));
        }
    };

    static final int DIGEST_LENGTH = Hasher.DIGEST_BYTES;

    /** A fresh, single-threaded hasher. */
    public abstract Hasher newHasher();

    private static Hasher bouncyCastle(Digest digest) {
        return (in, off, len, out, outOff) -> {
            digest.update(in, off, len);
            digest.doFinal(out, outOff);
        };
    }
}
