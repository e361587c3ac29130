package io.edgeproof.field;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Radix-2 number-theoretic transforms over Goldilocks on power-of-two domains {@code <w>}, |w| = 2^logN.
 *
 * <p>The forward transform is decimation in frequency (Gentleman-Sande): coefficients in natural order go
 * in, evaluations {@code a(w^bitrev(i))} come out at index i, i.e. in bit-reversed order. The inverse is the
 * matching decimation in time. Keeping the bit-reversed order saves the permutation pass, and it is the
 * order Basefold wants: the two square roots {@code x, -x} of a folded point sit side by side.
 *
 * <p>Twiddles are precomputed once per size, one contiguous table per butterfly level (level with half
 * size h holds {@code w_{2h}^j} at {@code [h, 2h)}), so every level streams its factors. Large transforms
 * run their wide levels across the fork-join pool and then finish each cache-sized block independently.
 */
public final class Ntt {
    /** Blocks of 2^14 longs (128 KiB) finish all their remaining levels while in cache. */
    private static final int CACHE_BLOCK_LOG = 14;
    private static final int PARALLEL_MIN = 1 << 12;
    private static final ConcurrentHashMap<Integer, Ntt> CACHE = new ConcurrentHashMap<>();

    private final int logN;
    private final long[] forwardTwiddles;
    private final long[] inverseTwiddles;
    private final long nInverse;

    private Ntt(int logN) {
        this.logN = logN;
        int n = 1 << logN;
        this.forwardTwiddles = twiddles(logN, Goldilocks.rootOfUnity(logN));
        this.inverseTwiddles = twiddles(logN, Goldilocks.inverse(Goldilocks.rootOfUnity(logN)));
        this.nInverse = Goldilocks.inverse(n);
    }

    /** The (cached) transform of size 2^logN, 0 <= logN <= 30. */
    public static Ntt ofLog(int logN) {
        if (logN < 0 || logN > 30) {
            throw new IllegalArgumentException("NTT size 2^" + logN + " is not supported");
        }
        return CACHE.computeIfAbsent(logN, Ntt::new);
    }

    public int logSize() {
        return logN;
    }

    private static long[] twiddles(int logN, long root) {
        int n = 1 << logN;
        long[] t = new long[Math.max(n, 1)];
        for (int half = 1; half < n; half <<= 1) {
            // w_{2h} = root^(n / 2h)
            long w = Goldilocks.pow(root, n / (2L * half));
            long acc = 1;
            for (int j = 0; j < half; j++) {
                t[half + j] = acc;
                acc = Goldilocks.mul(acc, w);
            }
        }
        return t;
    }

    private void checkLength(long[] a) {
        if (a.length != 1 << logN) {
            throw new IllegalArgumentException("NTT of size 2^" + logN + " given " + a.length + " values");
        }
    }

    /** In place: natural-order coefficients to evaluations on {@code <w>} in bit-reversed order. */
    public void forwardToBitReversed(long[] a) {
        checkLength(a);
        dif(a, 0, true);
    }

    /** Forward transform of {@code a[off, off + 2^logN)}, across the pool if {@code parallel}. */
    private void dif(long[] a, int off, boolean parallel) {
        int n = 1 << logN;
        int blockSize = Math.min(n, 1 << CACHE_BLOCK_LOG);
        int grain = parallel ? PARALLEL_MIN : Integer.MAX_VALUE;
        // Wide levels: butterflies span more than a cache block, so split by index; two levels per pass
        // (radix 4) halve the passes over memory.
        int half = n >>> 1;
        for (; half >= 2 * blockSize; half >>>= 2) {
            int h = half;
            int q = h >>> 1;
            for (int start = off; start < off + n; start += 2 * h) {
                int s = start;
                Parallel.forRange(q, grain, (from, to) -> {
                    for (int j = from; j < to; j++) {
                        difQuad(a, s + j, h, forwardTwiddles);
                    }
                });
            }
        }
        if (half >= blockSize) {
            int h = half;
            for (int start = off; start < off + n; start += 2 * h) {
                int s = start;
                Parallel.forRange(h, grain, (from, to) -> {
                    for (int j = from; j < to; j++) {
                        difButterfly(a, s + j, h, forwardTwiddles[h + j]);
                    }
                });
            }
        }
        // Narrow levels: each cache block finishes all of them on one thread.
        Parallel.forRange(n / blockSize, parallel ? 1 : Integer.MAX_VALUE, (from, to) -> {
            for (int b = from; b < to; b++) {
                difBlock(a, off + b * blockSize, blockSize, forwardTwiddles);
            }
        });
    }

