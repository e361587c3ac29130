package io.edgeproof.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class MedianTimerTest {
    /** A clock whose successive start/stop readings give the listed run durations. */
    private static LongSupplier clockGiving(long... durations) {
        long[] readings = new long[2 * durations.length];
        long now = 1_000;
        for (int i = 0; i < durations.length; i++) {
            readings[2 * i] = now;
            now += durations[i];
            readings[2 * i + 1] = now;
            now += 7; // time between runs is not counted
        }
        AtomicInteger next = new AtomicInteger();
        return () -> readings[next.getAndIncrement()];
    }

    @Test
    void recordsEveryTimedRunAndTakesTheMedian() {
        MedianTimer timer = new MedianTimer(2, 5, clockGiving(50, 10, 40, 20, 30));
        AtomicInteger calls = new AtomicInteger();
        Timing t = timer.time(calls::incrementAndGet);
        assertThat(calls).hasValue(7); // warm-ups run but are not timed
        assertThat(t.runNanos()).containsExactly(50, 10, 40, 20, 30);
        assertThat(t.medianNanos()).isEqualTo(30.0);
        assertThat(t.perSecond(3)).isCloseTo(1e8, within(1e-3));
    }

    @Test
    void evenRunCountAveragesTheMiddleRuns() {
        Timing t = new MedianTimer(0, 4, clockGiving(10, 40, 20, 30)).time(() -> { });
        assertThat(t.medianNanos()).isEqualTo(25.0);
        assertThat(t.medianMillis()).isEqualTo(25e-6);
    }

    @Test
    void setupRunsBeforeEveryRunOutsideTheTimedRegion() {
        List<String> events = new ArrayList<>();
        AtomicInteger tick = new AtomicInteger();
        MedianTimer timer = new MedianTimer(1, 2, () -> {
            events.add("clock");
            return tick.getAndAdd(100);
        });
        timer.time(() -> {
            events.add("setup");
            return "witness";
        }, w -> events.add("body " + w));
        assertThat(events).containsExactly("setup", "body witness", "setup", "clock", "body witness", "clock",
                "setup", "clock", "body witness", "clock");
    }

    @Test
    void rejectsNoRuns() {
        assertThatThrownBy(() -> new MedianTimer(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MedianTimer(-1, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
