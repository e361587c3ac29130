package io.edgeproof.cli;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The EZKL side of the side-by-side benchmark: EZKL's wasm engine ({@code @ezkljs/engine}, pinned in
 * scripts/ezkl/package-lock.json) proving its own 1l_mlp test fixture, run as a subprocess through
 * scripts/ezkl/run.sh. The fixture runs at scale 0, so only its timings mean anything; {@link #fixtureModel()}
 * is the same ONNX network for EdgeProof to prove at its own scales in the same run.
 */
final class EzklBaseline {
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
    /** The files bench.mjs reads, plus the ONNX model both provers share. */
    static final List<String> FIXTURE_FILES = List.of("model.compiled", "settings.json", "kzg", "input.json", "network.onnx");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    /** One baseline run as bench.mjs reports it: setup once, then medians of 5 runs after 2 warm-ups. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Result(
            @JsonProperty("engine") String engine,
            @JsonProperty("version") String version,
            @JsonProperty("model") String model,
            @JsonProperty("setup_ms") double setupMs,
            @JsonProperty("witness_ms") double witnessMs,
            @JsonProperty("prove_ms") double proveMs,
            @JsonProperty("verify_ms") double verifyMs,
            @JsonProperty("proof_bytes") long proofBytes,
            @JsonProperty("accepted") boolean accepted,
            @JsonProperty("tampered_rejected") boolean tamperedRejected) {
        Result {
            Objects.requireNonNull(engine, "engine");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(model, "model");
            if (!(setupMs >= 0 && witnessMs >= 0 && proveMs >= 0 && verifyMs >= 0) || proofBytes <= 0) {
                throw new IllegalArgumentException("timings must be >= 0 ms and the proof non-empty");
            }
        }

        String toJson() {
            return ModelArgs.json(this);
        }
    }

    /** The baseline could not run, or ran but produced no usable result; the message says why in one line. */
    static final class BaselineException extends RuntimeException {
        BaselineException(String message) {
            super(message);
        }
    }

    private final Path script;
    private final Path fixture;
    private final Duration timeout;

    EzklBaseline(Path script, Path fixture, Duration timeout) {
        this.script = script.toAbsolutePath();
        this.fixture = fixture.toAbsolutePath();
        this.timeout = timeout;
    }

    /** scripts/ezkl/run.sh of this repository on ../shared/anchors/ezkl-1l_mlp (or {@code fixture} if given). */
    static EzklBaseline ofRepository(Path fixture) {
        Path root = SharedModelDir.repositoryRoot();
        Path dir = fixture != null ? fixture : root.resolveSibling("shared").resolve("anchors").resolve("ezkl-1l_mlp");
        return new EzklBaseline(root.resolve("scripts").resolve("ezkl").resolve("run.sh"), dir, DEFAULT_TIMEOUT);
    }

    Path fixture() {
        return fixture;
    }

    /** The fixture's network.onnx (EZKL's 1l_mlp): what EdgeProof proves beside this baseline. */
    Path fixtureModel() {
        return fixture.resolve("network.onnx");
    }

    /**
     * Runs the baseline (the first run installs node_modules with npm ci), forwarding each stderr line to
     * {@code progress}. Throws {@link BaselineException} unless EZKL's proof was accepted and a tampered
     * copy rejected: timings of a proof that does not verify would compare nothing.
     */
    Result run(Consumer<String> progress) {
        checkInputs();
        Process process;
        try {
            process = new ProcessBuilder("bash", script.toString(), fixture.toString()).start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new BaselineException("cannot start bash " + script + ": " + e.getMessage());
        }
        // Both streams are drained on their own threads, so a silent hang still meets the timeout below.
        LinePump stdout = new LinePump(process.getInputStream(), line -> { });
        LinePump stderr = new LinePump(process.getErrorStream(), progress);
        Thread out = Thread.ofVirtual().start(stdout);
        Thread err = Thread.ofVirtual().start(stderr);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new BaselineException("timed out after " + timeout.toSeconds() + " s: " + script);
            }
            out.join();
            err.join();
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new BaselineException("interrupted while running " + script);
        }
        int exit = process.exitValue();
        if (exit != 0) {
            String why = stderr.lastLine() == null ? "no message" : stderr.lastLine();
            throw new BaselineException("EZKL baseline failed (exit " + exit + "): " + why);
        }
        Result r = parse(stdout.lastLine());
        if (!r.accepted()) {
            throw new BaselineException("EZKL's verifier rejected its own proof of " + r.model());
        }
        if (!r.tamperedRejected()) {
            throw new BaselineException("EZKL's verifier accepted a tampered proof of " + r.model() + ": timings not meaningful");
        }
        return r;
    }

    /** Parses bench.mjs's last stdout line; every key of {@link Result} must be there with the right type. */
    static Result parse(String line) {
        if (line == null || line.isBlank()) {
            throw new BaselineException("EZKL baseline printed no result line");
        }
        try {
            return JSON.readValue(line, Result.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String shown = line.length() > 120 ? line.substring(0, 120) + "..." : line;
            throw new BaselineException("EZKL baseline printed an unreadable result (" + firstLine(e) + "): " + shown);
        }
    }

    private void checkInputs() {
        if (!Files.isRegularFile(script)) {
            throw new BaselineException("no EZKL baseline script at " + script);
        }
        for (String name : FIXTURE_FILES) {
            if (!Files.isRegularFile(fixture.resolve(name))) {
                throw new BaselineException("EZKL fixture incomplete: no " + fixture.resolve(name));
            }
        }
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Forwards a child's stream line by line and keeps the last non-blank line (the result, or the error). */
    private static final class LinePump implements Runnable {
        private final InputStream in;
        private final Consumer<String> sink;
        private volatile String last;

        LinePump(InputStream in, Consumer<String> sink) {
            this.in = in;
            this.sink = sink;
        }

        @Override
        public void run() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (!line.isBlank()) {
                        last = line;
                        sink.accept(line);
                    }
                }
            } catch (IOException e) {
                // The child is gone; the exit code tells the rest.
            }
        }

        String lastLine() {
            return last;
        }
    }
}
