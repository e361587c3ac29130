package io.edgeproof.iop.sumcheck;

import io.edgeproof.field.Ext3;
import io.edgeproof.field.Goldilocks;
import io.edgeproof.field.Parallel;
import io.edgeproof.transcript.Transcript;
import java.util.ArrayList;
import java.util.List;

/**
 * Fast path for c * sum_b A(b) B(b), the shape of the benchmark and of every claim reduction. Produces the
 * same proof as the generic prover, faster:
 * <ul>
 *   <li>round 1 on base tables runs in the base field (three base products per pair);</li>
 *   <li>from round 2 on, the fold with the previous challenge is fused into the evaluation loop, so each
 *       table is read once per round, and the folded tables ping-pong between two buffers;</li>
 *   <li>only p(0) and p(2) are computed: p(1) follows from the claim;</li>
 *   <li>extension products sum their three 128-bit partial products before one reduction.</li>
 * </ul>
 */
final class ProductSumcheckProver {
    private ProductSumcheckProver() {}

    /** Requires at least one variable. */
    static SumcheckProverOutput prove(MultilinearTable a, MultilinearTable b, Ext3 coefficient, Transcript transcript) {
        int n = a.numVariables();
        List<RoundPolynomial> rounds = new ArrayList<>(n);
        long[] point = new long[3 * n];

        long[] first = firstRound(a, b);
        Ext3 e0 = Ext3.read(first, 0).mul(coefficient);
        Ext3 e1 = Ext3.read(first, 1).mul(coefficient);
        Ext3 e2 = Ext3.read(first, 2).mul(coefficient);
        Ext3 claim = e0.add(e1);
        SumcheckRounds.bindStatement(transcript, n, 2, claim);
        Ext3 r = bindRound(transcript, rounds, e0, e2);
        r.write(point, 0);

        long[] srcA = a.values(), srcB = b.values();
        boolean extA = a.extension(), extB = b.extension();
        long[][] buffersA = {new long[3 << Math.max(0, n - 1)], new long[3 << Math.max(0, n - 2)]};
        long[][] buffersB = {new long[3 << Math.max(0, n - 1)], new long[3 << Math.max(0, n - 2)]};
        for (int round = 1; round < n; round++) {
            long[] dstA = buffersA[(round - 1) & 1], dstB = buffersB[(round - 1) & 1];
            int pairs = 1 << (n - round - 1);
            long[] sums = foldAndEvaluate(srcA, extA, srcB, extB, new Folding.Challenge(r), dstA, dstB, pairs);
            r = bindRound(transcript, rounds,
                    Ext3.read(sums, 0).mul(coefficient), Ext3.read(sums, 1).mul(coefficient));
            r.write(point, round);
            srcA = dstA;
            srcB = dstB;
            extA = true;
            extB = true;
        }
        long[] finals = new long[6];
        Folding.Challenge last = new Folding.Challenge(r);
        Folding.foldEntry(srcA, extA, 0, last, finals, 0);
        Folding.foldEntry(srcB, extB, 0, last, finals, 1);
        return new SumcheckProverOutput(new SumcheckProof(rounds), claim, point, finals);
    }

    private static Ext3 bindRound(Transcript transcript, List<RoundPolynomial> rounds, Ext3 p0, Ext3 p2) {
        long[] compressed = new long[6];
        p0.write(compressed, 0);
        p2.write(compressed, 1);
        RoundPolynomial polynomial = new RoundPolynomial(compressed);
        rounds.add(polynomial);
        return SumcheckRounds.bindRound(transcript, polynomial);
    }

    /** Sums of A(t) B(t) for t = 0, 1, 2 over the pairs of the unfolded tables (interleaved, unscaled). */
    private static long[] firstRound(MultilinearTable a, MultilinearTable b) {
        int pairs = a.size() >>> 1;
        int chunks = Folding.chunkCount(pairs);
        long[] partials = new long[9 * chunks];
        boolean base = !a.extension() && !b.extension();
        long[] av = a.values(), bv = b.values();
        long[] ae = base ? null : a.asExtension(), be = base ? null : b.asExtension();
        Parallel.forRange(chunks, 1, (c0, c1) -> {
            for (int c = c0; c < c1; c++) {
                int from = Folding.chunkStart(c, chunks, pairs), to = Folding.chunkStart(c + 1, chunks, pairs);
                if (base) {
                    firstRoundBase(av, bv, from, to, partials, 9 * c);
                } else {
                    for (int j = from; j < to; j++) {
                        accumulatePairProducts(ae, be, 2 * j, 2 * j + 1, true, partials, 9 * c);
                    }
                }
            }
        });
        return sumPartials(partials, chunks, 9);
    }

