package io.edgeproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Runs the command line in-process, as the launcher would, and checks exit codes and output streams. */
class EdgeProofCliTest {
    private record Run(int exitCode, String out, String err) {
        String lastOutLine() {
            String[] lines = out.strip().split("\\R");
            return lines[lines.length - 1];
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = EdgeProof.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpListsTheCommands() {
        Run r = run("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Commands:").contains("bench").contains("help");
        assertThat(run("bench", "--help").out()).contains("primitives");
    }

    @Test
    void versionNamesTheRelease() {
        Run r = run("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("edgeproof " + VersionProvider.VERSION);
    }

    @Test
    void benchPrimitivesJsonPutsOneObjectOnTheLastLine() throws Exception {
        Run r = run("bench", "primitives", "--json", "--log-size", "10");
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
        Run r = run("bench", "primitives", "--log-size", "6", "--warmups", "0", "--runs", "1");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("field_mul_per_sec").contains("blake3_1kib_mb_per_sec").doesNotContain("{");
    }

    @Test
    void outOfRangeLogSizeIsAOneLineUserError() {
        Run r = run("bench", "primitives", "--log-size", "40");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("--log-size must be in");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void unknownOptionOrMalformedNumberIsAOneLineUserError() {
        for (String[] args : new String[][] {{"bench", "primitives", "--log-size", "ten"}, {"--frobnicate"}}) {
            Run r = run(args);
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err().strip()).doesNotContain("\n").startsWith("edgeproof");
        }
    }
}
