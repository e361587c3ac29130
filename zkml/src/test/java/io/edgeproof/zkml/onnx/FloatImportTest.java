package io.edgeproof.zkml.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeproof.zkml.OrtReference;
import io.edgeproof.zkml.SharedModels;
import io.edgeproof.zkml.graph.FloatInterpreter;
import io.edgeproof.zkml.graph.Graph;
import io.edgeproof.zkml.graph.Simplifier;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FloatImportTest {
    @Test
    void importedAndSimplifiedGraphsMatchOnnxRuntimeOnEverySharedModel() throws Exception {
        for (String name : SharedModels.all()) {
            Path onnx = SharedModels.model(name);
            Graph raw = OnnxImporter.load(onnx);
            Graph g = Simplifier.simplify(raw);
            JsonNode rows = new ObjectMapper().readTree(onnx.resolveSibling("input.json").toFile()).get("input_data");
            double maxErr = 0;
            try (OrtReference ort = new OrtReference(onnx, g.inputShape())) {
                for (JsonNode row : rows) {
                    double[] x = new double[row.size()];
                    for (int i = 0; i < x.length; i++) {
                        x[i] = row.get(i).asDouble();
                    }
                    double[] ours = FloatInterpreter.run(g, x);
                    double[] unsimplified = FloatInterpreter.run(raw, x);
                    float[] ref = ort.run(x);
                    assertThat(ours).as(name).hasSize(ref.length);
                    for (int i = 0; i < ref.length; i++) {
                        maxErr = Math.max(maxErr, Math.max(Math.abs(ours[i] - ref[i]), Math.abs(unsimplified[i] - ref[i])));
                    }
                }
            }
            System.out.printf("%-28s nodes=%3d->%3d max|float-ort|=%.2e%n", name, raw.nodes().size(), g.nodes().size(), maxErr);
            assertThat(maxErr).as(name).isLessThan(1e-3);
        }
    }
}
