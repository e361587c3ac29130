package io.edgeproof.zkml.engine;

import io.edgeproof.field.Parallel;
import io.edgeproof.zkml.quant.Requant;

/**
 * The dense kernel behind Linear and Conv: y[i][j] = rq(bias + sum_t a[i][t] * b[j][t]), both operands
 * row-major with the K terms contiguous. Conv passes weights as a and its im2row patches as b (bias and
 * requantization per row i); Linear passes activations as a and its weights as b (per column j).
 *
 * <p>Every output is a dot product of two int[] rows: C2 vectorizes int multiply-add reductions, while
 * axpy-style loops over two int[] arrays stay scalar (it cannot rule out aliasing). Blocks of 2x2 (or 1x4
 * for a single row) outputs share their operand loads. Partial sums run in int over t-chunks short enough
 * that they provably fit ({@link #safeChunk}), then widen to long.
 */
final class DotKernel {
    /** Below this many multiply-adds a product runs on the calling thread: forking costs more. */
    private static final long PARALLEL_WORK = 1 << 16;
    private static final long INT16_ABS = 1 << 15;

    private DotKernel() {}

    /**
     * Operands and epilogue of one product: {@code m x n} outputs of {@code k} terms, written at
     * y[yOff + i * n + j]; channel {@code channelOff + (perColumn ? j : i)} selects bias and requantization.
     */
    record Product(int[] a, int aOff, int[] b, int bOff, int k, int m, int n, int chunk, long[] bias, Requant rq,
                   int channelOff, boolean perColumn, int[] y, int yOff) {}

    /**
     * The longest run of terms whose int sum cannot overflow, for activations in [-2^15, 2^15 - 1] and the
     * int8 weights {@code w} (rows of {@code k}): all of K when every row's sum of |w| times 2^15 fits,
     * else as many terms as the largest |w| allows (at least 511, as |w| <= 128).
     */
    static int safeChunk(byte[] w, int k) {
        long maxRow = 0;
        int maxAbs = 0;
        for (int r = 0; r < w.length; r += k) {
            long sum = 0;
            for (int t = r; t < r + k; t++) {
                int v = Math.abs(w[t]);
                sum += v;
                maxAbs = Math.max(maxAbs, v);
            }
            maxRow = Math.max(maxRow, sum);
        }
        if (maxRow * INT16_ABS <= Integer.MAX_VALUE) {
            return Math.max(1, k);
        }
        return (int) (Integer.MAX_VALUE / (maxAbs * INT16_ABS));
    }

    /** Runs the whole product: split over row pairs when there are enough rows, else over column blocks. */
    static void run(Product p) {
        long work = (long) p.m * p.n * p.k;
        if (work < PARALLEL_WORK) {
            multiply(p, 0, p.m, 0, p.n);
        } else if (p.m >= 4) {
            Parallel.forRange((p.m + 1) / 2, 1, (from, to) -> multiply(p, 2 * from, Math.min(p.m, 2 * to), 0, p.n));
        } else {
            int blocks = (p.n + 15) / 16;
            Parallel.forRange(blocks, 1, (from, to) -> multiply(p, 0, p.m, 16 * from, Math.min(p.n, 16 * to)));
        }
    }

    /** Outputs of rows [i0, i1) and columns [j0, j1). */
    static void multiply(Product p, int i0, int i1, int j0, int j1) {
        int i = i0;
        for (; i + 2 <= i1; i += 2) {
            int j = j0;
            for (; j + 2 <= j1; j += 2) {
                block2x2(p, i, j);
            }
            if (j < j1) {
                single(p, i, j);
                single(p, i + 1, j);
            }
        }
        if (i < i1) {
            int j = j0;
            for (; j + 4 <= j1; j += 4) {
                block1x4(p, i, j);
            }
            for (; j < j1; j++) {
                single(p, i, j);
            }
        }
    }

    private static void block2x2(Product p, int i, int j) {
        int[] a = p.a;
        int[] b = p.b;
        int a0 = p.aOff + i * p.k;
        int a1 = a0 + p.k;
        int b0 = p.bOff + j * p.k;
        int b1 = b0 + p.k;
        long c00 = 0;
        long c01 = 0;
        long c10 = 0;
        long c11 = 0;
        for (int t0 = 0; t0 < p.k; t0 += p.chunk) {
            int t1 = Math.min(p.k, t0 + p.chunk);
            int s00 = 0;
            int s01 = 0;
            int s10 = 0;
            int s11 = 0;
            for (int t = t0; t < t1; t++) {
                int x0 = a[a0 + t];
                int x1 = a[a1 + t];
                int y0 = b[b0 + t];
                int y1 = b[b1 + t];
                s00 += x0 * y0;
                s01 += x0 * y1;
                s10 += x1 * y0;
                s11 += x1 * y1;
            }
            c00 += s00;
            c01 += s01;
            c10 += s10;
            c11 += s11;
        }
        store(p, i, j, c00);
        store(p, i, j + 1, c01);
        store(p, i + 1, j, c10);
        store(p, i + 1, j + 1, c11);
    }

    private static void block1x4(Product p, int i, int j) {
        int[] a = p.a;
        int[] b = p.b;
        int a0 = p.aOff + i * p.k;
        int b0 = p.bOff + j * p.k;
        int b1 = b0 + p.k;
        int b2 = b1 + p.k;
        int b3 = b2 + p.k;
        long c0 = 0;
        long c1 = 0;
        long c2 = 0;
        long c3 = 0;
        for (int t0 = 0; t0 < p.k; t0 += p.chunk) {
            int t1 = Math.min(p.k, t0 + p.chunk);
            int s0 = 0;
            int s1 = 0;
            int s2 = 0;
            int s3 = 0;
            for (int t = t0; t < t1; t++) {
                int x = a[a0 + t];
                s0 += x * b[b0 + t];
                s1 += x * b[b1 + t];
                s2 += x * b[b2 + t];
                s3 += x * b[b3 + t];
            }
            c0 += s0;
            c1 += s1;
            c2 += s2;
            c3 += s3;
        }
        store(p, i, j, c0);
        store(p, i, j + 1, c1);
        store(p, i, j + 2, c2);
        store(p, i, j + 3, c3);
    }

    private static void single(Product p, int i, int j) {
        int[] a = p.a;
        int[] b = p.b;
        int a0 = p.aOff + i * p.k;
        int b0 = p.bOff + j * p.k;
        long c = 0;
        for (int t0 = 0; t0 < p.k; t0 += p.chunk) {
            int t1 = Math.min(p.k, t0 + p.chunk);
            int s = 0;
            for (int t = t0; t < t1; t++) {
                s += a[a0 + t] * b[b0 + t];
            }
            c += s;
        }
        store(p, i, j, c);
    }

    static void store(Product p, int i, int j, long acc) {
        int ch = p.channelOff + (p.perColumn ? j : i);
        p.y[p.yOff + i * p.n + j] = p.rq.apply(acc + p.bias[ch], p.rq.channels() == 1 ? 0 : ch);
    }
}
