package io.edgeproof.zkml.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeproof.zkml.OrtReference;
import io.edgeproof.zkml.SharedModels;
import io.edgeproof.zkml.graph.FloatInterpreter;
import io.edgeproof.zkml.graph.Graph;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FloatImportTest {
    @Test
    void floatInterpreterMatchesOnnxRuntimeOnEverySharedModel() throws Exception {
        for (String name : SharedModels.all()) {
            Path onnx = SharedModels.model(name);
            Graph g = OnnxImporter.load(onnx);
            JsonNode rows = new ObjectMapper().readTree(onnx.resolveSibling("input.json").toFile()).get("input_data");
            double maxErr = 0;
            try (OrtReference ort = new OrtReference(onnx, g.inputShape())) {
                for (JsonNode row : rows) {
                    double[] x = new double[row.size()];
                    for (int i = 0; i < x.length; i++) {
                        x[i] = row.get(i).asDouble();
                    }
                    double[] ours = FloatInterpreter.run(g, x);
                    float[] ref = ort.run(x);
                    assertThat(ours).as(name).hasSize(ref.length);
                    for (int i = 0; i < ref.length; i++) {
                        maxErr = Math.max(maxErr, Math.abs(ours[i] - ref[i]));
                    }
                }
            }
            System.out.printf("%-28s nodes=%3d max|float-ort|=%.2e%n", name, g.nodes().size(), maxErr);
            assertThat(maxErr).as(name).isLessThan(1e-3);
        }
    }
}
