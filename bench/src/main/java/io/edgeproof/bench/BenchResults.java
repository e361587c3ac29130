package io.edgeproof.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Collects named benchmark figures in the order they were measured. Each {@code record*} method takes the
 * work as a lambda, times it with the shared {@link MedianTimer} and stores one number under its key, so a
 * new metric is one call, e.g.
 * <pre>{@code
 * results.recordMillis("sumcheck_prove_ms_2e" + logSize, () -> freshWitness(logSize), w -> prover.prove(w));
 * results.recordValue("pcs_proof_bytes_2e" + logSize, () -> proof.encode().length);
 * }</pre>
 * Keys are snake_case with their unit at the end ({@code _ms}, {@code _per_sec}, {@code _bytes}, ...).
 */
public final class BenchResults {
    private final MedianTimer timer;
    private final Consumer<String> progress;
    private final Map<String, Number> values = new LinkedHashMap<>();

    /** {@code progress} receives one human-readable line before each measurement (e.g. for stderr). */
    public BenchResults(MedianTimer timer, Consumer<String> progress) {
        this.timer = timer;
        this.progress = progress;
    }

    /** Median wall time in milliseconds of {@code body}; {@code setup} runs before each run, untimed. */
    public <T> Timing recordMillis(String key, Supplier<T> setup, Consumer<T> body) {
        announceTimed(key);
        Timing t = timer.time(setup, body);
        put(key, t.medianMillis());
        return t;
    }

    /**
     * Units per second at the median run of {@code body}, which does {@code unitsPerRun} units of work
     * (operations, or megabytes for a {@code _mb_per_sec} key).
     */
    public Timing recordRate(String key, double unitsPerRun, Runnable body) {
        announceTimed(key);
        Timing t = timer.time(body);
        put(key, t.perSecond(unitsPerRun));
        return t;
    }

    /** A figure that is computed, not timed (proof size, security bits). */
    public void recordValue(String key, Supplier<? extends Number> value) {
        progress.accept("computing " + key);
        put(key, value.get());
    }

    /** The figures so far, in measurement order. */
    public Map<String, Number> asMap() {
        return Collections.unmodifiableMap(values);
    }

    private void announceTimed(String key) {
        progress.accept("measuring " + key + " (" + timer.warmups() + " warm-up, " + timer.runs() + " timed runs)");
    }

    private void put(String key, Number value) {
        if (values.putIfAbsent(key, value) != null) {
            throw new IllegalStateException("metric " + key + " recorded twice");
        }
    }
}
