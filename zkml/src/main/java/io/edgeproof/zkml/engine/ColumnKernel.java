package io.edgeproof.zkml.engine;

import io.edgeproof.field.Parallel;

/**
 * Conv with few terms per output (K = C/g * kh * kw small, e.g. a first layer over 3 colour channels): with
 * so short a K, dot products spend their time in reduction tails, so each output row is instead built as
 * acc[j] += w[i][t] * col[t][j] + w[i][t+1] * col[t+1][j] over the im2col matrix (K rows of P positions).
 * The accumulator is a long[], which C2 vectorizes (a distinct array type from the int[] operands, so no
 * aliasing doubt); the two int products sum to at most 2^23 before widening, so nothing can overflow.
 */
final class ColumnKernel {
    /** Convs with fewer terms than this per output take this kernel; longer ones go to {@link DotKernel}. */
    static final int MAX_K = 64;
    private static final long PARALLEL_WORK = 1 << 16;

    private ColumnKernel() {}

    /** Same operands as a {@link DotKernel.Product} (per-row bias and rq), but b is im2col: [K][n]. */
    static void run(DotKernel.Product p) {
        if ((long) p.m() * p.n() * p.k() < PARALLEL_WORK) {
            rows(p, 0, p.m());
        } else {
            Parallel.forRange(p.m(), 1, (from, to) -> rows(p, from, to));
        }
    }

    private static void rows(DotKernel.Product p, int i0, int i1) {
        int n = p.n();
        int k = p.k();
        int[] a = p.a();
        int[] b = p.b();
        long[] acc = new long[n];
        for (int i = i0; i < i1; i++) {
            java.util.Arrays.fill(acc, 0);
            int ai = p.aOff() + i * k;
            int t = 0;
            for (; t + 2 <= k; t += 2) {
                int w0 = a[ai + t];
                int w1 = a[ai + t + 1];
                int b0 = p.bOff() + t * n;
                int b1 = b0 + n;
                for (int j = 0; j < n; j++) {
                    acc[j] += w0 * b[b0 + j] + w1 * b[b1 + j];
                }
            }
            if (t < k) {
                int w0 = a[ai + t];
                int b0 = p.bOff() + t * n;
                for (int j = 0; j < n; j++) {
                    acc[j] += w0 * b[b0 + j];
                }
            }
            for (int j = 0; j < n; j++) {
                DotKernel.store(p, i, j, acc[j]);
            }
        }
    }
}
