package io.edgeproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compile, run, eval and bench infer on the shared models, in-process; errors are one line with exit 2. */
class ModelCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path MODELS = SharedModelDir.find();

    @TempDir
    Path dir;

    private static String model(String name) {
        return MODELS.resolve(name).resolve("network.onnx").toString();
    }

    private static String input(String name) {
        return MODELS.resolve(name).resolve("input.json").toString();
    }

    @Test
    void compileWritesTheModelAndPrintsItsContentHash() throws Exception {
        Path epm = dir.resolve("m.epm");
        CliRun r = CliRun.of("compile", "--model", model("digits-mlp"), "--out", epm.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.size(epm)).isPositive();
        assertThat(r.out()).contains("Linear").containsPattern("content hash \\(sha256\\): [0-9a-f]{64}");
        CliRun again = CliRun.of("compile", "--model", model("digits-mlp"), "--out", dir.resolve("n.epm").toString());
        assertThat(Files.readAllBytes(dir.resolve("n.epm"))).isEqualTo(Files.readAllBytes(epm));
        assertThat(again.lastOutLine()).isEqualTo(r.lastOutLine());
    }

    @Test
    void runJsonHasOutputsFloatOutputsErrorAndLayerErrors() throws Exception {
        CliRun r = CliRun.of("run", "--model", model("digits-cnn"), "--input", input("digits-cnn"), "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = JSON.readTree(r.lastOutLine());
        assertThat(json.get("outputs")).hasSize(json.get("float_outputs").size());
        assertThat(json.get("outputs").get(0)).hasSize(10);
        double maxError = json.get("max_abs_error").asDouble();
        assertThat(maxError).isPositive().isLessThan(0.5);
        JsonNode layers = json.get("layer_errors");
        assertThat(layers.size()).isGreaterThan(3);
        assertThat(layers.get(layers.size() - 1).get("max_abs_error").asDouble()).isEqualTo(maxError,
                org.assertj.core.api.Assertions.within(1e-3));
    }

    @Test
    void evalJsonReportsBothAccuraciesAsFractions() throws Exception {
        CliRun r = CliRun.of("eval", "--model", model("digits-mlp"), "--dataset",
                MODELS.resolve("digits-test.json").toString(), "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = JSON.readTree(r.lastOutLine());
        assertThat(json.get("samples").asInt()).isEqualTo(400);
        assertThat(json.get("float_accuracy").asDouble()).isBetween(0.9, 1.0);
        assertThat(Math.abs(json.get("float_accuracy").asDouble() - json.get("quantized_accuracy").asDouble()))
                .isLessThanOrEqualTo(0.005);
    }

    @Test
    void benchInferEndsWithAJsonArrayPerModel() throws Exception {
        CliRun r = CliRun.of("bench", "infer", "--models", "digits-mlp,ezkl/1l_conv", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = JSON.readTree(r.lastOutLine());
        assertThat(json).hasSize(2);
        for (JsonNode m : json) {
            assertThat(m.get("params").asLong()).isPositive();
            assertThat(m.get("infer_ms").asDouble()).isPositive();
            assertThat(m.get("ort_ms").asDouble()).isPositive();
        }
        assertThat(json.get(0).get("model").asText()).isEqualTo("digits-mlp");
    }

    @Test
    void missingOrMalformedModelsAreOneLineErrors() throws Exception {
        Path garbage = dir.resolve("garbage.onnx");
        Files.write(garbage, new byte[] {0x08, 0x07, 0x12, 0x7f, 0x01});
        for (String[] args : new String[][] {
                {"run", "--model", dir.resolve("none.onnx").toString(), "--input", input("digits-mlp")},
                {"run", "--model", garbage.toString(), "--input", input("digits-mlp")},
                {"compile", "--model", garbage.toString(), "--out", dir.resolve("x.epm").toString()},
                {"run", "--model", model("digits-mlp"), "--input", input("ezkl/1l_mlp")},
                {"bench", "infer", "--models", "no-such-model"}}) {
            CliRun r = CliRun.of(args);
            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err().strip()).as(String.join(" ", args)).doesNotContain("\n").doesNotContain("Exception")
                    .startsWith("edgeproof ");
        }
    }
}
