package io.edgeproof.commit.basefold;

/**
 * Which layers an opening commits to. Folding starts at n = the largest number of variables in the
 * batch and stops at {@code finalVariables}; each step folds up to k variables. Layer s has
 * {@code layerVariables[s]} variables; layers 1..L-1 are Merkle-committed by the prover with leaves of
 * 2^arity(s) elements, layer 0 is the sum of the committed inputs, and layer L is sent in the clear.
 * Prover and verifier derive it the same way from the parameters and the batch sizes.
 */
final class FoldingSchedule {
    private final int[] layerVariables;
    private final int logBlowup;

    private FoldingSchedule(int[] layerVariables, int logBlowup) {
        this.layerVariables = layerVariables;
        this.logBlowup = logBlowup;
    }

    /** For a batch whose polynomials have between {@code minVariables} and {@code maxVariables} variables. */
    static FoldingSchedule of(BasefoldParams p, int maxVariables, int minVariables) {
        int last = Math.min(p.finalLogSize(), minVariables);
        int steps = (maxVariables - last + p.foldingArityLog() - 1) / p.foldingArityLog();
        int[] vars = new int[steps + 1];
        vars[0] = maxVariables;
        for (int s = 1; s <= steps; s++) {
            vars[s] = Math.max(vars[s - 1] - p.foldingArityLog(), last);
        }
        return new FoldingSchedule(vars, p.logBlowup());
    }

    /** Leaves of a committed polynomial with this many variables hold 2^leafArity elements. */
    static int leafArity(BasefoldParams p, int numVariables) {
        return Math.min(p.foldingArityLog(), numVariables);
    }

    int numVariables() {
        return layerVariables[0];
    }

    int finalVariables() {
        return layerVariables[layerVariables.length - 1];
    }

    /** Number of folding steps L. */
    int steps() {
        return layerVariables.length - 1;
    }

    int layerVariables(int s) {
        return layerVariables[s];
    }

    int arity(int s) {
        return layerVariables[s] - layerVariables[s + 1];
    }

    /** Sumcheck rounds interleaved with folding: n - finalVariables. */
    int rounds() {
        return numVariables() - finalVariables();
    }

    /** Number of prover-committed layers (1..L-1). */
    int committedLayers() {
        return Math.max(0, steps() - 1);
    }

    /** log2 of the codeword length at a layer with {@code vars} variables. */
    int logLength(int vars) {
        return vars + logBlowup;
    }

    /**
     * Queries are positions of layer 1 (the result of the first step), or of layer 0 when nothing is
     * folded: each names one coset per step.
     */
    int queryLogBound() {
        return steps() == 0 ? logLength(numVariables()) : logLength(layerVariables[1]);
    }

    /**
     * The position, at layer s + 1, that query {@code q} folds into after step s (s = -1 gives q's
     * position at layer 0 when there is no step).
     */
    int positionAfterStep(int q, int s) {
        int shift = 0;
        for (int t = 1; t <= s; t++) {
            shift += arity(t);
        }
        return q >>> shift;
    }
}
