package io.edgeproof.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The EZKL baseline's result parsing and every way the subprocess can fail, against fake run.sh scripts. */
class EzklBaselineTest {
    private static final String RESULT = "{\"engine\":\"ezkl-wasm\",\"version\":\"21.0.0\",\"model\":\"ezkl/1l_mlp\","
            + "\"setup_ms\":1821.2,\"witness_ms\":1.4,\"prove_ms\":1987.7,\"verify_ms\":106.2,\"proof_bytes\":14816,"
            + "\"accepted\":true,\"tampered_rejected\":true}";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private Path fixture;
    private final List<String> progress = new ArrayList<>();

    @BeforeEach
    void emptyFixture() throws IOException {
        fixture = Files.createDirectory(dir.resolve("fixture"));
        for (String name : EzklBaseline.FIXTURE_FILES) {
            Files.writeString(fixture.resolve(name), "");
        }
    }

    private EzklBaseline fake(String body, Duration timeout) throws IOException {
        Path script = Files.writeString(dir.resolve("run.sh"), "#!/usr/bin/env bash\n" + body + "\n");
        return new EzklBaseline(script, fixture, timeout);
    }

    private EzklBaseline.Result runFake(String body) throws IOException {
        return fake(body, TIMEOUT).run(progress::add);
    }

    @Test
    void parsesTheResultLineIntoTheRecord() {
        EzklBaseline.Result r = EzklBaseline.parse(RESULT);
        assertThat(r).isEqualTo(new EzklBaseline.Result("ezkl-wasm", "21.0.0", "ezkl/1l_mlp",
                1821.2, 1.4, 1987.7, 106.2, 14816, true, true));
    }

    @Test
    void resultJsonRoundTripsWithTheScriptsKeys() throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode written = json.readTree(EzklBaseline.parse(RESULT).toJson());
        assertThat(written).isEqualTo(json.readTree(RESULT));
    }

    @Test
    void ignoresKeysALaterScriptMayAdd() {
        String extended = RESULT.replace("}", ",\"peak_rss_mb\":512}");
        assertThat(EzklBaseline.parse(extended).proofBytes()).isEqualTo(14816);
    }

    @Test
    void rejectsAResultWithAMissingKey() {
        String missing = RESULT.replace("\"prove_ms\":1987.7,", "");
        assertThatThrownBy(() -> EzklBaseline.parse(missing))
                .isInstanceOf(EzklBaseline.BaselineException.class).hasMessageContaining("unreadable result");
    }

    @Test
    void rejectsAResultWithAWrongType() {
        String wrong = RESULT.replace("1987.7", "\"fast\"");
        assertThatThrownBy(() -> EzklBaseline.parse(wrong))
                .isInstanceOf(EzklBaseline.BaselineException.class).hasMessageContaining("unreadable result");
    }

    @Test
    void rejectsAnEmptyProofAndNegativeTimings() {
        assertThatThrownBy(() -> EzklBaseline.parse(RESULT.replace("14816", "0")))
                .isInstanceOf(EzklBaseline.BaselineException.class);
        assertThatThrownBy(() -> EzklBaseline.parse(RESULT.replace("106.2", "-1")))
                .isInstanceOf(EzklBaseline.BaselineException.class);
    }

    @Test
    void runsTheScriptOnTheFixtureAndForwardsStderr() throws IOException {
        EzklBaseline.Result r = runFake("[ \"$1\" = '" + fixture.toAbsolutePath() + "' ] || exit 9\n"
                + "echo 'installing...' >&2\necho 'a stray stdout line'\necho '" + RESULT + "'");
        assertThat(r.proveMs()).isEqualTo(1987.7);
        assertThat(progress).containsExactly("installing...");
    }

    @Test
    void aFailingScriptGivesItsExitCodeAndLastStderrLine() {
        assertThatThrownBy(() -> runFake("echo 'starting' >&2\necho 'ezkl baseline: npm not found' >&2\nexit 2"))
                .isInstanceOf(EzklBaseline.BaselineException.class)
                .hasMessage("EZKL baseline failed (exit 2): ezkl baseline: npm not found");
    }

    @Test
    void garbageOnStdoutIsAnUnreadableResult() {
        assertThatThrownBy(() -> runFake("echo 'Segmentation fault, or so'"))
                .isInstanceOf(EzklBaseline.BaselineException.class)
                .hasMessageContaining("unreadable result").hasMessageContaining("Segmentation fault");
    }

    @Test
    void silenceOnStdoutIsNoResult() {
        assertThatThrownBy(() -> runFake("true"))
                .isInstanceOf(EzklBaseline.BaselineException.class).hasMessageContaining("no result line");
    }

    @Test
    void aProofEzklItselfRejectsIsNotABaseline() {
        String rejected = RESULT.replace("\"accepted\":true", "\"accepted\":false");
        assertThatThrownBy(() -> runFake("echo '" + rejected + "'"))
                .isInstanceOf(EzklBaseline.BaselineException.class).hasMessageContaining("rejected its own proof");
    }

    @Test
    void aVerifierThatAcceptsATamperedProofIsNotABaseline() {
        String lax = RESULT.replace("\"tampered_rejected\":true", "\"tampered_rejected\":false");
        assertThatThrownBy(() -> runFake("echo '" + lax + "'"))
                .isInstanceOf(EzklBaseline.BaselineException.class).hasMessageContaining("accepted a tampered proof");
    }

    @Test
    void aHangingScriptIsKilledAtTheTimeout() throws IOException {
        EzklBaseline hanging = fake("echo 'working' >&2\nsleep 60", Duration.ofMillis(500));
        long start = System.nanoTime();
        assertThatThrownBy(() -> hanging.run(progress::add))
                .isInstanceOf(EzklBaseline.BaselineException.class).hasMessageContaining("timed out");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(10);
    }

    @Test
    void anIncompleteFixtureFailsBeforeAnythingRuns() throws IOException {
        Files.delete(fixture.resolve("kzg"));
        assertThatThrownBy(() -> runFake("echo ran >&2\necho '" + RESULT + "'"))
                .isInstanceOf(EzklBaseline.BaselineException.class).hasMessageContaining("no " + fixture.resolve("kzg"));
        assertThat(progress).isEmpty();
    }

    @Test
    void benchEzklOnAnEmptyFixtureIsOneLineAndExit2() {
        CliRun r = CliRun.of("bench", "ezkl", "--fixture", dir.resolve("nowhere").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("EZKL fixture incomplete");
    }
}
