package io.edgeproof.cli;

import io.edgeproof.zkml.engine.IntegerEngine;
import io.edgeproof.zkml.graph.ModelException;
import io.edgeproof.zkml.io.InputFile;
import io.edgeproof.zkml.io.ModelFiles;
import io.edgeproof.zkml.quant.QuantizedModel;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code edgeproof bench infer}: plain quantized inference against ONNX Runtime (2 threads), batch 1, in one
 * process. Each run repeats inference for at least {@value #RUN_MILLIS} ms and reports the time per
 * inference; 2 warm-up runs, then the median of 5.
 */
@Command(name = "infer", mixinStandardHelpOptions = true,
        description = "Integer inference vs ONNX Runtime float, batch 1 (median of 5 runs after 2 warm-ups).")
public final class InferBenchCommand implements Callable<Integer> {
    static final List<String> DEFAULT_MODELS = List.of("digits-mlp", "digits-cnn", "cnn-cifar-62k", "cnn-264k", "mlp-4m");
    private static final int WARMUPS = 2;
    private static final int RUNS = 5;
    private static final long RUN_MILLIS = 200;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--models", split = ",", description = "model names under ../shared/models (default: ${DEFAULT-VALUE})")
    List<String> models = DEFAULT_MODELS;

    @Option(names = "--json", description = "only the JSON array")
    boolean json;

    @Override
    public Integer call() {
        Path root = SharedModelDir.find();
        PrintWriter w = spec.commandLine().getOut();
        List<Map<String, Object>> results = new ArrayList<>();
        if (!json) {
            w.printf("%-22s %10s %12s %12s %8s%n", "model", "params", "infer_ms", "ort_ms", "ratio");
        }
        for (String name : models) {
            Path onnx = root.resolve(name).resolve("network.onnx");
            if (!Files.isRegularFile(onnx)) {
                throw new ModelException("unknown model '" + name + "' (no " + onnx + ")");
            }
            QuantizedModel m = ModelFiles.compile(onnx, null).model();
            double[] sample = InputFile.read(onnx.resolveSibling("input.json")).get(0);
            IntegerEngine engine = new IntegerEngine(m);
            int[] q = m.quantizeInput(sample);
            double inferMs = median(() -> engine.run(q, 1));
            double ortMs;
            try (FloatReference ort = new FloatReference(onnx, m.inputShape(), 2)) {
                ortMs = median(() -> ort.run(sample));
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("model", name);
            r.put("params", m.parameterCount());
            r.put("infer_ms", round(inferMs));
            r.put("ort_ms", round(ortMs));
            results.add(r);
            if (!json) {
                w.printf("%-22s %10d %12.4f %12.4f %7.1fx%n", name, m.parameterCount(), inferMs, ortMs, inferMs / ortMs);
                w.flush();
            }
        }
        w.println(ModelArgs.json(results));
        return 0;
    }

    private static double median(Runnable inference) {
        double[] times = new double[RUNS];
        for (int r = 0; r < WARMUPS + RUNS; r++) {
            long start = System.nanoTime();
            long deadline = start + RUN_MILLIS * 1_000_000;
            int count = 0;
            long now;
            do {
                inference.run();
                count++;
                now = System.nanoTime();
            } while (now < deadline);
            if (r >= WARMUPS) {
                times[r - WARMUPS] = (now - start) / 1e6 / count;
            }
        }
        Arrays.sort(times);
        return times[RUNS / 2];
    }

    private static double round(double ms) {
        return Math.round(ms * 10000) / 10000.0;
    }
}
