package io.edgeproof.zkml.quant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeproof.zkml.OrtReference;
import io.edgeproof.zkml.SharedModels;
import io.edgeproof.zkml.engine.IntegerEngine;
import io.edgeproof.zkml.graph.Graph;
import io.edgeproof.zkml.graph.Simplifier;
import io.edgeproof.zkml.onnx.OnnxImporter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuantizedAccuracyTest {
    @Test
    void quantizedOutputsAgreeWithOnnxRuntimeOnEverySharedModel() throws Exception {
        for (String name : SharedModels.all()) {
            Path onnx = SharedModels.model(name);
            Graph g = Simplifier.simplify(OnnxImporter.load(onnx));
            JsonNode rows = new ObjectMapper().readTree(onnx.resolveSibling("input.json").toFile()).get("input_data");
            List<double[]> samples = new ArrayList<>();
            for (JsonNode row : rows) {
                double[] x = new double[row.size()];
                for (int i = 0; i < x.length; i++) {
                    x[i] = row.get(i).asDouble();
                }
                samples.add(x);
            }
            QuantizedModel q = Quantizer.quantize(g, samples);
            IntegerEngine engine = new IntegerEngine(q);
            double[][] ours = engine.infer(samples.toArray(new double[0][]));
            double maxErr = 0;
            double maxRef = 0;
            try (OrtReference ort = new OrtReference(onnx, g.inputShape())) {
                for (int s = 0; s < samples.size(); s++) {
                    float[] ref = ort.run(samples.get(s));
                    assertThat(ours[s]).as(name).hasSize(ref.length);
                    for (int i = 0; i < ref.length; i++) {
                        maxErr = Math.max(maxErr, Math.abs(ours[s][i] - ref[i]));
                        maxRef = Math.max(maxRef, Math.abs(ref[i]));
                    }
                }
            }
            System.out.printf("%-28s max|q-ort|=%.3e  max|ort|=%.3e  rel=%.2e%n", name, maxErr, maxRef, maxErr / Math.max(maxRef, 1e-12));
        }
    }
}
