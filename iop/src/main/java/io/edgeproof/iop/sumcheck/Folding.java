package io.edgeproof.iop.sumcheck;

import io.edgeproof.field.Ext3;
import io.edgeproof.field.Goldilocks;
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
            r1d = Goldilocks.dbl(r1);
            r2d = Goldilocks.dbl(r2);
        }
    }

    /** dst[o] = fold of base pair i: three base products. */
    static void foldBaseEntry(long[] src, int i, Challenge r, long[] dst, int o) {
        long lo = src[2 * i];
        long d = Goldilocks.sub(src[2 * i + 1], lo);
        int z = 3 * o;
        dst[z] = Goldilocks.add(lo, Goldilocks.mul(d, r.r0));
        dst[z + 1] = Goldilocks.mul(d, r.r1);
        dst[z + 2] = Goldilocks.mul(d, r.r2);
    }

    /** dst[o] = fold of extension pair i: one extension product, three reductions. */
    static void foldExtEntry(long[] src, int i, Challenge r, long[] dst, int o) {
        int s = 6 * i;
        long lo0 = src[s], lo1 = src[s + 1], lo2 = src[s + 2];
        long d0 = Goldilocks.sub(src[s + 3], lo0);
        long d1 = Goldilocks.sub(src[s + 4], lo1);
        long d2 = Goldilocks.sub(src[s + 5], lo2);
        int z = 3 * o;
        dst[z] = Goldilocks.add(lo0, WideArithmetic.dot3(d0, r.r0, d1, r.r2d, d2, r.r1d));
        dst[z + 1] = Goldilocks.add(lo1, WideArithmetic.dot3(d0, r.r1, d1, r.r0, d2, r.r2d));
        dst[z + 2] = Goldilocks.add(lo2, WideArithmetic.dot3(d0, r.r2, d1, r.r1, d2, r.r0));
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
