package io.edgeproof.field;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NttTest {
    private static long[] random(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = Goldilocks.reduce64(rnd.nextLong());
        }
        return a;
    }

    /** a(x) by Horner. */
    private static long evaluate(long[] coeffs, long x) {
        long acc = 0;
        for (int i = coeffs.length - 1; i >= 0; i--) {
            acc = Goldilocks.add(Goldilocks.mul(acc, x), coeffs[i]);
        }
        return acc;
    }

    /** The O(n^2) DFT: out[i] = a(shift * w^i). */
    private static long[] naiveDft(long[] coeffs, long shift) {
        int n = coeffs.length;
        long w = Goldilocks.rootOfUnity(Integer.numberOfTrailingZeros(n));
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = evaluate(coeffs, Goldilocks.mul(shift, Goldilocks.pow(w, i)));
        }
        return out;
    }

    private static int bitrev(int i, int bits) {
        return bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
    }

    @Test
    void forwardMatchesNaiveDftForEverySmallSize() {
        for (int log = 0; log <= 10; log++) {
            long[] coeffs = random(1 << log, log);
            long[] a = coeffs.clone();
            Ntt.ofLog(log).forward(a);
            assertThat(a).as("size 2^%d", log).isEqualTo(naiveDft(coeffs, 1));
        }
    }

    @Test
    void bitReversedOutputIsThePermutedDft() {
        int log = 9;
        long[] coeffs = random(1 << log, 7);
        long[] expected = naiveDft(coeffs, 1);
        long[] a = coeffs.clone();
        Ntt.ofLog(log).forwardToBitReversed(a);
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).isEqualTo(expected[bitrev(i, log)]);
        }
    }

    @Test
    void inverseUndoesForwardAcrossTheParallelLevels() {
        // 2^16 exceeds the cache block, so the wide (parallel) levels run too.
        for (int log : new int[] {0, 1, 5, 16}) {
            long[] coeffs = random(1 << log, 100 + log);
            long[] a = coeffs.clone();
            Ntt ntt = Ntt.ofLog(log);
            ntt.forwardToBitReversed(a);
            ntt.inverseFromBitReversed(a);
            assertThat(a).isEqualTo(coeffs);
            ntt.forward(a);
            ntt.inverse(a);
            assertThat(a).isEqualTo(coeffs);
        }
    }

    @Test
    void largeForwardAgreesWithHornerAtSampledPoints() {
        int log = 16;
        long[] coeffs = random(1 << log, 3);
        long[] a = coeffs.clone();
        Ntt.ofLog(log).forwardToBitReversed(a);
        long w = Goldilocks.rootOfUnity(log);
        SplittableRandom rnd = new SplittableRandom(5);
        for (int k = 0; k < 20; k++) {
            int i = rnd.nextInt(a.length);
            assertThat(a[i]).isEqualTo(evaluate(coeffs, Goldilocks.pow(w, bitrev(i, log))));
        }
    }

    @Test
    void cosetTransformsMatchNaiveAndRoundTrip() {
        long shift = Goldilocks.MULTIPLICATIVE_GENERATOR;
        for (int log : new int[] {0, 3, 8}) {
            long[] coeffs = random(1 << log, 40 + log);
            long[] a = coeffs.clone();
            Ntt ntt = Ntt.ofLog(log);
            ntt.cosetForward(a, shift);
            assertThat(a).isEqualTo(naiveDft(coeffs, shift));
            ntt.cosetInverse(a, shift);
            assertThat(a).isEqualTo(coeffs);
        }
    }

    @Test
    void lowDegreeExtensionEvaluatesOnTheLargerSubgroupInBitReversedOrder() {
        for (int log : new int[] {0, 1, 6}) {
            for (int blowup : new int[] {0, 1, 3}) {
                long[] coeffs = random(1 << log, 10 * log + blowup);
                long[] lde = Ntt.ofLog(log).lowDegreeExtension(coeffs, blowup);
                int bits = log + blowup;
                long w = Goldilocks.rootOfUnity(bits);
                assertThat(lde).hasSize(1 << bits);
                for (int p = 0; p < lde.length; p++) {
                    assertThat(lde[p]).as("log %d blowup %d position %d", log, blowup, p)
                            .isEqualTo(evaluate(coeffs, Goldilocks.pow(w, bitrev(p, bits))));
                }
            }
        }
    }

    @Test
    void branchFreeArithmeticAgreesWithGoldilocksIncludingEdges() {
        long p = Goldilocks.P;
        long[] edges = {0, 1, 2, p - 1, p - 2, 1L << 32, (1L << 32) - 1, (1L << 32) + 1, p >>> 1, (p >>> 1) + 1,
                0xFFFF_FFFF_0000_0000L, Long.MAX_VALUE, Long.MIN_VALUE};
        SplittableRandom rnd = new SplittableRandom(9);
        long[] values = new long[edges.length + 2000];
        System.arraycopy(edges, 0, values, 0, edges.length);
        for (int i = edges.length; i < values.length; i++) {
            values[i] = Goldilocks.reduce64(rnd.nextLong());
        }
        for (long a : values) {
            for (int j = 0; j < values.length; j += 7) {
                long b = values[j];
                assertThat(Goldilocks.BranchFree.add(a, b)).isEqualTo(Goldilocks.add(a, b));
                assertThat(Goldilocks.BranchFree.sub(a, b)).isEqualTo(Goldilocks.sub(a, b));
                assertThat(Goldilocks.BranchFree.mul(a, b)).isEqualTo(Goldilocks.mul(a, b));
            }
            assertThat(Goldilocks.mul(Goldilocks.BranchFree.half(a), 2)).isEqualTo(a);
        }
    }
}
