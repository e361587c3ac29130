package io.edgeproof.ledger;

import java.time.Instant;
import java.time.InstantSource;

/** A clock tests move by hand, in whole seconds. */
public final class TestClock implements InstantSource {
    private long seconds;

    public TestClock(long start) {
        this.seconds = start;
    }

    @Override
    public synchronized Instant instant() {
        return Instant.ofEpochSecond(seconds);
    }

    public synchronized long now() {
        return seconds;
    }

    public synchronized void advance(long by) {
        seconds += by;
    }
}
