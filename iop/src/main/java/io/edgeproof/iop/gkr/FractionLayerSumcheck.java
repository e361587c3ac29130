package io.edgeproof.iop.gkr;

import io.edgeproof.field.Ext3;
import io.edgeproof.iop.sumcheck.BranchFreeArithmetic;
import io.edgeproof.iop.sumcheck.MultilinearTable;
import io.edgeproof.iop.sumcheck.ParallelSums;
import io.edgeproof.iop.sumcheck.RoundPolynomial;
import io.edgeproof.iop.sumcheck.SumcheckProof;
import io.edgeproof.iop.sumcheck.SumcheckProverOutput;
import io.edgeproof.iop.sumcheck.SumcheckRounds;
import io.edgeproof.iop.sumcheck.WideSums;
import io.edgeproof.transcript.Transcript;
import java.util.ArrayList;
import java.util.List;

/**
 * The sumcheck of one fraction layer, sum_y eq(r, y) g(y) with g = pL qR + pR qL + lambda qL qR, proved
 * with the eq factor kept implicit (Gruen's split of eq). Round i's polynomial is
 * <pre>  s_i(X) = c_i eq(r_i, X) t_i(X),   t_i(X) = sum_{y'} eq(r_{>i}, y') g(rho_{<i}, X, y'),</pre>
 * with c_i = eq(r_{<i}, rho_{<i}) a scalar. t_i has degree 2: the prover sums it at X = 0 and 2 with the
 * suffix eq table as weights, and recovers t_i(1) from the running claim = c_i ((1 - r_i) t_i(0) + r_i t_i(1)).
 * Per pair that is 8 extension products instead of the generic prover's 24, and the eq table is never
 * folded. When the numerators are all one (LogUp's witness leaves), g = qL + qR + lambda qL qR: 4 products. The proof is exactly the one the generic prover gives for the explicit instance (eq, pL, pR, qL,
 * qR), so {@link io.edgeproof.iop.sumcheck.SumcheckVerifier} checks it unchanged (a test compares both).
 */
final class FractionLayerSumcheck {
    private final int numVariables;
    private final long[] point;
    private final long[] lambda;
    /** pL, pR, qL, qR; the numerators are null when they are all one. */
    private final MultilinearTable[] tables;
    private final boolean unit;

    /** @param point r, the layer claim's point; tables pL, pR, qL, qR */
    FractionLayerSumcheck(long[] point, Ext3 lambda, MultilinearTable pl, MultilinearTable pr, MultilinearTable ql,
                          MultilinearTable qr) {
        this(point, lambda, new MultilinearTable[] {lift(pl), lift(pr), ql, qr}, false);
    }

    private FractionLayerSumcheck(long[] point, Ext3 lambda, MultilinearTable[] tables, boolean unit) {
        this.numVariables = point.length / 3;
        this.point = point;
        this.lambda = new long[] {lambda.c0(), lambda.c1(), lambda.c2()};
        this.tables = tables;
        this.unit = unit;
    }

    /** The same sumcheck with pL = pR = 1. */
    static FractionLayerSumcheck withUnitNumerators(long[] point, Ext3 lambda, MultilinearTable ql, MultilinearTable qr) {
        return new FractionLayerSumcheck(point, lambda, new MultilinearTable[] {null, null, ql, qr}, true);
    }

    private static MultilinearTable lift(MultilinearTable t) {
        return t.extension() ? t : MultilinearTable.ext(io.edgeproof.field.Ext3Vec.fromBase(t.values()));
    }

    /** Output laid out as the explicit instance's: final evaluations eq(r, rho), pL, pR, qL, qR. */
    SumcheckProverOutput prove(Ext3 claimedSum, Transcript transcript) {
        SumcheckRounds.bindStatement(transcript, numVariables, FractionLayerProof.DEGREE, claimedSum);
        long[][] suffixEq = suffixEqTables();
        List<RoundPolynomial> rounds = new ArrayList<>(numVariables);
        long[] rho = new long[3 * numVariables];
        Ext3 claim = claimedSum;
        Ext3 prefix = Ext3.ONE;
        for (int i = 0; i < numVariables; i++) {
            Ext3 ri = Ext3.read(point, i);
            Ext3 scale = prefix.mul(ri);
            long[] t = sums(suffixEq[i], !scale.isZero());
            Ext3 t0 = Ext3.read(t, 0), t2 = Ext3.read(t, 1);
            Ext3 oneMinusR = Ext3.ONE.sub(ri);
            Ext3 t1 = scale.isZero() ? Ext3.read(t, 2)
                    : claim.sub(prefix.mul(oneMinusR).mul(t0)).mul(scale.inverse());
            Ext3 t3 = t0.sub(t1.mulBase(3)).add(t2.mulBase(3)); // a quadratic's third difference is zero
            // eq(r, X) = (1 - r)(1 - X) + r X: at X = 2 it is 3r - 1, at X = 3 it is 5r - 2
            long[] compressed = new long[9];
            prefix.mul(oneMinusR).mul(t0).write(compressed, 0);
            prefix.mul(ri.mulBase(3).sub(Ext3.ONE)).mul(t2).write(compressed, 1);
            prefix.mul(ri.mulBase(5).sub(Ext3.ofBase(2))).mul(t3).write(compressed, 2);
            RoundPolynomial polynomial = new RoundPolynomial(compressed);
            rounds.add(polynomial);
            Ext3 r = SumcheckRounds.bindRound(transcript, polynomial);
            r.write(rho, i);
            claim = polynomial.evaluate(claim, r);
            prefix = prefix.mul(oneMinusR.mul(Ext3.ONE.sub(r)).add(ri.mul(r)));
            for (int k = unit ? 2 : 0; k < tables.length; k++) {
                tables[k] = tables[k].fold(r);
            }
        }
        long[] finals = new long[15];
        prefix.write(finals, 0);
        for (int k = 0; k < tables.length; k++) {
            (unit && k < 2 ? Ext3.ONE : tables[k].get(0)).write(finals, k + 1);
        }
        return new SumcheckProverOutput(new SumcheckProof(rounds), claimedSum, rho, finals);
    }