    private static void firstRoundBase(long[] a, long[] b, int from, int to, long[] out, int at) {
        long s0 = 0, s1 = 0, s2 = 0;
        for (int j = from; j < to; j++) {
            long a0 = a[2 * j], a1 = a[2 * j + 1], b0 = b[2 * j], b1 = b[2 * j + 1];
            s0 = Goldilocks.add(s0, Goldilocks.mul(a0, b0));
            s1 = Goldilocks.add(s1, Goldilocks.mul(a1, b1));
            long a2 = Goldilocks.sub(Goldilocks.dbl(a1), a0), b2 = Goldilocks.sub(Goldilocks.dbl(b1), b0);
            s2 = Goldilocks.add(s2, Goldilocks.mul(a2, b2));
        }
        out[at] = s0;
        out[at + 3] = s1;
        out[at + 6] = s2;
    }

    /**
     * Folds entries 4j..4j+3 of both sources into entries 2j, 2j+1 of the destinations and sums
     * A(0) B(0) and A(2) B(2) over the new pairs. Returns the two sums, interleaved.
     */
    private static long[] foldAndEvaluate(long[] srcA, boolean extA, long[] srcB, boolean extB, Folding.Challenge r,
                                          long[] dstA, long[] dstB, int pairs) {
        int chunks = Folding.chunkCount(pairs);
        long[] partials = new long[9 * chunks];
        Parallel.forRange(chunks, 1, (c0, c1) -> {
            for (int c = c0; c < c1; c++) {
                int from = Folding.chunkStart(c, chunks, pairs), to = Folding.chunkStart(c + 1, chunks, pairs);
                for (int j = from; j < to; j++) {
                    Folding.foldEntry(srcA, extA, 2 * j, r, dstA, 2 * j);
                    Folding.foldEntry(srcA, extA, 2 * j + 1, r, dstA, 2 * j + 1);
                    Folding.foldEntry(srcB, extB, 2 * j, r, dstB, 2 * j);
                    Folding.foldEntry(srcB, extB, 2 * j + 1, r, dstB, 2 * j + 1);
                    accumulatePairProducts(dstA, dstB, 2 * j, 2 * j + 1, false, partials, 9 * c);
                }
            }
        });
        long[] sums = sumPartials(partials, chunks, 9);
        long[] out = new long[6];
        System.arraycopy(sums, 0, out, 0, 3);
        System.arraycopy(sums, 6, out, 3, 3);
        return out;
    }

    /**
     * out[at..] += A(0) B(0), [A(1) B(1) if withOne], A(2) B(2) for the extension pair (i0, i1), where
     * X(2) = 2 X(1) - X(0). Slots are fixed (0, 1, 2) so callers can skip t = 1.
     */
    private static void accumulatePairProducts(long[] a, long[] b, int i0, int i1, boolean withOne, long[] out, int at) {
        int x = 3 * i0, y = 3 * i1;
        long a00 = a[x], a01 = a[x + 1], a02 = a[x + 2], a10 = a[y], a11 = a[y + 1], a12 = a[y + 2];
        long b00 = b[x], b01 = b[x + 1], b02 = b[x + 2], b10 = b[y], b11 = b[y + 1], b12 = b[y + 2];
        accumulateExtProduct(a00, a01, a02, b00, b01, b02, out, at);
        if (withOne) {
            accumulateExtProduct(a10, a11, a12, b10, b11, b12, out, at + 3);
        }
        long a20 = Goldilocks.sub(Goldilocks.dbl(a10), a00);
        long a21 = Goldilocks.sub(Goldilocks.dbl(a11), a01);
        long a22 = Goldilocks.sub(Goldilocks.dbl(a12), a02);
        long b20 = Goldilocks.sub(Goldilocks.dbl(b10), b00);
        long b21 = Goldilocks.sub(Goldilocks.dbl(b11), b01);
        long b22 = Goldilocks.sub(Goldilocks.dbl(b12), b02);
        accumulateExtProduct(a20, a21, a22, b20, b21, b22, out, at + 6);
    }

    private static void accumulateExtProduct(long a0, long a1, long a2, long b0, long b1, long b2, long[] out, int at) {
        long b1d = Goldilocks.dbl(b1), b2d = Goldilocks.dbl(b2);
        out[at] = Goldilocks.add(out[at], WideArithmetic.dot3(a0, b0, a1, b2d, a2, b1d));
        out[at + 1] = Goldilocks.add(out[at + 1], WideArithmetic.dot3(a0, b1, a1, b0, a2, b2d));
        out[at + 2] = Goldilocks.add(out[at + 2], WideArithmetic.dot3(a0, b2, a1, b1, a2, b0));
    }

    private static long[] sumPartials(long[] partials, int chunks, int width) {
        long[] sums = new long[width];
        for (int c = 0; c < chunks; c++) {
            for (int i = 0; i < width; i++) {
                sums[i] = Goldilocks.add(sums[i], partials[width * c + i]);
            }
        }
        return sums;
    }
}
