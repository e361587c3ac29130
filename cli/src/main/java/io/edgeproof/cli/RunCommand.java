package io.edgeproof.cli;

import io.edgeproof.zkml.accuracy.LayerErrors;
import io.edgeproof.zkml.engine.IntegerEngine;
import io.edgeproof.zkml.graph.Simplifier;
import io.edgeproof.zkml.onnx.OnnxImporter;
import io.edgeproof.zkml.io.InputFile;
import io.edgeproof.zkml.io.ModelFiles;
import io.edgeproof.zkml.quant.QuantizedModel;
import java.io.PrintWriter;
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
 * {@code edgeproof run}: quantized inference on an input.json, with ONNX Runtime's float outputs beside it
 * and, per layer, the error of the dequantized integer values against the float graph.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a model (.onnx, compiled with its default calibration, or .epm) on input.json rows.")
public final class RunCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, description = "network.onnx or model.epm")
    Path model;

    @Option(names = "--input", required = true, description = "input.json: {\"input_data\": [[...], ...]}")
    Path input;

    @Option(names = "--json", description = "machine-readable output")
    boolean json;

    @Override
    public Integer call() {
        ModelArgs.existing(model, "model");
        List<double[]> rows = InputFile.read(ModelArgs.existing(input, "input file"));
        QuantizedModel m = ModelFiles.load(model);
        double[][] outputs = new IntegerEngine(m).infer(rows.toArray(new double[0][]));
        Path onnx = ModelArgs.onnxSource(model);
        double[][] floats = null;
        double maxErr = 0;
        List<LayerErrors.LayerError> layers = List.of();
        if (onnx != null) {
            layers = LayerErrors.measure(Simplifier.simplify(OnnxImporter.load(onnx)), m, rows);
            floats = new double[rows.size()][];
            try (FloatReference ort = new FloatReference(onnx, m.inputShape(), 0)) {
                for (int s = 0; s < rows.size(); s++) {
                    floats[s] = ort.run(rows.get(s));
                    for (int i = 0; i < Math.min(floats[s].length, outputs[s].length); i++) {
                        maxErr = Math.max(maxErr, Math.abs(floats[s][i] - outputs[s][i]));
                    }
                }
            }
        }
        PrintWriter w = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("outputs", outputs);
            out.put("float_outputs", floats);
            out.put("max_abs_error", floats == null ? null : maxErr);
            List<Map<String, Object>> layerJson = new ArrayList<>();
            for (LayerErrors.LayerError e : layers) {
                layerJson.add(Map.of("node", e.node(), "op", e.op(), "max_abs_error", e.maxAbsError(),
                        "max_abs_value", e.maxAbsValue()));
            }
            out.put("layer_errors", layerJson);
            if (floats == null) {
                out.put("note", "float outputs unavailable: no ONNX model beside " + model);
            }
            w.println(ModelArgs.json(out));
            return 0;
        }
        for (int s = 0; s < outputs.length; s++) {
            w.println("sample " + s + ": " + Arrays.toString(outputs[s]));
            if (floats != null) {
                w.println("  float " + s + ": " + Arrays.toString(floats[s]));
            }
        }
        if (!layers.isEmpty()) {
            w.println("per layer, max |dequantized - float| over the samples:");
            w.printf("  %-32s %-12s %12s %12s %9s%n", "node", "op", "max error", "max |float|", "relative");
            for (LayerErrors.LayerError e : layers) {
                w.printf("  %-32s %-12s %12.4e %12.4e %8.2f%%%n", e.node(), e.op(), e.maxAbsError(), e.maxAbsValue(),
                        100 * e.relative());
            }
        }
        w.println(floats == null
                ? "float outputs unavailable: no ONNX model (same name or network.onnx) beside " + model
                : String.format("max |quantized - float| = %.4e (float from ONNX Runtime on %s)", maxErr, onnx));
        return 0;
    }
}
