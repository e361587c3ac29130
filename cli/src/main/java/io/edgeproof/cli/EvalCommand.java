package io.edgeproof.cli;

import io.edgeproof.zkml.engine.IntegerEngine;
import io.edgeproof.zkml.graph.ModelException;
import io.edgeproof.zkml.io.Dataset;
import io.edgeproof.zkml.io.ModelFiles;
import io.edgeproof.zkml.quant.QuantizedModel;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code edgeproof eval}: float (ONNX Runtime) and quantized top-1 accuracy on a labelled dataset. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Top-1 accuracy of the float model (ONNX Runtime) and of the quantized model on a dataset.")
public final class EvalCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, description = "network.onnx (or a model.epm with its ONNX beside it)")
    Path model;

    @Option(names = "--dataset", required = true, description = "{\"inputs\": [[...]], \"labels\": [...]}")
    Path dataset;

    @Option(names = "--json", description = "machine-readable output")
    boolean json;

    @Override
    public Integer call() {
        ModelArgs.existing(model, "model");
        Dataset data = Dataset.read(ModelArgs.existing(dataset, "dataset"));
        Path onnx = ModelArgs.onnxSource(model);
        if (onnx == null) {
            throw new ModelException("float accuracy needs the ONNX model; none found beside " + model);
        }
        QuantizedModel m = ModelFiles.load(model);
        double[][] quantized = new IntegerEngine(m).infer(data.inputs().toArray(new double[0][]));
        int floatHits = 0;
        int quantHits = 0;
        try (FloatReference ort = new FloatReference(onnx, m.inputShape(), 0)) {
            for (int i = 0; i < data.size(); i++) {
                floatHits += Dataset.argmax(ort.run(data.inputs().get(i))) == data.labels()[i] ? 1 : 0;
                quantHits += Dataset.argmax(quantized[i]) == data.labels()[i] ? 1 : 0;
            }
        }
        double fa = (double) floatHits / data.size();
        double qa = (double) quantHits / data.size();
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("float_accuracy", fa);
            out.put("quantized_accuracy", qa);
            out.put("samples", data.size());
            spec.commandLine().getOut().println(ModelArgs.json(out));
        } else {
            spec.commandLine().getOut().printf("samples %d: float top-1 %.2f%%, quantized top-1 %.2f%% (%+.2f points)%n",
                    data.size(), 100 * fa, 100 * qa, 100 * (qa - fa));
        }
        return 0;
    }
}
