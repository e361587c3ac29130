package io.edgeproof.cli;

import io.edgeproof.zkml.io.InputFile;
import io.edgeproof.zkml.io.ModelFiles;
import io.edgeproof.zkml.quant.QuantizedModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code edgeproof bench infer}: plain quantized inference against ONNX Runtime (2 threads), batch 1, in one
 * process, timed by {@link InferenceSpeed}: 2 warm-up runs, then the median of 5.
 */
@Command(name = "infer", mixinStandardHelpOptions = true,
        description = "Integer inference vs ONNX Runtime float, batch 1 (median of 5 runs after 2 warm-ups).")
public final class InferBenchCommand implements Callable<Integer> {
    static final List<String> DEFAULT_MODELS = List.of("digits-mlp", "digits-cnn", "cnn-cifar-62k", "cnn-264k", "mlp-4m");
    private static final int WARMUPS = 2;
    private static final int RUNS = 5;

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
            Path onnx = SharedModelDir.network(root, name);
            QuantizedModel m = ModelFiles.compile(onnx, null).model();
            double[] sample = InputFile.read(onnx.resolveSibling("input.json")).get(0);
            InferenceSpeed speed = InferenceSpeed.measure(onnx, m, sample, WARMUPS, RUNS);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("model", name);
            r.put("params", m.parameterCount());
            r.put("infer_ms", InferenceSpeed.round(speed.inferMs()));
            r.put("ort_ms", InferenceSpeed.round(speed.ortMs()));
            results.add(r);
            if (!json) {
                w.printf("%-22s %10d %12.4f %12.4f %7.1fx%n", name, m.parameterCount(), speed.inferMs(), speed.ortMs(),
                        speed.inferMs() / speed.ortMs());
                w.flush();
            }
        }
        w.println(ModelArgs.json(results));
        return 0;
    }
}
