package io.edgeproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeproof.ledger.InputDigest;
import io.edgeproof.ledger.device.DeviceId;
import io.edgeproof.ledger.device.DeviceReading;
import io.edgeproof.ledger.device.SignedReading;
import io.edgeproof.network.keys.KeyFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The network commands that run without a gateway, and the one-line errors of those that need one. */
class NetworkCommandsTest {
    @TempDir
    Path dir;

    private Path password;

    @BeforeEach
    void password() throws Exception {
        password = dir.resolve("password");
        Files.writeString(password, "commands-test\n");
    }

    private static void assertUsageError(CliRun r, String message) {
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).contains(message).doesNotContain("\tat ");
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    @Test
    void deviceSignsAReadingTheLedgerAccepts() throws Exception {
        Path key = dir.resolve("cam.key");
        CliRun gen = CliRun.of("device", "keygen", "--out", key.toString(), "--id", "meter-7", "--password-file",
                password.toString(), "--json");
        assertThat(gen.exitCode()).as(gen.err()).isZero();
        byte[] publicKey = HexFormat.of().parseHex(new ObjectMapper().readTree(gen.lastOutLine()).get("public_key").asText());
        assertThat(publicKey).isEqualTo(KeyFile.publicKey(key));
        Path input = dir.resolve("input.json");
        Files.writeString(input, "{\"input\": [1, -2, 300, 32767]}");

        CliRun sign = CliRun.of("device", "sign", "--key", key.toString(), "--password-file", password.toString(),
                "--input", input.toString(), "--seq", "5", "--timestamp", "1800000000");

        assertThat(sign.exitCode()).as(sign.err()).isZero();
        JsonNode r = new ObjectMapper().readTree(sign.lastOutLine());
        int[] values = {1, -2, 300, 32767};
        DeviceReading reading = new DeviceReading(new DeviceId("meter-7"), 1_800_000_000L, 5, InputDigest.of(values));
        assertThat(r.get("device_id").asText()).isEqualTo("meter-7");
        assertThat(r.get("sequence").asLong()).isEqualTo(5);
        assertThat(r.get("reading_hash").asText()).isEqualTo(HexFormat.of().formatHex(InputDigest.of(values)));
        SignedReading signed = new SignedReading(reading, HexFormat.of().parseHex(r.get("signature").asText()));
        assertThat(signed.isSignedBy(publicKey)).isTrue();
        assertThat(new SignedReading(new DeviceReading(new DeviceId("meter-7"), 1_800_000_000L, 6,
                InputDigest.of(values)), signed.signature()).isSignedBy(publicKey)).as("another sequence").isFalse();
    }

    @Test
    void wrongOrMissingPasswordIsAOneLineError() throws Exception {
        Path key = dir.resolve("node.key");
        assertThat(CliRun.of("node", "keygen", "--out", key.toString(), "--password-file", password.toString()).exitCode())
                .isZero();
        Path wrong = dir.resolve("wrong");
        Files.writeString(wrong, "commands-tesT\n");
        Path input = dir.resolve("input.json");
        Files.writeString(input, "{\"input\": [1]}");
        assertUsageError(CliRun.of("job", "submit", "--gateway", "http://127.0.0.1:1", "--key", key.toString(),
                "--password-file", wrong.toString(), "--model", "00".repeat(32), "--input", input.toString(),
                "--price", "1", "--deadline", "60"), "wrong password");
        assertUsageError(CliRun.of("node", "keygen", "--out", key.toString(), "--password-file", password.toString()),
                "never overwritten");
        if (System.getenv(KeyOptions.PASSWORD_ENV) == null) {
            assertUsageError(CliRun.of("node", "keygen", "--out", dir.resolve("other.key").toString()),
                    KeyOptions.PASSWORD_ENV);
        }
    }

