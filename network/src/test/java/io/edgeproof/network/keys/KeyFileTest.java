package io.edgeproof.network.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.crypto.Secp256k1Key;
import io.edgeproof.ledger.device.DeviceId;
import io.edgeproof.network.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Encrypted key files: the key comes back only with the right password from an unaltered file. */
class KeyFileTest {
    private static final char[] PASSWORD = "correct horse".toCharArray();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final Secp256k1Key key = TestKeys.key("node-a");

    @Test
    void roundTripsAnAccountAndADeviceKey() throws Exception {
        Path account = dir.resolve("node.key");
        KeyFile.write(account, key, KeyFile.Kind.ACCOUNT, null, PASSWORD);
        KeyFile.Opened opened = KeyFile.open(account, PASSWORD);
        assertThat(opened.key().secretBytes()).isEqualTo(key.secretBytes());
        assertThat(opened.address()).isEqualTo(Address.ofPublicKey(key.publicKey()));
        assertThat(opened.device()).isEmpty();
        assertThat(KeyFile.address(account)).isEqualTo(opened.address());
        assertThat(KeyFile.publicKey(account)).isEqualTo(key.publicKey());
        assertThat(Files.getPosixFilePermissions(account)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(account)).doesNotContain(HexFormat.of().formatHex(key.secretBytes()));

        Path device = dir.resolve("meter.key");
        KeyFile.write(device, TestKeys.key("meter-1"), KeyFile.Kind.DEVICE, new DeviceId("meter-1"), PASSWORD);
        assertThat(KeyFile.open(device, PASSWORD).device()).isEqualTo(Optional.of(new DeviceId("meter-1")));
    }

    @Test
    void wrongPasswordIsAClearError() {
        Path f = dir.resolve("node.key");
        KeyFile.write(f, key, KeyFile.Kind.ACCOUNT, null, PASSWORD);
        assertThatThrownBy(() -> KeyFile.open(f, "correct horsf".toCharArray()))
                .isInstanceOf(KeyFileException.class).hasMessage("wrong password, or the key file was altered");
    }

    @Test
    void everyAlteredFieldIsRejected() throws Exception {
        Path f = dir.resolve("device.key");
        KeyFile.write(f, key, KeyFile.Kind.DEVICE, new DeviceId("meter-1"), PASSWORD);
        ObjectNode honest = (ObjectNode) JSON.readTree(f.toFile());
        String[][] edits = {
            {"kind", "account"}, {"device_id", "meter-2"}, {"address", TestKeys.address("other").hex()},
            {"public_key", HexFormat.of().formatHex(TestKeys.key("other").publicKey())},
        };
        int n = 0;
        for (String[] e : edits) {
            ObjectNode o = honest.deepCopy();
            o.put(e[0], e[1]);
            assertRejected(o, "edit of " + e[0], n++);
        }
        ObjectNode salt = honest.deepCopy();
        ((ObjectNode) salt.get("kdf")).put("salt", "00".repeat(16));
        assertRejected(salt, "other salt", n++);
        ObjectNode nonce = honest.deepCopy();
        ((ObjectNode) nonce.get("cipher")).put("nonce", "00".repeat(12));
        assertRejected(nonce, "other nonce", n++);
        ObjectNode flipped = honest.deepCopy();
        String c = flipped.get("ciphertext").asText();
        flipped.put("ciphertext", (c.charAt(0) == '0' ? "1" : "0") + c.substring(1));
        assertRejected(flipped, "flipped ciphertext", n++);
        ObjectNode costly = honest.deepCopy();
        ((ObjectNode) costly.get("kdf")).put("log_n", 30);
        assertRejected(costly, "scrypt cost beyond the cap", n);
    }

    private void assertRejected(ObjectNode o, String what, int n) throws Exception {
        Path f = dir.resolve("altered-" + n + ".key");
        Files.write(f, JSON.writeValueAsBytes(o));
        assertThatThrownBy(() -> KeyFile.open(f, PASSWORD)).as(what).isInstanceOf(KeyFileException.class);
    }

    @Test
    void refusesShortPasswordsAndOverwriting() {
        Path f = dir.resolve("node.key");
        assertThatThrownBy(() -> KeyFile.write(f, key, KeyFile.Kind.ACCOUNT, null, "short".toCharArray()))
                .isInstanceOf(KeyFileException.class).hasMessageContaining("at least 8");
        KeyFile.write(f, key, KeyFile.Kind.ACCOUNT, null, PASSWORD);
        assertThatThrownBy(() -> KeyFile.write(f, TestKeys.key("other"), KeyFile.Kind.ACCOUNT, null, PASSWORD))
                .isInstanceOf(KeyFileException.class).hasMessageContaining("never overwritten");
        assertThat(KeyFile.open(f, PASSWORD).address()).isEqualTo(Address.ofPublicKey(key.publicKey()));
    }
}
