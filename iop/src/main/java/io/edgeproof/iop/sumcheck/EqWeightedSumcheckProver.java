package io.edgeproof.iop.sumcheck;

import io.edgeproof.commit.poly.SplitEq;
import io.edgeproof.field.Ext3;
import io.edgeproof.field.Goldilocks;
import io.edgeproof.field.Parallel;
import io.edgeproof.transcript.Transcript;
import java.util.List;

/**
 * Proves sum_b eq(tau, b) e(P_1(b), ..., P_m(b)) - a zero-check, or any eq-weighted sum - giving exactly
 * the rounds of the generic prover on the tables (eq(tau), P_1, ..., P_m) with eq a factor of every term,
 * without tabulating or folding eq (Gruen, "Some improvements for the PIOP for ZeroCheck", 2024).
 *
 * <p>With r bound for x_1..x_k, round k's polynomial is s(X) = eq(tau_<k, r) eq(tau_k, X) q(X), where
 * q(X) = sum_b' eq(tau_>k, b') e(P(r, X, b')) has the degree D of e, one less than s. The prover sums q at
 * the nodes 0, 2, ..., D and recovers q(1) from the running claim (s(0) + s(1)), then q(D + 1) by
 * interpolation: D sums per pair instead of the generic prover's D + 2, none multiplied by eq inside the
 * terms. eq(tau_>k, .) is kept as two half-size factors ({@link SplitEq}); the inner sums over its low
 * factor are 192-bit and reduced once per block. In the first round base tables stay in the base field,
 * so a term costs base products.
 */
final class EqWeightedSumcheckProver {
    private final long[] tau;
    private final int numVariables;
    private final int degree;
    private final int[][] factors;
    /** Per term: its coefficient as a base element when it is one, else -1 (and {@link #coefficients}). */
    private final long[] baseCoefficient;
    private final Ext3[] coefficients;
    private final PairTables tables;
    private final long[] extrapolation;
    private SplitEq suffix;

    /** {@code inner} is e over the P_i; {@code tau} has as many coordinates as the tables have variables. */
    EqWeightedSumcheckProver(long[] tau, SumcheckInstance inner) {
        numVariables = inner.numVariables();
        if (tau.length != 3 * numVariables || numVariables == 0) {
            throw new IllegalArgumentException("eq point of " + tau.length / 3 + " coordinates for a sum over "
                    + numVariables + " variables");
        }
        this.tau = tau.clone();
        degree = inner.degree();
        List<SumcheckTerm> terms = inner.expression().terms();
        factors = PairTables.factorsOf(inner.expression());
        baseCoefficient = new long[terms.size()];
        coefficients = new Ext3[terms.size()];
        for (int k = 0; k < terms.size(); k++) {
            coefficients[k] = terms.get(k).coefficient();
            boolean base = coefficients[k].c1() == 0 && coefficients[k].c2() == 0;
            baseCoefficient[k] = base ? coefficients[k].c0() : -1;
        }
        tables = new PairTables(inner.tables(), numVariables);
        extrapolation = extrapolationWeights(degree);
        suffix = SplitEq.of(tau, 1, numVariables);
    }

    /** Output finals: eq(tau, r) first, then each P_i(r), as the generic prover's tables (eq, P_1, ...). */
    SumcheckProverOutput prove(Transcript transcript) {
        ProverRounds rounds = new ProverRounds(transcript, numVariables, degree + 1);
        Ext3 prefix = Ext3.ONE;
        Ext3 claim = null;
        for (int round = 0; round < numVariables; round++) {
            Ext3 t = Ext3.read(tau, round);
            Ext3 scale = round == 0 ? Ext3.ZERO : prefix.mul(t);
            boolean derive = !scale.isZero();
            long[] q = sums(derive);
            if (derive) {
                // claim = prefix ((1 - t) q(0) + t q(1))
                claim.sub(prefix.mul(Ext3.ONE.sub(t)).mul(Ext3.read(q, 0))).mul(scale.inverse()).write(q, 1);
            }
            Ext3 r = rounds.bind(roundEvaluations(q, prefix, t));
            claim = rounds.last().evaluate(round == 0 ? rounds.claimedSum() : claim, r);
            // eq(t, r) = 1 - t - r + 2 t r
            Ext3 tr = t.mul(r);
            prefix = prefix.mul(Ext3.ONE.sub(t).sub(r).add(tr).add(tr));
            tables.fold(r);
            if (tables.size() > 1) {
                suffix = suffix.halve();
            }
        }
        long[] finals = new long[3 * (tables.count() + 1)];
        prefix.write(finals, 0);
        tables.writeFinals(finals, 1);
        return new SumcheckProverOutput(rounds.proof(), rounds.claimedSum(), rounds.point(), finals);
    }

