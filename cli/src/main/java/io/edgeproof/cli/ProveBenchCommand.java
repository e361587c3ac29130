package io.edgeproof.cli;

import io.edgeproof.bench.MedianTimer;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code edgeproof bench prove}: per model, inference (integer engine and ONNX Runtime), setup, prove and
 * verify of batch 1 in this JVM ({@link ProveBench}), then, unless {@code --no-ezkl}, the side-by-side run:
 * EZKL's wasm engine on its 1l_mlp fixture and EdgeProof on the same ONNX model. Progress goes to stderr;
 * stdout gets a table, and with {@code --json} the JSON array of rows as its last line. Exit 1 if any
 * honest proof was rejected (the run goes on, the row says so), 2 for an unknown model.
 */
@Command(name = "prove", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Prove and verify, batch 1, per model (median of 5 runs after 2 warm-ups, in-process, setup"
                + " timed apart), beside integer inference, ONNX Runtime and, when node is on the PATH, EZKL on its"
                + " 1l_mlp fixture.")
final class ProveBenchCommand implements Callable<Integer> {
    static final List<String> DEFAULT_MODELS = List.of("digits-cnn", "cnn-cifar-62k", "cnn-264k", "mlp-4m");
    /** EdgeProof's row for the ONNX model of the EZKL fixture (the same network as ../shared/models/ezkl/1l_mlp). */
    static final String FIXTURE_NAME = "ezkl/1l_mlp";

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--models", split = ",", paramLabel = "NAME",
            description = "model names under ../shared/models (default: ${DEFAULT-VALUE})")
    List<String> models = DEFAULT_MODELS;

    @Option(names = "--json", description = "also print the JSON array of rows as the last stdout line")
    boolean json;

    @Option(names = "--warmups", paramLabel = "W", defaultValue = "2", description = "untimed runs first (default: ${DEFAULT-VALUE})")
    int warmups;

    @Option(names = "--runs", paramLabel = "R", defaultValue = "5", description = "timed runs; the median is reported (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--ezkl", negatable = true,
            description = "add EZKL (wasm, via scripts/ezkl/run.sh) on its 1l_mlp fixture and EdgeProof on the same"
                    + " model; default: on when node and npm are on the PATH")
    Boolean ezkl;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        if (warmups < 0 || runs < 1) {
            throw new CommandLine.ParameterException(cl, "need --warmups >= 0 and --runs >= 1");
        }
        Path root = SharedModelDir.find();
        Map<String, Path> networks = new LinkedHashMap<>();
        models.forEach(name -> networks.put(name, SharedModelDir.network(root, name)));
        PrintWriter err = cl.getErr();
        Consumer<String> progress = line -> {
            err.println("bench prove: " + line);
            err.flush();
        };
        double loadAtStart = loadAverage();
        progress.accept(String.format(Locale.ROOT, "load average %.2f on %d cores", loadAtStart,
                Runtime.getRuntime().availableProcessors()));
        ProveBench bench = new ProveBench(new MedianTimer(warmups, runs), progress);
        List<Map<String, Object>> rows = new ArrayList<>();
        boolean rejected = false;
        for (Map.Entry<String, Path> e : networks.entrySet()) {
            rejected |= measure(bench, e.getKey(), e.getValue(), rows);
        }
        if (ezkl != null ? ezkl : onPath("node") && onPath("npm")) {
            EzklBaseline baseline = EzklBaseline.ofRepository(null);
            Map<String, Object> ours = rowFor(baseline.fixtureModel(), networks, rows);
            if (ours == null) {
                rejected |= measure(bench, FIXTURE_NAME, baseline.fixtureModel(), rows);
                ours = rows.getLast();
            }
            rows.add(ezklRow(baseline, ours.get("params"), progress));
        }
        PrintWriter out = cl.getOut();
        new ProveBenchTable(out).print(rows, warmups, runs, loadAtStart, loadAverage());
        if (json) {
            out.println(ModelArgs.json(rows));
        }
        out.flush();
        return rejected ? 1 : 0;
    }

    /** Adds the model's row; true if an honest proof was rejected (the row then carries the error). */
    private static boolean measure(ProveBench bench, String name, Path onnx, List<Map<String, Object>> rows) {
        try {
            rows.add(bench.run(name, onnx));
            return false;
        } catch (ProveBench.HonestProofRejected e) {
            Map<String, Object> row = ProveBench.emptyRow(name, ProveBench.ENGINE);
            row.put("error", e.getMessage());
            rows.add(row);
            return true;
        }
    }

    /** The row already measured for the same ONNX file content as {@code onnx}, or null. */
    private static Map<String, Object> rowFor(Path onnx, Map<String, Path> networks, List<Map<String, Object>> rows) {
        int i = 0;
        for (Path p : networks.values()) {
            try {
                if (Files.mismatch(p, onnx) == -1L) {
                    return rows.get(i);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            i++;
        }
        return null;
    }

    /** EZKL's own timings of its fixture; a baseline that cannot run gives a row with the reason, not a failed run. */
    private static Map<String, Object> ezklRow(EzklBaseline baseline, Object params, Consumer<String> progress) {
        progress.accept("EZKL baseline on " + baseline.fixture() + " (its own 2 warm-ups and median of 5)");
        try {
            EzklBaseline.Result r = baseline.run(progress);
            Map<String, Object> row = ProveBench.emptyRow(FIXTURE_NAME + " (EZKL wasm " + r.version() + ")", "ezkl");
            row.put("params", params);
            row.put("prove_ms", InferenceSpeed.round(r.proveMs()));
            row.put("verify_ms", InferenceSpeed.round(r.verifyMs()));
            row.put("proof_bytes", r.proofBytes());
            row.put("setup_ms", InferenceSpeed.round(r.setupMs()));
            return row;
        } catch (EzklBaseline.BaselineException e) {
            progress.accept(e.getMessage());
            Map<String, Object> row = ProveBench.emptyRow(FIXTURE_NAME + " (EZKL wasm)", "ezkl");
            row.put("params", params);
            row.put("error", e.getMessage());
            return row;
        }
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
