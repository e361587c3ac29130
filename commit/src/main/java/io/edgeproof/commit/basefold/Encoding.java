package io.edgeproof.commit.basefold;

import io.edgeproof.field.Ext3;
import io.edgeproof.field.Goldilocks;
import io.edgeproof.field.Goldilocks.BranchFree;
import io.edgeproof.field.Ntt;
import io.edgeproof.field.Parallel;

/**
 * From a multilinear evaluation table to the Basefold codeword and back.
 *
 * <p>The multilinear coefficients (c_S for S a set of variables, indexed by the bitmask S with x_1 the
 * lowest bit) are the Moebius transform of the evaluation table; read as univariate coefficients, c_j X^j,
 * they give the polynomial whose Reed-Solomon encoding is committed. Fixing x_1 = r then maps c to
 * c_{2j} + r c_{2j+1}: the univariate fold. The zeta transform goes back from coefficients to evaluations.
 */
final class Encoding {
    private static final int PARALLEL_MIN = 1 << 12;
    private static final int CACHE_BLOCK_LOG = 14;

    private Encoding() {}

    /**
     * In place: evaluations on the hypercube to multilinear coefficients (base field). The low bits are
     * done per cache-sized block (one pass over memory), the high bits as parallel passes.
     */
    static void moebius(long[] a) {
        int n = a.length;
        int block = Math.min(n, 1 << CACHE_BLOCK_LOG);
        Parallel.forRange(n / block, 1, (from, to) -> {
            for (int b = from; b < to; b++) {
                int start = b * block;
                for (int h = 1; h < block; h <<= 1) {
                    for (int s = start; s < start + block; s += 2 * h) {
                        for (int j = s; j < s + h; j++) {
                            a[j + h] = BranchFree.sub(a[j + h], a[j]);
                        }
                    }
                }
            }
        });
        for (int half = block; half < n; half <<= 1) {
            int h = half;
            Parallel.forRange(n >>> 1, PARALLEL_MIN, (from, to) -> {
                for (int p = from; p < to; p++) {
                    // pair p: index with bit h clear, and its partner with bit h set
                    int i = ((p & ~(h - 1)) << 1) | (p & (h - 1));
                    a[i + h] = BranchFree.sub(a[i + h], a[i]);
                }
            });
        }
    }

    /** In place on an interleaved extension table: evaluations to multilinear coefficients. */
    static void moebiusExt(long[] a) {
        int n = a.length / 3;
        for (int h = 1; h < n; h <<= 1) {
            for (int i = 0; i < n; i++) {
                if ((i & h) != 0) {
                    for (int c = 0; c < 3; c++) {
                        a[3 * i + c] = Goldilocks.sub(a[3 * i + c], a[3 * (i - h) + c]);
                    }
                }
            }
        }
    }

    /** In place on an interleaved extension vector: multilinear coefficients to hypercube evaluations. */
    static void zetaExt(long[] a) {
        int n = a.length / 3;
        for (int h = 1; h < n; h <<= 1) {
            for (int i = 0; i < n; i++) {
                if ((i & h) != 0) {
                    for (int c = 0; c < 3; c++) {
                        a[3 * i + c] = Goldilocks.add(a[3 * i + c], a[3 * (i - h) + c]);
                    }
                }
            }
        }
    }

    /** The codeword of a base-field evaluation table: RS encoding of its coefficients, bit-reversed. */
    static long[] encode(long[] table, int logBlowup) {
        long[] coefficients = table.clone();
        moebius(coefficients);
        int n = Integer.numberOfTrailingZeros(table.length);
        return Ntt.ofLog(n).lowDegreeExtension(coefficients, logBlowup);
    }

    /**
     * The codeword of an interleaved extension table: each coordinate is a base table, encoded on its own
     * (the code is F_p-linear) and interleaved back.
     */
    static long[] encodeExt(long[] extTable, int logBlowup) {
        int size = extTable.length / 3;
        int n = Integer.numberOfTrailingZeros(size);
        long[][] parts = new long[3][size];
        Parallel.forRange(size, PARALLEL_MIN, (from, to) -> {
            for (int i = from; i < to; i++) {
                parts[0][i] = extTable[3 * i];
                parts[1][i] = extTable[3 * i + 1];
                parts[2][i] = extTable[3 * i + 2];
            }
        });
        for (int c = 0; c < 3; c++) {
            moebius(parts[c]);
            parts[c] = Ntt.ofLog(n).lowDegreeExtension(parts[c], logBlowup);
        }
        int length = parts[0].length;
        long[] out = new long[3 * length];
        Parallel.forRange(length, PARALLEL_MIN, (from, to) -> {
            for (int i = from; i < to; i++) {
                out[3 * i] = parts[0][i];
                out[3 * i + 1] = parts[1][i];
                out[3 * i + 2] = parts[2][i];
            }
        });
        return out;
    }

    /**
     * sum_j c_j x_k^j for base coefficients at four base points in one pass over c (independent Horner
     * chains): each thread takes a contiguous block of coefficients, the blocks are then shifted by
     * x^start and added.
     */
    static long[] evaluateBaseUnivariate4(long[] c, long[] x) {
        int chunks = c.length >= PARALLEL_MIN ? Parallel.threads() : 1;
        long[] partial = new long[4 * chunks];
        long x0 = x[0], x1 = x[1], x2 = x[2], x3 = x[3];
        Parallel.forRange(chunks, 1, (from, to) -> {
            for (int chunk = from; chunk < to; chunk++) {
                int lo = (int) ((long) c.length * chunk / chunks);
                int hi = (int) ((long) c.length * (chunk + 1) / chunks);
                long a0 = 0, a1 = 0, a2 = 0, a3 = 0;
                for (int j = hi - 1; j >= lo; j--) {
                    long cj = c[j];
                    a0 = BranchFree.add(BranchFree.mul(a0, x0), cj);
                    a1 = BranchFree.add(BranchFree.mul(a1, x1), cj);
                    a2 = BranchFree.add(BranchFree.mul(a2, x2), cj);
                    a3 = BranchFree.add(BranchFree.mul(a3, x3), cj);
                }
                partial[4 * chunk] = BranchFree.mul(a0, Goldilocks.pow(x0, lo));
                partial[4 * chunk + 1] = BranchFree.mul(a1, Goldilocks.pow(x1, lo));
                partial[4 * chunk + 2] = BranchFree.mul(a2, Goldilocks.pow(x2, lo));
                partial[4 * chunk + 3] = BranchFree.mul(a3, Goldilocks.pow(x3, lo));
            }
        });
        long[] out = new long[4];
        for (int i = 0; i < partial.length; i++) {
            out[i & 3] = BranchFree.add(out[i & 3], partial[i]);
        }
        return out;
    }

    /** sum_j c_j x^j for interleaved extension coefficients c and a base-field point x (Horner). */
    static Ext3 evaluateUnivariate(long[] coefficients, long x) {
        int n = coefficients.length / 3;
        long a0 = 0, a1 = 0, a2 = 0;
        for (int j = n - 1; j >= 0; j--) {
            a0 = Goldilocks.add(Goldilocks.mul(a0, x), coefficients[3 * j]);
            a1 = Goldilocks.add(Goldilocks.mul(a1, x), coefficients[3 * j + 1]);
            a2 = Goldilocks.add(Goldilocks.mul(a2, x), coefficients[3 * j + 2]);
        }
        return Ext3.of(a0, a1, a2);
    }
}