    /** All levels of one block, two at a time; an odd last level has only w = 1. */
    private static void difBlock(long[] a, int start, int size, long[] tw) {
        int h = size >>> 1;
        for (; h >= 2; h >>>= 2) {
            for (int s = start; s < start + size; s += 2 * h) {
                for (int j = 0; j < (h >>> 1); j++) {
                    difQuad(a, s + j, h, tw);
                }
            }
        }
        if (h == 1) {
            for (int s = start; s < start + size; s += 2) {
                long x = a[s], y = a[s + 1];
                a[s] = Goldilocks.BranchFree.add(x, y);
                a[s + 1] = Goldilocks.BranchFree.sub(x, y);
            }
        }
    }

    /**
     * Levels h and h/2 on the quadruple (i, i + h/2, i + h, i + 3h/2), i = s + j with j < h/2: twiddles
     * w_{2h}^j and w_{2h}^(j + h/2), then w_h^j twice. Each element is loaded and stored once per two levels.
     */
    private static void difQuad(long[] a, int i0, int h, long[] tw) {
        int q = h >>> 1;
        int j = i0 & (q - 1);
        int i1 = i0 + q, i2 = i0 + h, i3 = i2 + q;
        long x0 = a[i0], x1 = a[i1], x2 = a[i2], x3 = a[i3];
        long y0 = Goldilocks.BranchFree.add(x0, x2);
        long y2 = Goldilocks.BranchFree.mul(Goldilocks.BranchFree.sub(x0, x2), tw[h + j]);
        long y1 = Goldilocks.BranchFree.add(x1, x3);
        long y3 = Goldilocks.BranchFree.mul(Goldilocks.BranchFree.sub(x1, x3), tw[h + q + j]);
        long w = tw[q + j];
        a[i0] = Goldilocks.BranchFree.add(y0, y1);
        a[i1] = Goldilocks.BranchFree.mul(Goldilocks.BranchFree.sub(y0, y1), w);
        a[i2] = Goldilocks.BranchFree.add(y2, y3);
        a[i3] = Goldilocks.BranchFree.mul(Goldilocks.BranchFree.sub(y2, y3), w);
    }

    private static void difButterfly(long[] a, int i, int h, long w) {
        long x = a[i];
        long y = a[i + h];
        a[i] = Goldilocks.BranchFree.add(x, y);
        a[i + h] = Goldilocks.BranchFree.mul(Goldilocks.BranchFree.sub(x, y), w);
    }

    /** In place: bit-reversed evaluations on {@code <w>} back to natural-order coefficients. */
    public void inverseFromBitReversed(long[] a) {
        checkLength(a);
        int n = a.length;
        int blockSize = Math.min(n, 1 << CACHE_BLOCK_LOG);
        Parallel.forRange(n / blockSize, 1, (from, to) -> {
            for (int b = from; b < to; b++) {
                ditBlock(a, b * blockSize, blockSize, inverseTwiddles);
            }
        });
        for (int half = blockSize; half < n; half <<= 1) {
            int h = half;
            for (int start = 0; start < n; start += 2 * h) {
                int s = start;
                Parallel.forRange(h, PARALLEL_MIN, (from, to) -> {
                    for (int j = from; j < to; j++) {
                        ditButterfly(a, s + j, h, inverseTwiddles[h + j]);
                    }
                });
            }
        }
        long nInv = nInverse;
        Parallel.forRange(n, PARALLEL_MIN, (from, to) -> {
            for (int i = from; i < to; i++) {
                a[i] = Goldilocks.mul(a[i], nInv);
            }
        });
    }

    private static void ditBlock(long[] a, int start, int size, long[] tw) {
        for (int h = 1; h < size; h <<= 1) {
            for (int s = start; s < start + size; s += 2 * h) {
                for (int j = 0; j < h; j++) {
                    ditButterfly(a, s + j, h, tw[h + j]);
                }
            }
        }
    }

