package io.edgeproof.iop.sumcheck;

import io.edgeproof.field.Parallel;

/**
 * A parallel reduction for prover kernels: [0, n) is split into chunks, each chunk computes
 * {@code width} extension sums into its own slice, and the slices are added. No shared accumulators, so
 * chunks never contend; the chunk count depends only on n and the thread count, not on timing.
 */
public final class ParallelSums {
    /** One chunk: writes its sums (width extension elements, interleaved) at out[at..at + 3 width). */
    @FunctionalInterface
    public interface ChunkSum {
        void run(int from, int to, long[] out, int at);
    }

    private ParallelSums() {}

    /** The {@code width} extension sums over [0, n), interleaved. */
    public static long[] sum(int n, int width, ChunkSum body) {
        int chunks = Folding.chunkCount(n);
        int stride = 3 * width;
        long[] partials = new long[stride * chunks];
        Parallel.forRange(chunks, 1, (c0, c1) -> {
            for (int c = c0; c < c1; c++) {
                body.run(Folding.chunkStart(c, chunks, n), Folding.chunkStart(c + 1, chunks, n), partials, stride * c);
            }
        });
        long[] sums = new long[stride];
        for (int c = 0; c < chunks; c++) {
            for (int i = 0; i < stride; i++) {
                sums[i] = BranchFreeArithmetic.add(sums[i], partials[stride * c + i]);
            }
        }
        return sums;
    }
}