    /** eq(r_{>i}, .) for every round i, r_{i+1} as least significant bit; round i's table has 2^(n-1-i) entries. */
    private long[][] suffixEqTables() {
        long[][] eq = new long[numVariables][];
        if (numVariables == 0) {
            return eq;
        }
        eq[numVariables - 1] = new long[] {1, 0, 0};
        for (int i = numVariables - 1; i > 0; i--) {
            long[] next = eq[i];
            int size = next.length / 3;
            long[] table = new long[6 * size];
            long[] r = {point[3 * i], point[3 * i + 1], point[3 * i + 2]};
            for (int j = 0; j < size; j++) {
                BranchFreeArithmetic.mulExt(next, j, r, 0, table, 2 * j + 1);  // x_{i+1} = 1: times r_{i+1}
                for (int c = 0; c < 3; c++) {                                 // x_{i+1} = 0: times 1 - r_{i+1}
                    table[6 * j + c] = BranchFreeArithmetic.sub(next[3 * j + c], table[6 * j + 3 + c]);
                }
            }
            eq[i - 1] = table;
        }
        return eq;
    }

    /** t(0), t(2) and, when the claim cannot give it, t(1): weighted sums of g over the current pairs. */
    private long[] sums(long[] weights, boolean deriveOne) {
        long[] pl = unit ? null : tables[0].values(), pr = unit ? null : tables[1].values();
        long[] ql = tables[2].values(), qr = tables[3].values();
        int pairs = weights.length / 3;
        int points = deriveOne ? 2 : 3;
        return ParallelSums.sum(pairs, points, (from, to, out, at) -> {
            long[] acc = new long[9 * points];
            long[] v = new long[18];
            for (int j = from; j < to; j++) {
                for (int x = 0; x < points; x++) {
                    int xValue = x == 0 ? 0 : x == 1 ? 2 : 1;
                    load(ql, j, xValue, v, 2);
                    load(qr, j, xValue, v, 3);
                    if (unit) {
                        unitNumeratorsSummand(v);
                    } else {
                        load(pl, j, xValue, v, 0);
                        load(pr, j, xValue, v, 1);
                        summand(v);
                    }
                    addWeighted(v, weights, j, acc, 9 * x);
                }
            }
            for (int k = 0; k < 3 * points; k++) {
                out[at + k] = WideSums.reduce(acc, 3 * k);
            }
        });
    }

    /** v[slot] = the table's restriction to the pair j at X = 0, 1 or 2 (lo, hi, 2 hi - lo). */
    private static void load(long[] table, int j, int x, long[] v, int slot) {
        int lo = 6 * j, o = 3 * slot;
        for (int c = 0; c < 3; c++) {
            long l = table[lo + c], h = table[lo + 3 + c];
            v[o + c] = x == 0 ? l : x == 1 ? h : BranchFreeArithmetic.sub(BranchFreeArithmetic.dbl(h), l);
        }
    }

    /** v[5] = g = pL qR + qL (pR + lambda qR), from v = (pL, pR, qL, qR, scratch, g). */
    private void summand(long[] v) {
        BranchFreeArithmetic.mulExt(lambda, 0, v, 3, v, 4);
        for (int c = 0; c < 3; c++) {
            v[12 + c] = BranchFreeArithmetic.add(v[3 + c], v[12 + c]);
        }
        BranchFreeArithmetic.mulAddExt(v, 0, v, 3, v, 2, v, 4, v, 5);
    }

    /** v[5] = g = qL + qR + (lambda qL) qR, for numerators all one. */
    private void unitNumeratorsSummand(long[] v) {
        BranchFreeArithmetic.mulExt(lambda, 0, v, 2, v, 4);
        BranchFreeArithmetic.mulExt(v, 4, v, 3, v, 5);
        for (int c = 0; c < 3; c++) {
            v[15 + c] = BranchFreeArithmetic.add(v[15 + c], BranchFreeArithmetic.add(v[6 + c], v[9 + c]));
        }
    }

    /** acc[at..at+9) += w_j g, with g in v[5]. */
    private static void addWeighted(long[] v, long[] weights, int j, long[] acc, int at) {
        int w = 3 * j;
        long g0 = v[15], g1 = v[16], g2 = v[17];
        long g1d = BranchFreeArithmetic.dbl(g1), g2d = BranchFreeArithmetic.dbl(g2);
        long w0 = weights[w], w1 = weights[w + 1], w2 = weights[w + 2];
        WideSums.addDot3(acc, at, w0, g0, w1, g2d, w2, g1d);
        WideSums.addDot3(acc, at + 3, w0, g1, w1, g0, w2, g2d);
        WideSums.addDot3(acc, at + 6, w0, g2, w1, g1, w2, g0);
    }
}
