package io.edgeproof.commit.basefold;

import io.edgeproof.field.Ext3;

/**
 * The soundness calculator: every error term of a Basefold opening, in bits, and their minimum.
 *
 * <p>Terms, for n variables, rate rho = 2^-logBlowup and challenges from |F| = p^3 ~ 2^192:
 * <ul>
 *   <li><b>queries</b>: a far oracle survives one query chain with probability at most 1 - delta, so
 *       queries * -log2(1 - delta) + grindingBits;
 *   <li><b>proximity gaps</b>: each of the n - finalLogSize folds (and each extra polynomial of a batch,
 *       combined with a fresh random coefficient) may map a far word close to the code with probability
 *       epsilon(len) for the codeword length len being folded; the terms are summed;
 *   <li><b>sumcheck</b>: 2 per round over |F| (degree-2 rounds; twice as many rounds for a batch, which
 *       first reduces all points to one);
 *   <li><b>list binding</b> (Johnson only): the oracle may be close to L = 1 / (2 eta sqrt(rho)) codewords,
 *       and the opening is sound for each, so L * n / |F|;
 *   <li><b>hash</b>: 128 bits, SHA-256 collision resistance.
 * </ul>
 * In the Johnson regime eta is free: the bounds hold for every eta at once, so the calculator takes the eta
 * (through m = sqrt(rho) / (2 eta), m >= 3) that maximises the minimum.
 */
public final class BasefoldSecurity {
    public static final double HASH_BITS = 128;
    private static final int MAX_JOHNSON_M = 1 << 16;

    private BasefoldSecurity() {}

    /** The terms of one analysis, in bits (larger is better), and the delta and eta they used. */
    public record Report(double queryBits, double proximityBits, double sumcheckBits, double listBits,
            double hashBits, double delta, double eta) {
        public double bits() {
            return Math.min(Math.min(Math.min(queryBits, proximityBits), Math.min(sumcheckBits, listBits)), hashBits);
        }
    }

    public static Report analyse(BasefoldParams p, int numVariables, int polynomials) {
        if (numVariables < 0 || polynomials < 1) {
            throw new IllegalArgumentException("need numVariables >= 0 and at least one polynomial");
        }
        double logField = Ext3.LOG2_ORDER;
        int folds = Math.max(0, numVariables - p.finalLogSize());
        int rounds = (polynomials > 1 ? 2 : 1) * numVariables;
        double sumcheckBits = rounds == 0 ? Double.POSITIVE_INFINITY : logField - log2(2.0 * rounds);
        double rho = Math.pow(2, -p.logBlowup());
        if (p.regime() == ProximityRegime.UNIQUE_DECODING) {
            double delta = (1 - rho) / 2;
            double queryBits = p.queries() * -log2(1 - delta) + p.grindingBits();
            // sum of len / |F| over folded lengths, in log2: log2(sum len) - log2 |F|
            double proximityBits = logField - log2(foldedLengthSum(p, numVariables, folds, polynomials, 1));
            return new Report(queryBits, proximityBits, sumcheckBits, Double.POSITIVE_INFINITY, HASH_BITS, delta, 0);
        }
        double sqrtRho = Math.sqrt(rho);
        Report best = null;
        for (int m = 3; m <= MAX_JOHNSON_M; m++) {
            double eta = sqrtRho / (2.0 * m);
            double delta = 1 - sqrtRho - eta;
            double queryBits = p.queries() * -log2(1 - delta) + p.grindingBits();
            // (m + 1/2)^7 len^2 / (3 rho^(3/2) |F|), summed over folds
            double perLenSquared = 7 * log2(m + 0.5) - log2(3) - 1.5 * log2(rho) - logField;
            double proximityBits = -(perLenSquared + log2(foldedLengthSum(p, numVariables, folds, polynomials, 2)));
            double listSize = 1 / (2 * eta * sqrtRho);
            double listBits = logField - log2(listSize * Math.max(1, numVariables));
            Report r = new Report(queryBits, proximityBits, sumcheckBits, listBits, HASH_BITS, delta, eta);
            if (best == null || r.bits() > best.bits()) {
                best = r;
            }
            if (proximityBits < best.bits()) {
                break; // larger m only lowers the proximity term further
            }
        }
        return best;
    }

    /**
     * Sum of len^power over the codewords that get folded (lengths 2^(v + logBlowup) for v = n down to
     * finalLogSize + 1), plus one top-length term per extra batched polynomial. At least one term, so that
     * a polynomial sent in the clear still pays for its batching combination.
     */
    private static double foldedLengthSum(BasefoldParams p, int n, int folds, int polynomials, int power) {
        double sum = 0;
        for (int i = 0; i < folds; i++) {
            sum += Math.pow(2, power * (double) (n - i + p.logBlowup()));
        }
        sum += (polynomials - 1) * Math.pow(2, power * (double) (n + p.logBlowup()));
        return Math.max(sum, Math.pow(2, power * (double) p.logBlowup()));
    }

    /**
     * Expected size in bytes of a single-polynomial opening: the cost model's proof-size term. Uses the
     * expected number of distinct leaves among q uniform queries over N leaves, D(N) = N (1 - (1 - 1/N)^q),
     * and the expected sibling count of a deduplicated multi-opening, sum over levels of 2 D(level above) -
     * D(level).
     */
    public static double expectedProofBytes(BasefoldParams p, int numVariables) {
        FoldingSchedule sch = FoldingSchedule.of(p, numVariables, numVariables);
        int q = p.queries();
        double bytes = 5 + 1 + 8 + 24.0 * 3 * sch.rounds() + 24.0 * (1 << sch.finalVariables())
                + 32.0 * sch.committedLayers();
        int inputArity = FoldingSchedule.leafArity(p, numVariables);
        bytes += openingBytes(numVariables + p.logBlowup() - inputArity, 8 << inputArity, q);
        for (int s = 1; s <= sch.committedLayers(); s++) {
            int a = sch.arity(s);
            bytes += openingBytes(sch.logLength(sch.layerVariables(s)) - a, 24 << a, q);
        }
        return bytes;
    }

    /** Expected bytes of one multi-opening: leaves of rowBytes over 2^logLeaves leaves, plus siblings. */
    private static double openingBytes(int logLeaves, int rowBytes, int q) {
        double leaves = distinct(Math.pow(2, logLeaves), q);
        double siblings = 0;
        for (int level = 0; level < logLeaves; level++) {
            double here = distinct(Math.pow(2, logLeaves - level), q);
            double above = distinct(Math.pow(2, logLeaves - level - 1), q);
            siblings += 2 * above - here;
        }
        return 12 + leaves * rowBytes + 32 * siblings;
    }

    private static double distinct(double nodes, int q) {
        return nodes * (1 - Math.pow(1 - 1 / nodes, q));
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