    /** s(X) = prefix eq(t, X) q(X) at X = 0..D+1, with q(D + 1) interpolated from q(0..D). */
    private long[] roundEvaluations(long[] q, Ext3 prefix, Ext3 t) {
        int points = degree + 2;
        long[] out = new long[3 * points];
        Ext3 last = Ext3.ZERO;
        for (int i = 0; i <= degree; i++) {
            last = last.add(Ext3.read(q, i).mulBase(extrapolation[i]));
        }
        for (int x = 0; x < points; x++) {
            Ext3 qx = x <= degree ? Ext3.read(q, x) : last;
            // eq(t, x) = (1 - t)(1 - x) + t x = 1 - t - x + 2 t x
            Ext3 eq = Ext3.ONE.sub(t).addBase(Goldilocks.neg(x)).add(t.mulBase(2L * x));
            prefix.mul(eq).mul(qx).write(out, x);
        }
        return out;
    }

    /** q at the nodes 0..D, interleaved; node 1 is left zero when {@code skipOne} (the caller derives it). */
    private long[] sums(boolean skipOne) {
        int pairs = tables.size() >>> 1;
        int[] nodes = new int[skipOne ? degree : degree + 1];
        for (int i = 0, x = 0; i < nodes.length; x++) {
            if (!(skipOne && x == 1)) {
                nodes[i++] = x;
            }
        }
        int chunks = Folding.chunkCount(pairs);
        long[][] partials = new long[chunks][];
        SplitEq eq = suffix;
        Parallel.forRange(chunks, 1, (c0, c1) -> {
            for (int c = c0; c < c1; c++) {
                partials[c] = accumulate(eq, nodes, Folding.chunkStart(c, chunks, pairs),
                        Folding.chunkStart(c + 1, chunks, pairs));
            }
        });
        long[] q = new long[3 * (degree + 1)];
        for (long[] partial : partials) {
            for (int i = 0; i < nodes.length; i++) {
                for (int c = 0; c < 3; c++) {
                    int at = 3 * nodes[i] + c;
                    q[at] = BranchFreeArithmetic.add(q[at], partial[3 * i + c]);
                }
            }
        }
        return q;
    }

    /**
     * Per node, sum over pairs [from, to) of eq(tau_>k, j) e(P(x, j)): the inner sums against eq's low
     * factor stay unreduced (192 bits) within a block of the low factor, then one product by the high factor.
     */
    private long[] accumulate(SplitEq eq, int[] nodes, int from, int to) {
        int n = nodes.length;
        long[] out = new long[3 * n];
        long[] wide = new long[9 * n];
        int points = degree + 1; // every node 0..D is loaded (additions are cheap); products only at nodes
        long[] values = new long[3 * points * tables.count()];
        long[] inner = new long[4];
        long[] product = new long[3];
        long[] lo = eq.lo;
        long[] hi = eq.hi;
        int mask = (1 << eq.loLog) - 1;
        for (int j = from; j < to; j++) {
            tables.loadPair(j, points, values);
            int l = 3 * (j & mask);
            long e0 = lo[l], e1 = lo[l + 1], e2 = lo[l + 2];
            long e1d = BranchFreeArithmetic.dbl(e1), e2d = BranchFreeArithmetic.dbl(e2);
            for (int i = 0; i < n; i++) {
                innerValue(values, nodes[i], points, product, inner);
                int w = 9 * i;
                if (inner[3] != 0) {
                    WideSums.addProduct(wide, w, inner[0], e0);
                    WideSums.addProduct(wide, w + 3, inner[0], e1);
                    WideSums.addProduct(wide, w + 6, inner[0], e2);
                } else {
                    long a0 = inner[0], a1 = inner[1], a2 = inner[2];
                    WideSums.addDot3(wide, w, a0, e0, a1, e2d, a2, e1d);
                    WideSums.addDot3(wide, w + 3, a0, e1, a1, e0, a2, e2d);
                    WideSums.addDot3(wide, w + 6, a0, e2, a1, e1, a2, e0);
                }
            }
            if ((j & mask) == mask || j == to - 1) {
                int h = 3 * (j >>> eq.loLog);
                long h0 = hi[h], h1 = hi[h + 1], h2 = hi[h + 2];
                long h1d = BranchFreeArithmetic.dbl(h1), h2d = BranchFreeArithmetic.dbl(h2);
                for (int i = 0; i < n; i++) {
                    int w = 9 * i;
                    long u0 = WideSums.reduce(wide, w), u1 = WideSums.reduce(wide, w + 3), u2 = WideSums.reduce(wide, w + 6);
                    int o = 3 * i;
                    out[o] = BranchFreeArithmetic.add(out[o], BranchFreeArithmetic.dot3(u0, h0, u1, h2d, u2, h1d));
                    out[o + 1] = BranchFreeArithmetic.add(out[o + 1], BranchFreeArithmetic.dot3(u0, h1, u1, h0, u2, h2d));
                    out[o + 2] = BranchFreeArithmetic.add(out[o + 2], BranchFreeArithmetic.dot3(u0, h2, u1, h1, u2, h0));
                }
                java.util.Arrays.fill(wide, 0);
            }
        }
        return out;
    }

