package io.edgeproof.ledger;

import java.time.Instant;
import java.time.InstantSource;

/** Time in whole seconds, moved by hand (simulations, tests): the ledger reads only its clock, never wall time. */
public final class ManualClock implements InstantSource {
    private long seconds;

    public ManualClock(long start) {
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
        seconds = Math.addExact(seconds, by);
    }
}
