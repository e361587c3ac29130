package io.edgeproof.zkml.quant;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeproof.zkml.OrtReference;
import io.edgeproof.zkml.SharedModels;
import io.edgeproof.zkml.engine.IntegerEngine;
import io.edgeproof.zkml.io.Dataset;
import io.edgeproof.zkml.io.InputFile;
import io.edgeproof.zkml.io.ModelFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The quantized engine against ONNX Runtime (float, batch 1) on every shared model. Tolerance: the largest
 * output error is at most 2% of the largest |output| (int8 weights, int16 activations; measured worst case
 * is under 1%, see the zkml README table).
 */
class QuantizedAccuracyTest {
    static final double RELATIVE_TOLERANCE = 0.02;

    @Test
    void everySharedModelCompilesRunsAndAgreesWithOnnxRuntime() throws Exception {
        StringBuilder table = new StringBuilder();
        for (String name : SharedModels.all()) {
            Path onnx = SharedModels.model(name);
            ModelFiles.Compiled c = ModelFiles.compile(onnx, null);
            List<double[]> samples = InputFile.read(onnx.resolveSibling("input.json"));
            double[][] ours = new IntegerEngine(c.model()).infer(samples.toArray(new double[0][]));
            double maxErr = 0;
            double maxRef = 0;
            try (OrtReference ort = new OrtReference(onnx, c.graph().inputShape())) {
                for (int s = 0; s < samples.size(); s++) {
                    float[] ref = ort.run(samples.get(s));
                    assertThat(ours[s]).as(name).hasSize(ref.length);
                    for (int i = 0; i < ref.length; i++) {
                        maxErr = Math.max(maxErr, Math.abs(ours[s][i] - ref[i]));
                        maxRef = Math.max(maxRef, Math.abs(ref[i]));
                    }
                }
            }
            table.append(String.format("| %s | %d | %.2e | %.2e | %.2f%% |%n", name, c.model().nodes().size(), maxErr,
                    maxRef, 100 * maxErr / maxRef));
            assertThat(maxErr).as(name).isLessThanOrEqualTo(RELATIVE_TOLERANCE * maxRef + 1e-6);
        }
        System.out.print(table);
    }

    @Test
    void digitsModelsKeepTheirFloatAccuracyWithinHalfAPoint() throws Exception {
        Dataset data = Dataset.read(SharedModels.root().resolve("digits-test.json"));
        for (String name : List.of("digits-mlp", "digits-cnn")) {
            Path onnx = SharedModels.model(name);
            ModelFiles.Compiled c = ModelFiles.compile(onnx, null);
            double[][] quantized = new IntegerEngine(c.model()).infer(data.inputs().toArray(new double[0][]));
            int floatHits = 0;
            int quantHits = 0;
            try (OrtReference ort = new OrtReference(onnx, c.graph().inputShape())) {
                for (int i = 0; i < data.size(); i++) {
                    float[] f = ort.run(data.inputs().get(i));
                    double[] fd = new double[f.length];
                    for (int j = 0; j < f.length; j++) {
                        fd[j] = f[j];
                    }
                    floatHits += Dataset.argmax(fd) == data.labels()[i] ? 1 : 0;
                    quantHits += Dataset.argmax(quantized[i]) == data.labels()[i] ? 1 : 0;
                }
            }
            double fa = (double) floatHits / data.size();
            double qa = (double) quantHits / data.size();
            System.out.printf("%s: float %.4f quantized %.4f%n", name, fa, qa);
            assertThat(Math.abs(fa - qa)).as(name).isLessThanOrEqualTo(0.005);
        }
    }
}
