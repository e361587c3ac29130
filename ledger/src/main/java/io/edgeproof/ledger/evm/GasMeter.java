package io.edgeproof.ledger.evm;

import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.TreeMap;

/** Gas used per operation, from the receipts of mined transactions. */
public final class GasMeter {
    private final Map<String, LongSummaryStatistics> byOperation = new TreeMap<>();

    synchronized void record(String operation, long gasUsed) {
        byOperation.computeIfAbsent(operation, k -> new LongSummaryStatistics()).accept(gasUsed);
    }

    /** A copy: operation -> count, min, average, max gas. */
    public synchronized Map<String, LongSummaryStatistics> snapshot() {
        Map<String, LongSummaryStatistics> copy = new TreeMap<>();
        byOperation.forEach((op, s) -> {
            LongSummaryStatistics c = new LongSummaryStatistics();
            c.combine(s);
            copy.put(op, c);
        });
        return copy;
    }

    /** One line per operation: name, transactions, min / mean / max gas. */
    public String table() {
        StringBuilder b = new StringBuilder(String.format("%-28s %6s %9s %9s %9s%n", "operation", "txs", "min", "mean", "max"));
        snapshot().forEach((op, s) -> b.append(String.format("%-28s %6d %9d %9.0f %9d%n", op, s.getCount(), s.getMin(),
                s.getAverage(), s.getMax())));
        return b.toString();
    }
}
