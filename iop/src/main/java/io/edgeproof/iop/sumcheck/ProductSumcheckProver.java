package io.edgeproof.iop.sumcheck;

import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import io.edgeproof.transcript.Transcript;
import java.util.ArrayList;
import java.util.List;

/**
 * Fast path for c * sum_b A(b) B(b), the shape of the benchmark and of every claim reduction. Produces the
 * same proof as the generic prover (a test checks it), with less work:
 * <ul>
 *   <li>a round sums only A(0) B(0) and the leading coefficient dA dB (d = hi - lo): with p(1) = claim -
 *       p(0) they fix p(2) = 2 p(1) - p(0) + 2 lead;</li>
 *   <li>products are summed in 192 bits ({@link WideSums}) and reduced once per chunk;</li>
 *   <li>on base tables, rounds 1 and 2 stay in the base field: after round 1, A'(j) = a + r_1 da with a,
 *       da in the base field, so round 2's sums expand into base sums times 1, r_1, r_1^2. Round 3 then
 *       folds two variables at once with the weights eq((r_1, r_2), .), skipping one extension fold;</li>
 *   <li>each later round folds with the previous challenge inside its evaluation loop (one pass over the
 *       tables), the folded tables ping-pong between two buffers.</li>
 * </ul>
 */
final class ProductSumcheckProver {
    /** Positions of the sums in a result: A0 B0, the leading coefficient dA dB, then A1 B1 (round 1). */
    private static final int ZERO = 0, LEAD = 1, ONE = 2;
    /** How a fused round obtains its entries: fold an extension or base pair, or fold four base entries. */
    private static final int EXT_ONE = 0, BASE_ONE = 1, BASE_TWO = 2;

    private ProductSumcheckProver() {}

    /** Requires at least one variable. */
    static SumcheckProverOutput prove(MultilinearTable a, MultilinearTable b, Ext3 coefficient, Transcript transcript) {
        int n = a.numVariables();
        boolean base = !a.extension() && !b.extension();
        long[] first = base ? firstRoundBase(a.values(), b.values())
                : sumPairs(a.asExtension(), b.asExtension(), a.size() >>> 1);
        Ext3 claimedSum = Ext3.read(first, ZERO).add(Ext3.read(first, ONE)).mul(coefficient);
        SumcheckRounds.bindStatement(transcript, n, 2, claimedSum);
        RoundDriver driver = new RoundDriver(transcript, coefficient, claimedSum, n);
        Ext3 r = driver.next(first);

        long[] srcA = a.values(), srcB = b.values();
        int kindA = a.extension() ? EXT_ONE : BASE_ONE, kindB = b.extension() ? EXT_ONE : BASE_ONE;
        long[] weights = null;
        if (base && n >= 2) {
            Ext3 r1 = r;
            r = driver.next(secondRoundBase(srcA, srcB, r1));
            weights = Multilinear.eqTable(new long[] {r1.c0(), r1.c1(), r1.c2(), r.c0(), r.c1(), r.c2()});
            kindA = BASE_TWO;
            kindB = BASE_TWO;
        }
        long[][] buffersA = new long[2][], buffersB = new long[2][];
        for (int round = driver.rounds(); round < n; round++) {
            int pairs = 1 << (n - round - 1);
            int slot = round & 1;
            if (buffersA[slot] == null) {
                buffersA[slot] = new long[6 * pairs];
                buffersB[slot] = new long[6 * pairs];
            }
            long[] sums = foldAndSum(kindA, srcA, kindB, srcB, new Folding.Challenge(r), weights,
                    buffersA[slot], buffersB[slot], pairs);
            r = driver.next(sums);
            srcA = buffersA[slot];
            srcB = buffersB[slot];
            kindA = EXT_ONE;
            kindB = EXT_ONE;
        }
        long[] finals = new long[6];
        Folding.Challenge last = new Folding.Challenge(r);
        fold(kindA, srcA, 0, last, weights, finals, 0);
        fold(kindB, srcB, 0, last, weights, finals, 1);
        return new SumcheckProverOutput(driver.proof(), claimedSum, driver.point(), finals);
    }

    /** Turns each round's sums into the compressed polynomial, binds it and keeps the running claim. */
    private static final class RoundDriver {
        private final Transcript transcript;
        private final Ext3 coefficient;
        private final List<RoundPolynomial> rounds;
        private final long[] point;
        private Ext3 claim;

