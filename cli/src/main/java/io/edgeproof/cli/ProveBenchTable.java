package io.edgeproof.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The readable form of the bench prove rows: one line per row, "-" where nothing was measured. */
final class ProveBenchTable {
    private static final String ROW = "%-34s %9s %9s %9s %10s %9s %9s %8s %10s %9s %10s%n";

    private final PrintWriter out;

    ProveBenchTable(PrintWriter out) {
        this.out = out;
    }

    void print(List<Map<String, Object>> rows, int warmups, int runs, double loadAtStart, double loadAtEnd) {
        out.printf(Locale.ROOT, "bench prove: batch 1, median of %d runs after %d warm-ups, in-process; setup timed once;"
                        + " ORT on %d threads; load average %.2f at start, %.2f at end, on %d cores%n", runs, warmups,
                InferenceSpeed.ORT_THREADS, loadAtStart, loadAtEnd, Runtime.getRuntime().availableProcessors());
        out.printf(Locale.ROOT, "peak heap: sum of the heap pools' peak use while proving (garbage included; max heap %,d MB)%n",
                HeapPeak.maxHeapMegabytes());
        out.printf(Locale.ROOT, ROW, "model", "params", "infer_ms", "ort_ms", "prove_ms", "verify_ms", "proof_KB",
                "heap_MB", "ratio", "ort_ratio", "setup_ms");
        for (Map<String, Object> r : rows) {
            String model = r.get("model").toString();
            if (r.get("error") != null) {
                out.printf(Locale.ROOT, "%-34s %9s %9s %9s  %s%n", model, cell(r.get("params")), ms(r.get("infer_ms")),
                        ms(r.get("ort_ms")), r.get("error"));
                continue;
            }
            Object bytes = r.get("proof_bytes");
            out.printf(Locale.ROOT, ROW, model, cell(r.get("params")), ms(r.get("infer_ms")), ms(r.get("ort_ms")),
                    ms(r.get("prove_ms")), ms(r.get("verify_ms")),
                    bytes == null ? "-" : String.format(Locale.ROOT, "%.1f", ((Number) bytes).longValue() / 1000.0),
                    cell(r.get("peak_heap_mb")), times(r.get("ratio")), times(r.get("ort_ratio")), ms(r.get("setup_ms")));
        }
    }

    private static String cell(Object v) {
        return v == null ? "-" : v.toString();
    }

    /** Milliseconds: whole from 100 ms, 2 decimals from 1 ms, 4 significant digits below. */
    private static String ms(Object v) {
        if (v == null) {
            return "-";
        }
        double d = ((Number) v).doubleValue();
        return d >= 100 ? String.format(Locale.ROOT, "%,.0f", d)
                : d >= 1 ? String.format(Locale.ROOT, "%.2f", d) : String.format(Locale.ROOT, "%.4g", d);
    }

    private static String times(Object v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%,.0fx", ((Number) v).doubleValue());
    }
}