    @Test
    void unreachableGatewayAndBadArgumentsAreOneLineErrors() throws Exception {
        Path key = dir.resolve("node.key");
        CliRun.of("node", "keygen", "--out", key.toString(), "--password-file", password.toString());
        assertUsageError(CliRun.of("job", "status", "--gateway", "http://127.0.0.1:1", "--job", "1"), "127.0.0.1:1");
        assertUsageError(CliRun.of("gateway", "start", "--port", "0", "--data-dir", dir.resolve("gw").toString(),
                "--genesis", "0x12=5"), "40 hex digits");
        Path floats = dir.resolve("floats.json");
        Files.writeString(floats, "{\"input_data\": [[0.5, 0.25]]}");
        Path cam = dir.resolve("cam.key");
        CliRun.of("device", "keygen", "--out", cam.toString(), "--id", "cam", "--password-file", password.toString());
        assertUsageError(CliRun.of("device", "sign", "--key", cam.toString(), "--password-file", password.toString(),
                "--input", floats.toString(), "--seq", "1"), "give --model");
        assertUsageError(CliRun.of("device", "sign", "--key", key.toString(), "--password-file", password.toString(),
                "--input", dir.resolve("none.json").toString(), "--seq", "1"), "does not exist");
    }

    @Test
    void deviceSignsAHiddenRawFrameAsACommitmentWithItsSeedKeptPrivate() throws Exception {
        Path key = dir.resolve("cam.key");
        CliRun.of("device", "keygen", "--out", key.toString(), "--id", "meter-8", "--password-file", password.toString());
        Path onnx = SharedModelDir.network(SharedModelDir.find(), "digits-mlp");
        Path out = dir.resolve("hidden.json");

        CliRun sign = CliRun.of("device", "sign", "--key", key.toString(), "--password-file", password.toString(),
                "--input", onnx.resolveSibling("input.json").toString(), "--model", onnx.toString(), "--raw-scale",
                "0.0625", "--hide-input", "--input-proofs", "2", "--seq", "1", "--out", out.toString());

        assertThat(sign.exitCode()).as(sign.err()).isZero();
        JsonNode r = new ObjectMapper().readTree(Files.readString(out));
        byte[] commitment = HexFormat.of().parseHex(r.get("input_commitment").asText());
        assertThat(r.get("reading_hash").asText()).isEqualTo(HexFormat.of().formatHex(InputDigest.ofCommitment(commitment)));
        assertThat(r.get("hidden").get("proofs").asInt()).isEqualTo(2);
        assertThat(r.get("input").get(2).asInt()).as("raw pixel 0.125 at resolution 1/16").isEqualTo(2);
        DeviceReading reading = new DeviceReading(new DeviceId("meter-8"), r.get("timestamp").asLong(), 1,
                InputDigest.ofCommitment(commitment));
        assertThat(new SignedReading(reading, HexFormat.of().parseHex(r.get("signature").asText()))
                .isSignedBy(KeyFile.publicKey(key))).isTrue();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(out)))
                .isEqualTo("rw-------");
    }

    @Test
    void rawReadingsOffTheModelsResolutionOrOutsideInt16AreOneLineErrors() throws Exception {
        Path key = dir.resolve("cam.key");
        CliRun.of("device", "keygen", "--out", key.toString(), "--id", "meter-9", "--password-file", password.toString());
        Path onnx = SharedModelDir.network(SharedModelDir.find(), "digits-mlp");
        Path wide = dir.resolve("wide.json");
        Files.writeString(wide, "{\"input\": [40000]}");
        assertUsageError(CliRun.of("device", "sign", "--key", key.toString(), "--password-file", password.toString(),
                "--input", wide.toString(), "--seq", "1"), "outside int16");
        assertUsageError(CliRun.of("device", "sign", "--key", key.toString(), "--password-file", password.toString(),
                "--input", onnx.resolveSibling("input.json").toString(), "--model", onnx.toString(), "--raw-scale",
                "0.125", "--seq", "1"), "not a raw reading at the model's resolution");
        assertUsageError(CliRun.of("device", "sign", "--key", key.toString(), "--password-file", password.toString(),
                "--input", onnx.resolveSibling("input.json").toString(), "--model", onnx.toString(), "--seq", "1"),
                "no raw scale");
    }
}