        RoundDriver(Transcript transcript, Ext3 coefficient, Ext3 claimedSum, int n) {
            this.transcript = transcript;
            this.coefficient = coefficient;
            this.claim = claimedSum;
            this.rounds = new ArrayList<>(n);
            this.point = new long[3 * n];
        }

        /** p(0) = c Z, p(1) = claim - p(0), p(2) = 2 p(1) - p(0) + 2 c L; returns the challenge. */
        Ext3 next(long[] sums) {
            Ext3 p0 = Ext3.read(sums, ZERO).mul(coefficient);
            Ext3 lead = Ext3.read(sums, LEAD).mul(coefficient);
            Ext3 p1 = claim.sub(p0);
            Ext3 p2 = p1.add(p1).sub(p0).add(lead).add(lead);
            long[] compressed = new long[6];
            p0.write(compressed, 0);
            p2.write(compressed, 1);
            RoundPolynomial polynomial = new RoundPolynomial(compressed);
            Ext3 r = SumcheckRounds.bindRound(transcript, polynomial);
            claim = polynomial.evaluate(claim, r);
            r.write(point, rounds.size());
            rounds.add(polynomial);
            return r;
        }

        int rounds() {
            return rounds.size();
        }

        long[] point() {
            return point;
        }

        SumcheckProof proof() {
            return new SumcheckProof(rounds);
        }
    }

    /** Round 1 on base tables: sums of a0 b0, da db and a1 b1 (base values, returned as extension). */
    private static long[] firstRoundBase(long[] a, long[] b) {
        int pairs = a.length >>> 1;
        return ParallelSums.sum(pairs, 3, (from, to, out, at) -> {
            long[] acc = new long[9];
            for (int j = from; j < to; j++) {
                long a0 = a[2 * j], a1 = a[2 * j + 1], b0 = b[2 * j], b1 = b[2 * j + 1];
                WideSums.addProduct(acc, 0, a0, b0);
                WideSums.addProduct(acc, 3, BranchFreeArithmetic.sub(a1, a0), BranchFreeArithmetic.sub(b1, b0));
                WideSums.addProduct(acc, 6, a1, b1);
            }
            for (int i = 0; i < 3; i++) {
                out[at + 3 * i] = WideSums.reduce(acc, 3 * i);
            }
        });
    }

    /**
     * Round 2 on base tables without folding them. For pair i, A'(2i) = a0 + r da0 and
     * A'(2i+1) - A'(2i) = p + r q, with a0 = A[4i], da0 = A[4i+1] - A[4i], p = A[4i+2] - a0,
     * q = (A[4i+3] - A[4i+2]) - da0; likewise b0, db0, s, t for B. Then
     * Z = sum a0 b0 + r sum (a0 db0 + da0 b0) + r^2 sum da0 db0 and L = sum p s + r sum (p t + q s) + r^2 sum q t.
     */
    private static long[] secondRoundBase(long[] a, long[] b, Ext3 r) {
        int pairs = a.length >>> 2;
        long[] sums = ParallelSums.sum(pairs, 6, (from, to, out, at) -> {
            long[] acc = new long[18];
            for (int i = from; i < to; i++) {
                int x = 4 * i;
                long a0 = a[x], da0 = BranchFreeArithmetic.sub(a[x + 1], a0);
                long p = BranchFreeArithmetic.sub(a[x + 2], a0);
                long q = BranchFreeArithmetic.sub(BranchFreeArithmetic.sub(a[x + 3], a[x + 2]), da0);
                long b0 = b[x], db0 = BranchFreeArithmetic.sub(b[x + 1], b0);
                long s = BranchFreeArithmetic.sub(b[x + 2], b0);
                long t = BranchFreeArithmetic.sub(BranchFreeArithmetic.sub(b[x + 3], b[x + 2]), db0);
                WideSums.addProduct(acc, 0, a0, b0);
                WideSums.addProduct(acc, 3, a0, db0);
                WideSums.addProduct(acc, 3, da0, b0);
                WideSums.addProduct(acc, 6, da0, db0);
                WideSums.addProduct(acc, 9, p, s);
                WideSums.addProduct(acc, 12, p, t);
                WideSums.addProduct(acc, 12, q, s);
                WideSums.addProduct(acc, 15, q, t);
            }
            for (int i = 0; i < 6; i++) {
                out[at + 3 * i] = WideSums.reduce(acc, 3 * i);
            }
        });
        Ext3 r2 = r.square();
        Ext3 zero = Ext3.read(sums, 0).add(r.mul(Ext3.read(sums, 1))).add(r2.mul(Ext3.read(sums, 2)));
        Ext3 lead = Ext3.read(sums, 3).add(r.mul(Ext3.read(sums, 4))).add(r2.mul(Ext3.read(sums, 5)));
        long[] out = new long[9];
        zero.write(out, ZERO);
        lead.write(out, LEAD);
        return out;
    }

