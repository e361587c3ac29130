package io.edgeproof.commit.basefold;

import io.edgeproof.transcript.HashFunction;

/**
 * Parameters of the Basefold commitment, fixed per deployment and known to prover and verifier.
 *
 * @param logBlowup        log2 of the inverse code rate: codewords have 2^(n + logBlowup) entries
 * @param foldingArityLog  k: variables folded between two Merkle commitments; leaves hold cosets of 2^k
 * @param finalLogSize     folding stops at this many variables; that polynomial is sent in the clear
 * @param queries          number of query chains
 * @param grindingBits     proof-of-work bits required before the queries are drawn
 * @param regime           which proximity bound the security estimate uses
 * @param hash             the Merkle tree hash
 * @see BasefoldSecurity for how these turn into bits of security, and commit/README-pcs.md for the choice
 */
public record BasefoldParams(int logBlowup, int foldingArityLog, int finalLogSize, int queries, int grindingBits,
        ProximityRegime regime, HashFunction hash) {
    /** Largest number of variables a committed polynomial may have (codewords stay below 2^31 entries). */
    public static final int MAX_VARIABLES = 26;
    public static final int MAX_QUERIES = 1024;

    public BasefoldParams {
        if (logBlowup < 1 || logBlowup > 4) {
            throw new IllegalArgumentException("logBlowup must be in [1, 4], got " + logBlowup);
        }
        if (foldingArityLog < 1 || foldingArityLog > 6) {
            throw new IllegalArgumentException("foldingArityLog must be in [1, 6], got " + foldingArityLog);
        }
        if (finalLogSize < 0 || finalLogSize > 12) {
            throw new IllegalArgumentException("finalLogSize must be in [0, 12], got " + finalLogSize);
        }
        if (queries < 1 || queries > MAX_QUERIES) {
            throw new IllegalArgumentException("queries must be in [1, " + MAX_QUERIES + "], got " + queries);
        }
        if (grindingBits < 0 || grindingBits > 32) {
            throw new IllegalArgumentException("grindingBits must be in [0, 32], got " + grindingBits);
        }
        if (regime == null || hash == null) {
            throw new IllegalArgumentException("regime and hash are required");
        }
    }

    /**
     * The default: rate 1/4, 16-to-1 folding per commitment, a final polynomial of 2^9 coefficients, 88
     * queries and 16 bits of grinding, in the Johnson regime (proven bounds only; see README-pcs.md for the
     * cost model that picked it). At 2^20 evaluations: 103.1 bits, about 131 KB per opening.
     */
    public static BasefoldParams standard() {
        return new BasefoldParams(2, 4, 9, 88, 16, ProximityRegime.JOHNSON, HashFunction.SHA256);
    }

    /** A fast, insecure setting for unit tests: few queries, no grinding. Never use it for real proofs. */
    public static BasefoldParams insecureForTests(int logBlowup, int foldingArityLog, int finalLogSize, int queries) {
        return new BasefoldParams(logBlowup, foldingArityLog, finalLogSize, queries, 0, ProximityRegime.JOHNSON,
                HashFunction.SHA256);
    }

    public BasefoldParams withGrindingBits(int bits) {
        return new BasefoldParams(logBlowup, foldingArityLog, finalLogSize, queries, bits, regime, hash);
    }

    public BasefoldParams withRegime(ProximityRegime r) {
        return new BasefoldParams(logBlowup, foldingArityLog, finalLogSize, queries, grindingBits, r, hash);
    }

    /** Bits of security for one committed polynomial of {@code numVariables} variables. */
    public double securityBits(int numVariables) {
        return BasefoldSecurity.analyse(this, numVariables, 1).bits();
    }

    /** Bits of security for a batch of {@code polynomials} commitments, the largest of numVariables. */
    public double securityBits(int numVariables, int polynomials) {
        return BasefoldSecurity.analyse(this, numVariables, polynomials).bits();
    }
}
