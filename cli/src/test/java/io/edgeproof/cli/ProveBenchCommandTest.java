package io.edgeproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** bench prove in-process on a provable model and a CNN, one timed run each, without EZKL. */
class ProveBenchCommandTest {
    private static List<String> keys(JsonNode row) {
        List<String> keys = new ArrayList<>();
        row.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static void assertPositiveNumbers(JsonNode row, String... keys) {
        for (String k : keys) {
            assertThat(row.get(k).isNumber()).as(k + " in " + row).isTrue();
            assertThat(row.get(k).asDouble()).as(k + " in " + row).isPositive();
        }
    }

    @Test
    void provesAndVerifiesAnMlpAndReportsACnnAsRowEitherWay() throws Exception {
        CliRun r = CliRun.of("bench", "prove", "--models", "ezkl/1l_mlp,digits-cnn", "--no-ezkl", "--json",
                "--warmups", "0", "--runs", "1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("bench prove: ezkl/1l_mlp: prove run 1/1");
        assertThat(r.out()).contains("prove_ms").contains("peak heap");
        JsonNode rows = new ObjectMapper().readTree(r.lastOutLine());
        assertThat(rows.isArray()).isTrue();
        assertThat(rows.size()).as("no EZKL rows with --no-ezkl").isEqualTo(2);
        for (JsonNode row : rows) {
            assertThat(keys(row)).containsExactlyElementsOf(ProveBench.KEYS);
            assertThat(row.get("engine").asText()).isEqualTo("edgeproof");
            assertThat(row.get("params").isIntegralNumber()).isTrue();
            assertPositiveNumbers(row, "params", "infer_ms", "ort_ms");
        }

        JsonNode mlp = rows.get(0);
        assertThat(mlp.get("model").asText()).isEqualTo("ezkl/1l_mlp");
        assertThat(mlp.get("error").isNull()).as("an accepted proof leaves no error: " + mlp).isTrue();
        assertPositiveNumbers(mlp, "prove_ms", "verify_ms", "proof_bytes", "peak_heap_mb", "ratio", "ort_ratio", "setup_ms");
        assertThat(mlp.get("proof_bytes").isIntegralNumber()).isTrue();

        JsonNode cnn = rows.get(1);
        assertThat(cnn.get("model").asText()).isEqualTo("digits-cnn");
        if (cnn.get("error").isNull()) {
            assertPositiveNumbers(cnn, "prove_ms", "verify_ms", "proof_bytes", "peak_heap_mb", "ratio", "ort_ratio", "setup_ms");
        } else {
            assertThat(cnn.get("error").asText()).startsWith("not yet provable: op ");
            for (String k : List.of("prove_ms", "verify_ms", "proof_bytes", "peak_heap_mb", "ratio", "ort_ratio", "setup_ms")) {
                assertThat(cnn.get(k).isNull()).as(k).isTrue();
            }
            assertThat(r.out()).contains("digits-cnn").contains(cnn.get("error").asText());
        }
    }

    @Test
    void anUnknownModelIsOneLineAndExit2BeforeAnyWork() {
        CliRun r = CliRun.of("bench", "prove", "--models", "ezkl/1l_mlp,no-such-model", "--no-ezkl");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("unknown model 'no-such-model'");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void badRunCountsAreUsageErrors() {
        CliRun r = CliRun.of("bench", "prove", "--runs", "0", "--no-ezkl");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--runs >= 1");
    }
}
