package io.edgeproof.bench;

import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Times a body in this JVM: {@code warmups} untimed runs (so the JIT has compiled the hot loops), then
 * {@code runs} timed runs, each recorded. JVM start-up is never included. Per-run setup, such as building a
 * fresh witness, is done outside the timed region. The clock is a constructor argument so tests can stub it.
 */
public final class MedianTimer {
    private final int warmups;
    private final int runs;
    private final LongSupplier nanoClock;

    public MedianTimer(int warmups, int runs) {
        this(warmups, runs, System::nanoTime);
    }

    public MedianTimer(int warmups, int runs, LongSupplier nanoClock) {
        if (warmups < 0 || runs < 1) {
            throw new IllegalArgumentException("need warmups >= 0 and runs >= 1, got " + warmups + " and " + runs);
        }
        this.warmups = warmups;
        this.runs = runs;
        this.nanoClock = nanoClock;
    }

    public int warmups() {
        return warmups;
    }

    public int runs() {
        return runs;
    }

    public Timing time(Runnable body) {
        return time(() -> null, ignored -> body.run());
    }

    /** Calls {@code setup} before every run, untimed, and times {@code body} on what it returned. */
    public <T> Timing time(Supplier<T> setup, Consumer<T> body) {
        for (int i = 0; i < warmups; i++) {
            body.accept(setup.get());
        }
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            T input = setup.get();
            long start = nanoClock.getAsLong();
            body.accept(input);
            nanos[i] = nanoClock.getAsLong() - start;
        }
        return new Timing(nanos);
    }
}
