package io.edgeproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Runs the command line in-process, as the launcher would, and checks exit codes and output streams. */
class EdgeProofCliTest {
    @Test
    void helpListsTheCommands() {
        CliRun r = CliRun.of("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Commands:").contains("bench").contains("help");
        assertThat(CliRun.of("bench", "--help").out()).contains("primitives");
    }

    @Test
    void versionNamesTheRelease() {
        CliRun r = CliRun.of("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("edgeproof " + VersionProvider.VERSION);
    }

    @Test
    void benchPrimitivesJsonPutsOneObjectOnTheLastLine() throws Exception {
        CliRun r = CliRun.of("bench", "primitives", "--json", "--log-size", "10");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.lastOutLine());
        assertThat(json.isObject()).isTrue();
        assertThat(json.get("field_mul_per_sec").asDouble()).isPositive();
        assertThat(json.get("sha256_64b_hashes_per_sec").asDouble()).isPositive();
        assertThat(json.get("log_size").asInt()).isEqualTo(10);
        assertThat(r.err()).contains("measuring field_mul_per_sec"); // progress stays off stdout
    }

    @Test
    void benchPrimitivesPrintsATableByDefault() {
        CliRun r = CliRun.of("bench", "primitives", "--log-size", "6", "--warmups", "0", "--runs", "1");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("field_mul_per_sec").contains("blake3_1kib_mb_per_sec").doesNotContain("{");
    }

    @Test
    void outOfRangeLogSizeIsAOneLineUserError() {
        CliRun r = CliRun.of("bench", "primitives", "--log-size", "40");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("--log-size must be in");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void unknownOptionOrMalformedNumberIsAOneLineUserError() {
        for (String[] args : new String[][] {{"bench", "primitives", "--log-size", "ten"}, {"--frobnicate"}}) {
            CliRun r = CliRun.of(args);
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err().strip()).doesNotContain("\n").startsWith("edgeproof");
        }
    }
}
