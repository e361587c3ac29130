package io.edgeproof.network.http;

import io.edgeproof.ledger.LedgerEvent;

/** One ledger event as a progress line: {@code event 12  JOB_PAID  job 3  0x650b…5396  100  verified on attempt 1}. */
public final class EventLine {
    private EventLine() {}

    public static String of(LedgerEvent e) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("event %-5d %-23s", e.seq(), e.type()));
        b.append(e.jobId() == 0 ? "         " : String.format("job %-5d", e.jobId()));
        b.append(e.address() == null ? "              " : " " + shortAddress(e.address().hex()));
        if (e.amount() != 0) {
            b.append(String.format(" %7d", e.amount()));
        }
        if (e.fault() != null) {
            b.append(' ').append(e.fault());
        }
        return b.append("  ").append(e.detail()).toString();
    }

    /** 0x650b…5396: enough to tell nodes apart in a log line. */
    public static String shortAddress(String hex) {
        return hex.length() <= 12 ? hex : hex.substring(0, 6) + "…" + hex.substring(hex.length() - 4);
    }
}