    private static void ditButterfly(long[] a, int i, int h, long w) {
        long x = a[i];
        long y = Goldilocks.BranchFree.mul(a[i + h], w);
        a[i] = Goldilocks.BranchFree.add(x, y);
        a[i + h] = Goldilocks.BranchFree.sub(x, y);
    }

    /** In place: natural-order coefficients to natural-order evaluations {@code a(w^i)}. */
    public void forward(long[] a) {
        forwardToBitReversed(a);
        bitReverse(a);
    }

    /** In place: natural-order evaluations {@code a(w^i)} to natural-order coefficients. */
    public void inverse(long[] a) {
        bitReverse(a);
        inverseFromBitReversed(a);
    }

    /** In place: coefficients to evaluations on the coset {@code shift * <w>}, natural order. */
    public void cosetForward(long[] a, long shift) {
        checkLength(a);
        scaleByPowers(a, 0, a.length, shift, PARALLEL_MIN);
        forward(a);
    }

    /** In place: evaluations on the coset {@code shift * <w>} (natural order) to coefficients. */
    public void cosetInverse(long[] a, long shift) {
        inverse(a);
        scaleByPowers(a, 0, a.length, Goldilocks.inverse(shift), PARALLEL_MIN);
    }

    /** a[off + i] *= s^i for i < len, in chunks that each start from their own power. */
    private static void scaleByPowers(long[] a, int off, int len, long s, int grain) {
        Parallel.forRange(len, grain, (from, to) -> {
            long acc = Goldilocks.pow(s, from);
            for (int i = from; i < to; i++) {
                a[off + i] = Goldilocks.mul(a[off + i], acc);
                acc = Goldilocks.mul(acc, s);
            }
        });
    }

    /**
     * The Reed-Solomon encoding of {@code coefficients} (length 2^logN, this transform's size) at rate
     * 2^-logBlowup: its evaluations on the subgroup of order 2^(logN + logBlowup), in bit-reversed order.
     *
     * <p>Position p of the output holds {@code a(W^bitrev(p))}. Writing the exponent e = t + 2^logBlowup u
     * shows the output is 2^logBlowup blocks of this transform's size, block {@code bitrev(t)} being the
     * bit-reversed evaluation of {@code a(W^t X)} on {@code <w>}: no zero padding is ever transformed.
     */
    public long[] lowDegreeExtension(long[] coefficients, int logBlowup) {
        checkLength(coefficients);
        if (logBlowup < 0 || logN + logBlowup > Goldilocks.TWO_ADICITY || logN + logBlowup > 30) {
            throw new IllegalArgumentException("no subgroup of order 2^" + (logN + logBlowup));
        }
        int n = coefficients.length;
        int blocks = 1 << logBlowup;
        long[] out = new long[Math.multiplyExact(n, blocks)];
        long bigRoot = Goldilocks.rootOfUnity(logN + logBlowup);
        // Blocks are independent: with one per thread, each transform stays on its core and in its cache.
        boolean perBlock = blocks >= Parallel.threads();
        Parallel.forRange(blocks, perBlock ? 1 : Integer.MAX_VALUE, (from, to) -> {
            for (int t = from; t < to; t++) {
                int dst = logBlowup == 0 ? 0 : (Integer.reverse(t) >>> (32 - logBlowup)) << logN;
                System.arraycopy(coefficients, 0, out, dst, n);
                if (t != 0) {
                    scaleByPowers(out, dst, n, Goldilocks.pow(bigRoot, t), perBlock ? Integer.MAX_VALUE : PARALLEL_MIN);
                }
                dif(out, dst, !perBlock);
            }
        });
        return out;
    }

    /** Permutes in place so that index i and bitrev(i) swap. */
    public static void bitReverse(long[] a) {
        int n = a.length;
        if (n <= 2) {
            return;
        }
        int bits = Integer.numberOfTrailingZeros(n);
        for (int i = 0; i < n; i++) {
            int j = Integer.reverse(i) >>> (32 - bits);
            if (i < j) {
                long t = a[i];
                a[i] = a[j];
                a[j] = t;
            }
        }
    }
}
