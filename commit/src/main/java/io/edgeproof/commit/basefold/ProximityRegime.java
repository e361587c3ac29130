package io.edgeproof.commit.basefold;

/**
 * How far from the Reed-Solomon code a cheating oracle may be before the query phase catches it, and
 * which proven theorem bounds the folding error at that distance.
 */
public enum ProximityRegime {
    /**
     * delta = (1 - rho) / 2, half the minimum distance: every word has at most one codeword that close,
     * and each fold is bounded by the unique-decoding proximity gap of Ben-Sasson, Carmon, Ishai,
     * Kopparty and Saraf (2020), epsilon <= n / |F|. Needs the most queries.
     */
    UNIQUE_DECODING,
    /**
     * delta = 1 - sqrt(rho) - eta, up to the Johnson bound: each fold is bounded by BCIKS20 Thm 1.5,
     * epsilon <= (m + 1/2)^7 n^2 / (3 rho^(3/2) |F|) with m = max(ceil(sqrt(rho) / (2 eta)), 3), and an
     * oracle may be close to a list of up to 1 / (2 eta sqrt(rho)) codewords (Johnson bound), which costs
     * a binding term. Proven, not conjectured; fewer queries than unique decoding.
     */
    JOHNSON
}
