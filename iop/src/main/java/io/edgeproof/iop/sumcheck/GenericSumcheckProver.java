package io.edgeproof.iop.sumcheck;

import io.edgeproof.field.Ext3;
import io.edgeproof.field.Parallel;
import io.edgeproof.transcript.Transcript;
import java.util.List;

/**
 * The sumcheck prover for any sum of products. Each round evaluates every table at X = 0..d on every pair
 * (2j, 2j+1) by repeated addition of (hi - lo), multiplies the factors of every term and sums per chunk;
 * then folds every table with the challenge ({@link PairTables}). Linear time: a round costs
 * O(size * (tables + terms * d^2)).
 */
final class GenericSumcheckProver {
    private final int numVariables;
    private final int degree;
    private final int points;
    private final int[][] factors;
    private final Ext3[] coefficients;
    private final PairTables tables;
    private final RoundAddend addend;

    /**
     * A polynomial added to every round polynomial, e.g. a zero-knowledge mask's contribution: its
     * evaluations at X = 0..d for a round, given the challenges of the earlier rounds.
     */
    @FunctionalInterface
    interface RoundAddend {
        long[] evaluations(int round, long[] earlierChallenges, int points);
    }

    GenericSumcheckProver(SumcheckInstance instance) {
        this(instance, null);
    }

    GenericSumcheckProver(SumcheckInstance instance, RoundAddend addend) {
        this.addend = addend;
        numVariables = instance.numVariables();
        degree = instance.degree();
        points = degree + 1;
        List<SumcheckTerm> terms = instance.expression().terms();
        factors = PairTables.factorsOf(instance.expression());
        coefficients = new Ext3[terms.size()];
        for (int k = 0; k < terms.size(); k++) {
            coefficients[k] = terms.get(k).coefficient();
        }
        tables = new PairTables(instance.tables(), numVariables);
    }

    /** Requires at least one variable (the caller handles the empty sum). */
    SumcheckProverOutput prove(Transcript transcript) {
        ProverRounds rounds = new ProverRounds(transcript, numVariables, degree);
        for (int round = 0; round < numVariables; round++) {
            long[] evaluations = roundEvaluations();
            if (addend != null) {
                long[] extra = addend.evaluations(round, rounds.challenges(), points);
                for (int i = 0; i < evaluations.length; i++) {
                    evaluations[i] = BranchFreeArithmetic.add(evaluations[i], extra[i]);
                }
            }
            tables.fold(rounds.bind(evaluations));
        }
        long[] finals = new long[3 * tables.count()];
        tables.writeFinals(finals, 0);
        return new SumcheckProverOutput(rounds.proof(), rounds.claimedSum(), rounds.point(), finals);
    }

    /** p(0), ..., p(d) of the current round, interleaved. */
    private long[] roundEvaluations() {
        int pairs = tables.size() >>> 1;
        int chunks = Folding.chunkCount(pairs);
        int width = 3 * points * factors.length;
        long[][] partials = new long[chunks][];
        Parallel.forRange(chunks, 1, (c0, c1) -> {
            for (int c = c0; c < c1; c++) {
                partials[c] = accumulate(Folding.chunkStart(c, chunks, pairs), Folding.chunkStart(c + 1, chunks, pairs));
            }
        });
        long[] termSums = new long[width];
        for (long[] partial : partials) {
            for (int i = 0; i < width; i++) {
                termSums[i] = BranchFreeArithmetic.add(termSums[i], partial[i]);
            }
        }
        long[] evaluations = new long[3 * points];
        for (int k = 0; k < factors.length; k++) {
            for (int t = 0; t < points; t++) {
                Ext3 term = Ext3.read(termSums, k * points + t).mul(coefficients[k]);
                Ext3.read(evaluations, t).add(term).write(evaluations, t);
            }
        }
        return evaluations;
    }

    /** Per term and per point, the sum over pairs [from, to) of the product of the term's factors. */
    private long[] accumulate(int from, int to) {
        long[] sums = new long[3 * points * factors.length];
        long[] values = new long[3 * points * tables.count()];
        for (int j = from; j < to; j++) {
            tables.loadPair(j, points, values);
            for (int k = 0; k < factors.length; k++) {
                for (int t = 0; t < points; t++) {
                    tables.product(factors[k], values, points, t, sums, 3 * (k * points + t), true);
                }
            }
        }
        return sums;
    }
}