    /** Sums of A0 B0, dA dB and A1 B1 over extension pairs, without folding (round 1 on extension tables). */
    private static long[] sumPairs(long[] a, long[] b, int pairs) {
        return ParallelSums.sum(pairs, 3, (from, to, out, at) -> {
            long[] acc = new long[27];
            for (int j = from; j < to; j++) {
                addPair(a, b, j, acc);
                int y = 6 * j + 3;
                addExtProduct(acc, 18, a[y], a[y + 1], a[y + 2], b[y], b[y + 1], b[y + 2]);
            }
            reduceInto(acc, 9, out, at);
        });
    }

    /** Fills entries 0..2*pairs of the destinations by folding the sources, and sums A0 B0, dA dB over them. */
    private static long[] foldAndSum(int kindA, long[] srcA, int kindB, long[] srcB, Folding.Challenge r, long[] weights,
                                     long[] dstA, long[] dstB, int pairs) {
        return ParallelSums.sum(pairs, 2, (from, to, out, at) -> {
            long[] acc = new long[18];
            for (int j = from; j < to; j++) {
                fold(kindA, srcA, 2 * j, r, weights, dstA, 2 * j);
                fold(kindA, srcA, 2 * j + 1, r, weights, dstA, 2 * j + 1);
                fold(kindB, srcB, 2 * j, r, weights, dstB, 2 * j);
                fold(kindB, srcB, 2 * j + 1, r, weights, dstB, 2 * j + 1);
                addPair(dstA, dstB, j, acc);
            }
            reduceInto(acc, 6, out, at);
        });
    }

    private static void fold(int kind, long[] src, int i, Folding.Challenge r, long[] weights, long[] dst, int o) {
        switch (kind) {
            case EXT_ONE -> Folding.foldExtEntry(src, i, r, dst, o);
            case BASE_ONE -> Folding.foldBaseEntry(src, i, r, dst, o);
            default -> Folding.foldBaseTwoEntry(src, i, weights, dst, o);
        }
    }

    /** acc[0..9) += A0 B0 and acc[9..18) += dA dB for the extension pair j of a and b (unreduced). */
    private static void addPair(long[] a, long[] b, int j, long[] acc) {
        int x = 6 * j, y = x + 3;
        long a0 = a[x], a1 = a[x + 1], a2 = a[x + 2], b0 = b[x], b1 = b[x + 1], b2 = b[x + 2];
        addExtProduct(acc, 0, a0, a1, a2, b0, b1, b2);
        addExtProduct(acc, 9, BranchFreeArithmetic.sub(a[y], a0), BranchFreeArithmetic.sub(a[y + 1], a1),
                BranchFreeArithmetic.sub(a[y + 2], a2), BranchFreeArithmetic.sub(b[y], b0),
                BranchFreeArithmetic.sub(b[y + 1], b1), BranchFreeArithmetic.sub(b[y + 2], b2));
    }

    /** The three wide sums at acc[k..k+9) += a * b in F_p[X]/(X^3 - 2), one per coefficient. */
    private static void addExtProduct(long[] acc, int k, long a0, long a1, long a2, long b0, long b1, long b2) {
        long b1d = BranchFreeArithmetic.dbl(b1), b2d = BranchFreeArithmetic.dbl(b2);
        WideSums.addDot3(acc, k, a0, b0, a1, b2d, a2, b1d);
        WideSums.addDot3(acc, k + 3, a0, b1, a1, b0, a2, b2d);
        WideSums.addDot3(acc, k + 6, a0, b2, a1, b1, a2, b0);
    }

    /** out[at + i] = acc's wide sum i reduced, for i < count. */
    private static void reduceInto(long[] acc, int count, long[] out, int at) {
        for (int i = 0; i < count; i++) {
            out[at + i] = WideSums.reduce(acc, 3 * i);
        }
    }
}
