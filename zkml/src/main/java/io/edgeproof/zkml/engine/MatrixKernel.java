package io.edgeproof.zkml.engine;

import io.edgeproof.field.Parallel;
import io.edgeproof.zkml.quant.Requant;
import java.util.Arrays;

/**
 * The dense kernel behind Linear and Conv: out[o][j] = rq(bias + sum_t a[o][t] * b[t][j]). Conv passes
 * weights as a and im2col columns as b (bias and requantization per row o); Linear passes activations as a
 * and transposed weights as b (per column j). The inner loop is an axpy over contiguous j, which the JIT
 * vectorizes; four rows of a share each row of b. Partial sums run in int over t-chunks of 512, where
 * |sum| <= 512 * 2^15 * 127 < 2^31, and are then added into long accumulators.
 */
final class MatrixKernel {
    static final int K_CHUNK = 512;
    private static final int ROWS = 4;

    private MatrixKernel() {}

    /** Operands and epilogue of one product; {@code perColumn} says whether bias/rq index j (else o). */
    record Product(int[] a, int aOff, int k, int[] b, int bOff, int p, long[] bias, Requant rq, boolean perColumn,
                   int[] y, int yOff) {}

    /** Computes rows [o0, o1) and columns [j0, j1) of the product. */
    static void multiply(Product m, int o0, int o1, int j0, int j1) {
        int width = j1 - j0;
        long[] acc = new long[ROWS * width];
        int[] part = new int[ROWS * width];
        for (int o = o0; o < o1; o += ROWS) {
            int rows = Math.min(ROWS, o1 - o);
            Arrays.fill(acc, 0);
            for (int t0 = 0; t0 < m.k; t0 += K_CHUNK) {
                int t1 = Math.min(m.k, t0 + K_CHUNK);
                Arrays.fill(part, 0);
                if (rows == ROWS) {
                    block4(m, o, t0, t1, j0, width, part);
                } else {
                    for (int r = 0; r < rows; r++) {
                        row(m, o + r, t0, t1, j0, width, part, r * width);
                    }
                }
                for (int i = 0; i < rows * width; i++) {
                    acc[i] += part[i];
                }
            }
            for (int r = 0; r < rows; r++) {
                int yRow = m.yOff + (o + r) * m.p;
                for (int j = j0; j < j1; j++) {
                    int ch = m.perColumn ? j : o + r;
                    int rc = m.rq.channels() == 1 ? 0 : ch;
                    m.y[yRow + j] = m.rq.apply(acc[r * width + j - j0] + m.bias[ch], rc);
                }
            }
        }
    }

    private static void block4(Product m, int o, int t0, int t1, int j0, int width, int[] part) {
        int[] a = m.a;
        int[] b = m.b;
        int a0 = m.aOff + o * m.k;
        int a1 = a0 + m.k;
        int a2 = a1 + m.k;
        int a3 = a2 + m.k;
        int w2 = 2 * width;
        int w3 = 3 * width;
        for (int t = t0; t < t1; t++) {
            int v0 = a[a0 + t];
            int v1 = a[a1 + t];
            int v2 = a[a2 + t];
            int v3 = a[a3 + t];
            if ((v0 | v1 | v2 | v3) == 0) {
                continue;
            }
            int br = m.bOff + t * m.p + j0;
            for (int j = 0; j < width; j++) {
                int v = b[br + j];
                part[j] += v0 * v;
                part[width + j] += v1 * v;
                part[w2 + j] += v2 * v;
                part[w3 + j] += v3 * v;
            }
        }
    }

    private static void row(Product m, int o, int t0, int t1, int j0, int width, int[] part, int pOff) {
        int[] a = m.a;
        int[] b = m.b;
        int aRow = m.aOff + o * m.k;
        for (int t = t0; t < t1; t++) {
            int v0 = a[aRow + t];
            if (v0 == 0) {
                continue;
            }
            int br = m.bOff + t * m.p + j0;
            for (int j = 0; j < width; j++) {
                part[pOff + j] += v0 * b[br + j];
            }
        }
    }

    /**
     * Runs the whole product on the pool: split over rows when there are enough of them, otherwise over
     * column blocks (batch-1 Linear has a single row). Tiny products run inline.
     */
    static void run(Product m, int rows) {
        long work = (long) rows * m.k * m.p;
        if (work < 1 << 16) {
            multiply(m, 0, rows, 0, m.p);
        } else if (rows >= 8) {
            Parallel.forRange(rows, ROWS, (from, to) -> multiply(m, from, to, 0, m.p));
        } else {
            int blocks = (m.p + 63) / 64;
            Parallel.forRange(blocks, 1, (from, to) -> multiply(m, 0, rows, from * 64, Math.min(m.p, to * 64)));
        }
    }
}
