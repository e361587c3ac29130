package io.edgeproof.cli;

import java.io.PrintWriter;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/** Progress lines of a long-running command: local time, who speaks, what happened; flushed at once. */
final class Progress implements Consumer<String> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private final PrintWriter out;
    private final String who;

    Progress(PrintWriter out, String who) {
        this.out = out;
        this.who = who;
    }

    @Override
    public synchronized void accept(String line) {
        out.println(LocalTime.now().format(TIME) + " " + who + " " + line);
        out.flush();
    }

    /** Blocks until the JVM is asked to stop (SIGTERM, SIGINT); shutdown hooks do the closing. */
    static void untilStopped() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
