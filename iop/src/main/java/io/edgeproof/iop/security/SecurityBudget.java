package io.edgeproof.iop.security;

import io.edgeproof.commit.basefold.BasefoldParams;
import io.edgeproof.commit.basefold.BasefoldSecurity;
import io.edgeproof.iop.gkr.ClaimMerger;
import io.edgeproof.iop.lookup.RangeCheckSpec;
import io.edgeproof.iop.sumcheck.SumcheckVerifier;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The soundness of a composed protocol: every error term of every sub-protocol, in bits, and their minimum.
 *
 * <p>{@link #bits()} is the minimum over the terms, the figure the project quotes as {@code security_bits}
 * (each term is held to it). A cheating prover wins if any one term fails, so the error of the whole is at
 * most the sum of the terms: {@link #unionBoundBits()} gives that, never more than one bit or two below
 * the minimum when a few terms dominate.
 */
public final class SecurityBudget {
    private final Map<String, Double> terms = new LinkedHashMap<>();

    /** Adds one error term; {@code bits} is -log2 of its error probability (infinite for an exact step). */
    public SecurityBudget add(String term, double bits) {
        if (Double.isNaN(bits) || bits <= 0) {
            throw new IllegalArgumentException("term " + term + " has no soundness: " + bits + " bits");
        }
        if (terms.putIfAbsent(term, bits) != null) {
            throw new IllegalArgumentException("term " + term + " added twice");
        }
        return this;
    }

    /** Adds every term of a Basefold opening of {@code polynomials} polynomials of up to 2^n entries. */
    public SecurityBudget addBasefold(String name, BasefoldParams params, int numVariables, int polynomials) {
        BasefoldSecurity.Report r = BasefoldSecurity.analyse(params, numVariables, polynomials);
        return add(name + ".queries", r.queryBits())
                .add(name + ".proximity_gaps", r.proximityBits())
                .add(name + ".folding_sumcheck", r.sumcheckBits())
                .add(name + ".list_binding", r.listBits())
                .add(name + ".hash", r.hashBits());
    }

    /** The named terms in the order they were added. */
    public Map<String, Double> terms() {
        return Collections.unmodifiableMap(terms);
    }

    /** The term with the fewest bits. */
    public String weakestTerm() {
        String weakest = null;
        for (Map.Entry<String, Double> e : terms.entrySet()) {
            if (weakest == null || e.getValue() < terms.get(weakest)) {
                weakest = e.getKey();
            }
        }
        if (weakest == null) {
            throw new IllegalStateException("no terms");
        }
        return weakest;
    }

    /** The minimum over the terms, in bits. */
    public double bits() {
        return terms.get(weakestTerm());
    }

    /**
     * -log2 of the union bound: -log2(sum_i 2^-bits_i), at most {@link #bits()}. Terms with infinite bits
     * contribute nothing.
     */
    public double unionBoundBits() {
        double weakest = terms.get(weakestTerm());
        if (Double.isInfinite(weakest)) {
            return weakest;
        }
        double sum = 0;
        for (double b : terms.values()) {
            sum += Math.pow(2, weakest - b);
        }
        return weakest - Math.log(sum) / Math.log(2);
    }

    /**
     * The proof-system primitives as {@code bench primitives} runs them at 2^n: a degree-2 sumcheck, a
     * Basefold opening of one polynomial, a 16-bit range check of 2^n values by LogUp-GKR and the merge of
     * two claims. The issue's {@code security_bits}.
     */
    public static SecurityBudget primitives(int numVariables, BasefoldParams params) {
        return new SecurityBudget()
                .add("sumcheck.product_of_two", SumcheckVerifier.soundnessBits(numVariables, 2))
                .addBasefold("basefold", params, numVariables, 1)
                .add("range_check_16bit", RangeCheckSpec.unsigned(16).soundnessBits(1 << numVariables))
                .add("claim_merge", ClaimMerger.soundnessBits(numVariables, 2));
    }
}