    /**
     * inner[0..3) = e(P) at one node; inner[3] = 1 when it is a base element (every product and coefficient
     * in the base field), so the caller can take three base products against eq instead of nine.
     */
    private void innerValue(long[] values, int node, int points, long[] product, long[] inner) {
        long b = 0, x0 = 0, x1 = 0, x2 = 0;
        boolean anyExt = false;
        for (int k = 0; k < factors.length; k++) {
            boolean base = tables.product(factors[k], values, points, node, product, 0, false);
            long p0 = product[0], p1 = product[1], p2 = product[2];
            long cb = baseCoefficient[k];
            if (cb >= 0) {
                if (base) {
                    b = BranchFreeArithmetic.add(b, BranchFreeArithmetic.mul(p0, cb));
                } else {
                    x0 = BranchFreeArithmetic.add(x0, BranchFreeArithmetic.mul(p0, cb));
                    x1 = BranchFreeArithmetic.add(x1, BranchFreeArithmetic.mul(p1, cb));
                    x2 = BranchFreeArithmetic.add(x2, BranchFreeArithmetic.mul(p2, cb));
                    anyExt = true;
                }
            } else {
                Ext3 c = coefficients[k];
                long c0 = c.c0(), c1 = c.c1(), c2 = c.c2();
                if (base) {
                    x0 = BranchFreeArithmetic.add(x0, BranchFreeArithmetic.mul(p0, c0));
                    x1 = BranchFreeArithmetic.add(x1, BranchFreeArithmetic.mul(p0, c1));
                    x2 = BranchFreeArithmetic.add(x2, BranchFreeArithmetic.mul(p0, c2));
                } else {
                    long c1d = BranchFreeArithmetic.dbl(c1), c2d = BranchFreeArithmetic.dbl(c2);
                    x0 = BranchFreeArithmetic.add(x0, BranchFreeArithmetic.dot3(p0, c0, p1, c2d, p2, c1d));
                    x1 = BranchFreeArithmetic.add(x1, BranchFreeArithmetic.dot3(p0, c1, p1, c0, p2, c2d));
                    x2 = BranchFreeArithmetic.add(x2, BranchFreeArithmetic.dot3(p0, c2, p1, c1, p2, c0));
                }
                anyExt = true;
            }
        }
        inner[0] = BranchFreeArithmetic.add(b, x0);
        inner[1] = x1;
        inner[2] = x2;
        inner[3] = anyExt ? 0 : 1;
    }

    /** L_i(D + 1) for the nodes 0..D: q(D + 1) = sum_i q(i) L_i(D + 1). */
    private static long[] extrapolationWeights(int d) {
        long[] w = new long[d + 1];
        for (int i = 0; i <= d; i++) {
            long num = 1, den = 1;
            for (int j = 0; j <= d; j++) {
                if (j != i) {
                    num = Goldilocks.mul(num, Goldilocks.fromSigned(d + 1 - j));
                    den = Goldilocks.mul(den, Goldilocks.fromSigned(i - j));
                }
            }
            w[i] = Goldilocks.mul(num, Goldilocks.inverse(den));
        }
        return w;
    }
}
