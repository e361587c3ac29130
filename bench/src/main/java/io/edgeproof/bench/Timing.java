package io.edgeproof.bench;

import java.util.Arrays;

/** The wall-clock time of each measured run, in nanoseconds, in the order the runs happened. */
public record Timing(long[] runNanos) {
    public Timing {
        if (runNanos.length == 0) {
            throw new IllegalArgumentException("a timing needs at least one run");
        }
        runNanos = runNanos.clone();
    }

    @Override
    public long[] runNanos() {
        return runNanos.clone();
    }

    /** The median run; for an even count, the mean of the two middle runs. */
    public double medianNanos() {
        long[] sorted = runNanos.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }

    public double medianMillis() {
        return medianNanos() / 1e6;
    }

    /** Units of work per second at the median run, for a body that does {@code unitsPerRun} each run. */
    public double perSecond(double unitsPerRun) {
        return unitsPerRun / (Math.max(1.0, medianNanos()) / 1e9); // a run below clock resolution counts as 1 ns
    }
}
