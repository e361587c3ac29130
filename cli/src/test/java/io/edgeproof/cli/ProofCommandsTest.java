package io.edgeproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** setup, prove and verify in-process on a small shared model: exit codes 0 / 1 / 2 and the JSON keys. */
class ProofCommandsTest {
    private record Run(int exitCode, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = EdgeProof.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static Path model() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path m = p.resolveSibling("shared").resolve("models").resolve("ezkl").resolve("1l_mlp");
            if (Files.isDirectory(m)) {
                return m;
            }
        }
        throw new IllegalStateException("no ../shared/models");
    }

    @Test
    void setupProveVerifyAndRejections(@TempDir Path dir) throws Exception {
        Path keys = dir.resolve("keys");
        Path proof = dir.resolve("proof.bin");
        Run setup = run("setup", "--model", model().resolve("network.onnx").toString(), "--out", keys.toString());
        assertThat(setup.exitCode()).as(setup.err()).isZero();
        assertThat(setup.out()).contains("model id: ");

        Run prove = run("prove", "--keys", keys.toString(), "--input", model().resolve("input.json").toString(),
                "--out", proof.toString(), "--context", "0a0b", "--json");
        assertThat(prove.exitCode()).as(prove.err()).isZero();
        JsonNode p = new ObjectMapper().readTree(prove.out());
        assertThat(p.has("model_id") && p.has("outputs") && p.has("prove_ms")).isTrue();
        assertThat(p.get("proof_bytes").asLong()).isEqualTo(Files.size(proof));

        String vk = keys.resolve("verifier.key").toString();
        Run ok = run("verify", "--verifier-key", vk, "--proof", proof.toString(), "--context", "0a0b", "--json");
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        JsonNode v = new ObjectMapper().readTree(ok.out());
        assertThat(v.get("accepted").asBoolean()).isTrue();
        assertThat(v.get("outputs")).isEqualTo(p.get("outputs"));
        assertThat(v.has("verify_ms")).isTrue();

        Run replay = run("verify", "--verifier-key", vk, "--proof", proof.toString(), "--context", "0a0c", "--json");
        assertThat(replay.exitCode()).isEqualTo(1);
        assertThat(new ObjectMapper().readTree(replay.out()).get("reason").asText()).isNotBlank();

        assertThat(run("verify", "--verifier-key", vk, "--proof", dir.resolve("none").toString()).exitCode()).isEqualTo(2);
        assertThat(run("verify", "--verifier-key", vk, "--proof", proof.toString(), "--context", "xyz").exitCode())
                .isEqualTo(2);
        assertThat(run("prove", "--keys", keys.toString(), "--input", model().resolve("input.json").toString(),
                "--out", proof.toString(), "--input-slot", "1").exitCode()).isEqualTo(2);
    }

    @Test
    void hiddenInputOnAPublicKeyProvesAndBindsItsInputCommitment(@TempDir Path dir) throws Exception {
        Path keys = dir.resolve("keys");
        Path proof = dir.resolve("proof.bin");
        assertThat(run("setup", "--model", model().resolve("network.onnx").toString(), "--out", keys.toString())
                .exitCode()).isZero();
        String input = model().resolve("input.json").toString();
        Run prove = run("prove", "--keys", keys.toString(), "--input", input, "--out", proof.toString(), "--hide-input",
                "--input-seed", "01".repeat(32), "--context", "0a", "--json");
        assertThat(prove.exitCode()).as(prove.err()).isZero();
        JsonNode p = new ObjectMapper().readTree(prove.out());
        String commitment = p.get("input_commitment").asText();
        assertThat(p.get("input_hidden").asBoolean()).isTrue();
        String vk = keys.resolve("verifier.key").toString();
        Run ok = run("verify", "--verifier-key", vk, "--proof", proof.toString(), "--context", "0a", "--json",
                "--input-commitment", commitment);
        assertThat(ok.exitCode()).as(ok.out()).isZero();
        JsonNode v = new ObjectMapper().readTree(ok.out());
        assertThat(v.get("outputs")).isEqualTo(p.get("outputs"));
        assertThat(v.get("input_commitment").asText()).isEqualTo(commitment);

        Run again = run("prove", "--keys", keys.toString(), "--input", input, "--out", dir.resolve("other.bin").toString(),
                "--hide-input", "--input-seed", "02".repeat(32), "--context", "0a", "--json");
        String other = new ObjectMapper().readTree(again.out()).get("input_commitment").asText();
        assertThat(other).isNotEqualTo(commitment);
        Run wrong = run("verify", "--verifier-key", vk, "--proof", proof.toString(), "--context", "0a", "--json",
                "--input-commitment", other);
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(new ObjectMapper().readTree(wrong.out()).get("reason").asText()).contains("input commitment");
        assertThat(run("verify", "--verifier-key", vk, "--proof", proof.toString(), "--context", "0b").exitCode())
                .isEqualTo(1);
        assertThat(run("verify", "--verifier-key", vk, "--proof", proof.toString(), "--input-commitment", "zz")
                .exitCode()).isEqualTo(2);
    }

    @Test
    void hiddenWeightsSetupProveVerifyAndBudget(@TempDir Path dir) throws Exception {
        Path keys = dir.resolve("keys");
        Path proof = dir.resolve("proof.bin");
        Run setup = run("setup", "--model", model().resolve("network.onnx").toString(), "--out", keys.toString(),
                "--hide-weights", "--zk-proofs", "1");
        assertThat(setup.exitCode()).as(setup.err()).isZero();
        assertThat(setup.out()).contains("model id: ").contains("takes 1 proofs");
        String input = model().resolve("input.json").toString();
        Run prove = run("prove", "--keys", keys.toString(), "--input", input, "--out", proof.toString(), "--json");
        assertThat(prove.exitCode()).as(prove.err()).isZero();
        assertThat(new ObjectMapper().readTree(prove.out()).get("weights_hidden").asBoolean()).isTrue();
        Run ok = run("verify", "--verifier-key", keys.resolve("verifier.key").toString(), "--proof", proof.toString());
        assertThat(ok.exitCode()).as(ok.out()).isZero();
        assertThat(ok.out()).contains("weights hidden");
        Run spent = run("prove", "--keys", keys.toString(), "--input", input, "--out", proof.toString(), "--hide-input");
        assertThat(spent.exitCode()).isEqualTo(2);
        assertThat(spent.err()).contains("opening budget exhausted: 1 of 1");
    }

    /**
     * Every shared model sets up with hidden weights, but the lone Reshapes (refused in public mode too) and the
     * models without weights.
     */
    @ParameterizedTest
    @Tag("slow")
    @MethodSource("sharedModels")
    void hideWeightsSetsUpEverySharedModel(Path network, @TempDir Path dir) {
        Run setup = run("setup", "--model", network.toString(), "--out", dir.toString(), "--hide-weights",
                "--zk-proofs", "1");
        String name = network.getParent().getFileName().toString();
        if (name.equals("1l_reshape") || name.equals("1l_flatten")) {
            assertThat(setup.exitCode()).isEqualTo(2);
            assertThat(run("setup", "--model", network.toString(), "--out", dir.resolve("open").toString()).exitCode())
                    .isEqualTo(2);
        } else if (setup.exitCode() == 2) {
            assertThat(setup.err()).as(name).contains("the model has no weights to hide");
        } else {
            assertThat(setup.exitCode()).as(setup.err()).isZero();
        }
        assertThat(setup.err()).doesNotContain("not implemented yet");
    }

    static Stream<Path> sharedModels() throws java.io.IOException {
        Path models = model().getParent().getParent();
        List<Path> out = new ArrayList<>();
        for (Path root : List.of(models, models.resolve("ezkl"))) {
            try (Stream<Path> dirs = Files.list(root)) {
                dirs.map(d -> d.resolve("network.onnx")).filter(Files::isRegularFile).sorted().forEach(out::add);
            }
        }
        return out.stream();
    }

    @Test
    void hideFlagsProveSoftmaxAndAttention(@TempDir Path dir) {
        Path attention = model().getParent().resolve("self_attention").resolve("network.onnx");
        Run setup = run("setup", "--model", attention.toString(), "--out", dir.resolve("hidden").toString(),
                "--hide-weights", "--zk-proofs", "1");
        assertThat(setup.exitCode()).as(setup.err()).isZero();
        assertThat(setup.out()).contains("model id: ");
        Path softmax = model().getParent().resolve("1l_softmax").resolve("network.onnx");
        Run noWeights = run("setup", "--model", softmax.toString(), "--out", dir.resolve("none").toString(),
                "--hide-weights");
        assertThat(noWeights.exitCode()).isEqualTo(2);
        assertThat(noWeights.err()).contains("the model has no weights to hide");
    }
}
