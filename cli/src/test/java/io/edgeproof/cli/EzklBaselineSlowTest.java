package io.edgeproof.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs the real EZKL baseline (about 20-40 s on 2 cores, plus an npm install on first use), so it is tagged
 * slow and left out of the default test run; run it with
 * {@code ./edgeproof test -pl cli -am -Dgroups=slow -Dedgeproof.excludedGroups=none}. It is skipped, not
 * failed, when node or npm is missing or the npm install cannot reach a registry.
 */
@Tag("slow")
class EzklBaselineSlowTest {
    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, program)));
    }

    @Test
    void ezklProvesAndVerifiesItsOwnFixture() throws Exception {
        assumeTrue(onPath("node") && onPath("npm"), "node and npm are needed for the EZKL baseline");
        CliRun r = CliRun.of("bench", "ezkl", "--json");
        if (r.exitCode() != 0 && r.err().contains("npm ci failed")) {
            abort("cannot install @ezkljs/engine here: " + r.err().strip());
        }
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.lastOutLine());
        assertThat(json.get("engine").asText()).isEqualTo("ezkl-wasm");
        assertThat(json.get("version").asText()).isEqualTo("21.0.0");
        assertThat(json.get("accepted").asBoolean()).isTrue();
        assertThat(json.get("tampered_rejected").asBoolean()).isTrue();
        assertThat(json.get("proof_bytes").asLong()).as("proof size in ../shared/README.md").isEqualTo(14_816);
        assertThat(json.get("prove_ms").asDouble()).isPositive();
        assertThat(json.get("verify_ms").asDouble()).isPositive();
        assertThat(r.err()).contains("ezkl baseline: run 7/7");
    }
}
