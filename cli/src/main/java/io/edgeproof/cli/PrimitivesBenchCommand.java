package io.edgeproof.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeproof.bench.MedianTimer;
import io.edgeproof.bench.PrimitivesBench;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code edgeproof bench primitives}: field and hash throughput. Progress goes to stderr; stdout gets a
 * table, or with {@code --json} exactly one line holding one JSON object, so scripts can take the last line.
 */
@Command(name = "primitives",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Field multiplication and hash throughput (single thread), sumcheck and Basefold PCS at 2^N (all cores),"
                + " security bits; median of timed runs, in-process.")
final class PrimitivesBenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON object on the last line of stdout instead of a table.")
    boolean json;

    @Option(names = "--log-size", paramLabel = "N", defaultValue = "" + PrimitivesBench.DEFAULT_LOG_SIZE,
            description = "Work per run is 2^N multiplications (N in [" + PrimitivesBench.MIN_LOG_SIZE + ", "
                    + PrimitivesBench.MAX_LOG_SIZE + "], default: ${DEFAULT-VALUE}).")
    int logSize;

    @Option(names = "--warmups", paramLabel = "W", defaultValue = "2", description = "Untimed runs first (default: ${DEFAULT-VALUE}).")
    int warmups;

    @Option(names = "--runs", paramLabel = "R", defaultValue = "5", description = "Timed runs; the median is reported (default: ${DEFAULT-VALUE}).")
    int runs;

    @Override
    public Integer call() throws JsonProcessingException {
        CommandLine cl = spec.commandLine();
        if (logSize < PrimitivesBench.MIN_LOG_SIZE || logSize > PrimitivesBench.MAX_LOG_SIZE) {
            throw new CommandLine.ParameterException(cl, "--log-size must be in [" + PrimitivesBench.MIN_LOG_SIZE
                    + ", " + PrimitivesBench.MAX_LOG_SIZE + "], got " + logSize);
        }
        if (warmups < 0 || runs < 1) {
            throw new CommandLine.ParameterException(cl, "need --warmups >= 0 and --runs >= 1");
        }
        PrintWriter err = cl.getErr();
        Map<String, Number> results = new PrimitivesBench(logSize)
                .run(new MedianTimer(warmups, runs), line -> {
                    err.println(line);
                    err.flush();
                });
        PrintWriter out = cl.getOut();
        if (json) {
            out.println(new ObjectMapper().writeValueAsString(results));
        } else {
            printTable(out, results);
        }
        out.flush();
        return 0;
    }

    private void printTable(PrintWriter out, Map<String, Number> results) {
        out.printf(Locale.ROOT, "primitives: field and hashes on 1 thread, protocols on %d cores; median of %d runs after %d warm-ups%n",
                Runtime.getRuntime().availableProcessors(), runs, warmups);
        int width = results.keySet().stream().mapToInt(String::length).max().orElse(0);
        results.forEach((key, value) -> out.printf(Locale.ROOT, "  %-" + width + "s  %s%n", key, readable(value)));
    }

    private static String readable(Number value) {
        if (value instanceof Integer || value instanceof Long) {
            return value.toString();
        }
        double v = value.doubleValue();
        return Math.abs(v) >= 1000 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
