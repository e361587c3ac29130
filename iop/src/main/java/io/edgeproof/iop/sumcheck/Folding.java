package io.edgeproof.iop.sumcheck;

import io.edgeproof.field.Ext3;
import io.edgeproof.field.Parallel;

/**
 * Binds x_1 of a table to a challenge r: entry j of the result is t[2j] + r (t[2j+1] - t[2j]). The
 * per-entry kernels are shared by the provers (the product prover fuses them into its round loop).
 */
final class Folding {
    /** Below this many output entries a loop runs on the calling thread. */
    static final int MIN_PARALLEL_CHUNK = 1 << 11;

    private Folding() {}

    /** The challenge with 2 r_1 and 2 r_2 precomputed, since X^3 = 2 doubles them in every product. */
    static final class Challenge {
        final long r0;
        final long r1;
        final long r2;
        final long r1d;
        final long r2d;

        Challenge(Ext3 r) {
            r0 = r.c0();
            r1 = r.c1();
            r2 = r.c2();
            r1d = BranchFreeArithmetic.dbl(r1);
            r2d = BranchFreeArithmetic.dbl(r2);
        }
    }

    /** dst[o] = fold of base pair i: three base products. */
    static void foldBaseEntry(long[] src, int i, Challenge r, long[] dst, int o) {
        long lo = src[2 * i];
        long d = BranchFreeArithmetic.sub(src[2 * i + 1], lo);
        int z = 3 * o;
        dst[z] = BranchFreeArithmetic.dot3Plus(d, r.r0, 0, 0, 0, 0, lo);
        dst[z + 1] = BranchFreeArithmetic.mul(d, r.r1);
        dst[z + 2] = BranchFreeArithmetic.mul(d, r.r2);
    }

    /** dst[o] = fold of extension pair i: lo + r d as three dot products, one reduction each. */
    static void foldExtEntry(long[] src, int i, Challenge r, long[] dst, int o) {
        int s = 6 * i;
        long lo0 = src[s], lo1 = src[s + 1], lo2 = src[s + 2];
        long d0 = BranchFreeArithmetic.sub(src[s + 3], lo0);
        long d1 = BranchFreeArithmetic.sub(src[s + 4], lo1);
        long d2 = BranchFreeArithmetic.sub(src[s + 5], lo2);
        int z = 3 * o;
        dst[z] = BranchFreeArithmetic.dot3Plus(d0, r.r0, d1, r.r2d, d2, r.r1d, lo0);
        dst[z + 1] = BranchFreeArithmetic.dot3Plus(d0, r.r1, d1, r.r0, d2, r.r2d, lo1);
        dst[z + 2] = BranchFreeArithmetic.dot3Plus(d0, r.r2, d1, r.r1, d2, r.r0, lo2);
    }

    /**
     * dst[o] = sum_x w_x src[4i + x] for a base source and the four weights w = eq((r_1, r_2), x)
     * (interleaved, x_1 least significant): binds two variables at once. The weights sum to one, so this is
     * v_0 + sum_{x > 0} w_x (v_x - v_0): nine base-by-coefficient products instead of twelve.
     */
    static void foldBaseTwoEntry(long[] src, int i, long[] w, long[] dst, int o) {
        int s = 4 * i;
        long v0 = src[s];
        long d1 = BranchFreeArithmetic.sub(src[s + 1], v0);
        long d2 = BranchFreeArithmetic.sub(src[s + 2], v0);
        long d3 = BranchFreeArithmetic.sub(src[s + 3], v0);
        int z = 3 * o;
        dst[z] = BranchFreeArithmetic.dot3Plus(d1, w[3], d2, w[6], d3, w[9], v0);
        dst[z + 1] = BranchFreeArithmetic.dot3(d1, w[4], d2, w[7], d3, w[10]);
        dst[z + 2] = BranchFreeArithmetic.dot3(d1, w[5], d2, w[8], d3, w[11]);
    }

    static void foldEntry(long[] src, boolean ext, int i, Challenge r, long[] dst, int o) {
        if (ext) {
            foldExtEntry(src, i, r, dst, o);
        } else {
            foldBaseEntry(src, i, r, dst, o);
        }
    }

    /** The folded table (always in the extension) of a base or extension table with 2 * half entries. */
    static long[] fold(long[] src, boolean ext, int half, Ext3 r) {
        Challenge c = new Challenge(r);
        long[] dst = new long[3 * half];
        Parallel.forRange(half, MIN_PARALLEL_CHUNK, (from, to) -> {
            for (int j = from; j < to; j++) {
                foldEntry(src, ext, j, c, dst, j);
            }
        });
        return dst;
    }

    /** Number of chunks to split {@code n} items into for a parallel reduction with per-chunk partials. */
    static int chunkCount(int n) {
        if (n < 2 * MIN_PARALLEL_CHUNK) {
            return 1;
        }
        return Math.min(4 * Parallel.threads(), n / MIN_PARALLEL_CHUNK);
    }

    /** First item of chunk c out of {@code chunks} over n items. */
    static int chunkStart(int c, int chunks, int n) {
        return (int) ((long) n * c / chunks);
    }
}
