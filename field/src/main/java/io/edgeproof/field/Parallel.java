package io.edgeproof.field;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * Splits a loop over [0, n) into contiguous chunks run on the common fork-join pool. Kernels call it with
 * a body over a sub-range, so the inner loop stays a plain primitive-array loop (no streams, no boxing).
 * Small loops run inline: below {@code minChunk} elements per task the fork costs more than it saves.
 */
public final class Parallel {
    /** A loop body over the half-open range [from, to). */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    private Parallel() {}

    public static int threads() {
        return ForkJoinPool.getCommonPoolParallelism() + 1;
    }

    public static void forRange(int n, int minChunk, RangeBody body) {
        int tasks = Math.min(threads() * 4, Math.max(1, n / Math.max(1, minChunk)));
        if (tasks <= 1) {
            body.run(0, n);
            return;
        }
        ForkJoinPool.commonPool().invoke(new Chunk(body, 0, n, (n + tasks - 1) / tasks));
    }

    private static final class Chunk extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final transient RangeBody body;
        private final int from;
        private final int to;
        private final int grain;

        Chunk(RangeBody body, int from, int to, int grain) {
            this.body = body;
            this.from = from;
            this.to = to;
            this.grain = grain;
        }

        @Override
        protected void compute() {
            if (to - from <= grain) {
                body.run(from, to);
                return;
            }
            int mid = from + (to - from) / 2;
            invokeAll(new Chunk(body, from, mid, grain), new Chunk(body, mid, to, grain));
        }
    }
}
