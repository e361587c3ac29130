package io.edgeproof.iop.sumcheck;

import io.edgeproof.field.Ext3;
import io.edgeproof.field.Parallel;
import io.edgeproof.transcript.Transcript;
import java.util.ArrayList;
import java.util.List;

/**
 * The sumcheck prover for any sum of products. Each round evaluates every table at X = 0..d on every pair
 * (2j, 2j+1) by repeated addition of (hi - lo), multiplies the factors of every term and sums per chunk;
 * then folds every table with the challenge. Linear time: a round costs O(size * (tables + terms * d^2)).
 * Base tables stay in the base field until the first fold, so a term of base factors costs base products.
 */
final class GenericSumcheckProver {
    private final int numVariables;
    private final int degree;
    private final int points;
    private final int[][] factors;
    private final Ext3[] coefficients;
    private final long[][] tables;
    private final boolean[] ext;
    private final RoundAddend addend;
    private int size;

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
        factors = new int[terms.size()][];
        coefficients = new Ext3[terms.size()];
        for (int k = 0; k < terms.size(); k++) {
            factors[k] = terms.get(k).factors();
            coefficients[k] = terms.get(k).coefficient();
        }
        int n = instance.tables().size();
        tables = new long[n][];
        ext = new boolean[n];
        for (int i = 0; i < n; i++) {
            tables[i] = instance.tables().get(i).values();
            ext[i] = instance.tables().get(i).extension();
        }
        size = 1 << numVariables;
    }

    /** Requires at least one variable (the caller handles the empty sum). */
    SumcheckProverOutput prove(Transcript transcript) {
        List<RoundPolynomial> rounds = new ArrayList<>(numVariables);
        long[] point = new long[3 * numVariables];
        Ext3 claim = null;
        for (int round = 0; round < numVariables; round++) {
            long[] evaluations = roundEvaluations();
            if (addend != null) {
                long[] extra = addend.evaluations(round, java.util.Arrays.copyOf(point, 3 * round), points);
                for (int i = 0; i < evaluations.length; i++) {
                    evaluations[i] = BranchFreeArithmetic.add(evaluations[i], extra[i]);
                }
            }
            if (round == 0) {
                claim = Ext3.read(evaluations, 0).add(Ext3.read(evaluations, 1));
                SumcheckRounds.bindStatement(transcript, numVariables, degree, claim);
            }
            RoundPolynomial polynomial = RoundPolynomial.fromEvaluations(evaluations);
            rounds.add(polynomial);
            Ext3 r = SumcheckRounds.bindRound(transcript, polynomial);
            r.write(point, round);
            foldAll(r);
        }
        long[] finals = new long[3 * tables.length];
        for (int i = 0; i < tables.length; i++) {
            System.arraycopy(tables[i], 0, finals, 3 * i, 3);
        }
        return new SumcheckProverOutput(new SumcheckProof(rounds), claim, point, finals);
    }

    /** p(0), ..., p(d) of the current round, interleaved. */
    private long[] roundEvaluations() {
        int pairs = size >>> 1;
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
        long[] values = new long[3 * points * tables.length];
        for (int j = from; j < to; j++) {
            loadPair(j, values);
            for (int k = 0; k < factors.length; k++) {
                for (int t = 0; t < points; t++) {
                    accumulateProduct(factors[k], t, values, sums, 3 * (k * points + t));
                }
            }
        }
        return sums;
    }

    /** values[table][t] = lo + t (hi - lo) for t = 0..d, by repeated addition. */
    private void loadPair(int j, long[] values) {
        for (int i = 0; i < tables.length; i++) {
            long[] table = tables[i];
            int base = 3 * points * i;
            int components = ext[i] ? 3 : 1;
            for (int c = 0; c < components; c++) {
                long lo = ext[i] ? table[6 * j + c] : table[2 * j];
                long hi = ext[i] ? table[6 * j + 3 + c] : table[2 * j + 1];
                long diff = BranchFreeArithmetic.sub(hi, lo);
                long v = lo;
                for (int t = 0; t < points; t++) {
                    values[base + 3 * t + c] = v;
                    v = BranchFreeArithmetic.add(v, diff);
                }
            }
        }
    }

    /** sums[at] += prod_f values[f][t], with base-by-base and base-by-extension products where possible. */
    private void accumulateProduct(int[] termFactors, int t, long[] values, long[] sums, int at) {
        int first = termFactors[0];
        int o = 3 * (points * first + t);
        long p0 = values[o], p1 = values[o + 1], p2 = values[o + 2];
        boolean base = !ext[first];
        for (int f = 1; f < termFactors.length; f++) {
            int factor = termFactors[f];
            o = 3 * (points * factor + t);
            long v0 = values[o], v1 = values[o + 1], v2 = values[o + 2];
            if (!ext[factor]) {
                p0 = BranchFreeArithmetic.mul(p0, v0);
                if (!base) {
                    p1 = BranchFreeArithmetic.mul(p1, v0);
                    p2 = BranchFreeArithmetic.mul(p2, v0);
                }
            } else if (base) {
                p1 = BranchFreeArithmetic.mul(p0, v1);
                p2 = BranchFreeArithmetic.mul(p0, v2);
                p0 = BranchFreeArithmetic.mul(p0, v0);
                base = false;
            } else {
                long v1d = BranchFreeArithmetic.dbl(v1), v2d = BranchFreeArithmetic.dbl(v2);
                long q0 = BranchFreeArithmetic.dot3(p0, v0, p1, v2d, p2, v1d);
                long q1 = BranchFreeArithmetic.dot3(p0, v1, p1, v0, p2, v2d);
                long q2 = BranchFreeArithmetic.dot3(p0, v2, p1, v1, p2, v0);
                p0 = q0;
                p1 = q1;
                p2 = q2;
            }
        }
        sums[at] = BranchFreeArithmetic.add(sums[at], p0);
        if (!base) {
            sums[at + 1] = BranchFreeArithmetic.add(sums[at + 1], p1);
            sums[at + 2] = BranchFreeArithmetic.add(sums[at + 2], p2);
        }
    }

    private void foldAll(Ext3 r) {
        int half = size >>> 1;
        for (int i = 0; i < tables.length; i++) {
            tables[i] = Folding.fold(tables[i], ext[i], half, r);
            ext[i] = true;
        }
        size = half;
    }
}
