package io.edgeproof.network.keys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.crypto.Secp256k1Key;
import io.edgeproof.ledger.device.DeviceId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * A secp256k1 private key encrypted at rest: scrypt (N = 2^15, r = 8, p = 1, 16-byte salt) turns the
 * password into an AES-256 key; AES-GCM (12-byte nonce, 128-bit tag) seals the 32-byte secret with every
 * other field of the file as associated data, so a wrong password, or any edit of the file (address, kind,
 * device id, KDF parameters), fails to open it. The address and public key are stored in clear so tools can
 * show whose key a file holds, and register a device, without the password. Files are created with mode 600
 * and never overwritten.
 */
public final class KeyFile {
    public static final String FORMAT = "edgeproof-key/v1";
    public static final int MIN_PASSWORD = 8;
    static final int SCRYPT_LOG_N = 15;
    /** A file may not demand more than 2^20 (1 GiB of scrypt memory at r = 8): it is untrusted input. */
    private static final int MAX_LOG_N = 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    /** An account key (provider node, requester, owner) or a device's key. */
    public enum Kind { ACCOUNT, DEVICE }

    /** An opened key file. {@code device} is present for a device key. */
    public record Opened(Secp256k1Key key, Address address, Kind kind, Optional<DeviceId> device) {}

    private KeyFile() {}

    /** Encrypts {@code key} under {@code password} into a new file (an existing file is an error). */
    public static void write(Path file, Secp256k1Key key, Kind kind, DeviceId device, char[] password) {
        if (password.length < MIN_PASSWORD) {
            throw new KeyFileException("the password must have at least " + MIN_PASSWORD + " characters");
        }
        if ((kind == Kind.DEVICE) != (device != null)) {
            throw new IllegalArgumentException("a device key, and only a device key, names its device");
        }
        byte[] salt = random(16);
        byte[] nonce = random(12);
        ObjectNode o = JSON.createObjectNode();
        o.put("format", FORMAT);
        o.put("kind", kind.name().toLowerCase());
        o.put("address", Address.ofPublicKey(key.publicKey()).hex());
        o.put("public_key", HEX.formatHex(key.publicKey()));
        if (device != null) {
            o.put("device_id", device.value());
        }
        ObjectNode kdf = o.putObject("kdf");
        kdf.put("name", "scrypt");
        kdf.put("log_n", SCRYPT_LOG_N);
        kdf.put("r", 8);
        kdf.put("p", 1);
        kdf.put("salt", HEX.formatHex(salt));
        ObjectNode cipher = o.putObject("cipher");
        cipher.put("name", "aes-256-gcm");
        cipher.put("nonce", HEX.formatHex(nonce));
        byte[] secret = key.secretBytes();
        try {
            byte[] sealed = gcm(Cipher.ENCRYPT_MODE, derive(password, salt, SCRYPT_LOG_N, 8, 1), nonce, header(o), secret);
            o.put("ciphertext", HEX.formatHex(sealed));
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
        try {
            writeNew(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(o));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** Decrypts a key file; throws {@link KeyFileException} with a sentence for any failure. */
    public static Opened open(Path file, char[] password) {
        JsonNode o = readJson(file);
        Kind kind = kind(o, file);
        JsonNode kdf = o.path("kdf");
        int logN = kdf.path("log_n").asInt(-1);
        int r = kdf.path("r").asInt(-1);
        int p = kdf.path("p").asInt(-1);
        if (!"scrypt".equals(kdf.path("name").asText()) || logN < 10 || logN > MAX_LOG_N || r < 1 || r > 32
                || p < 1 || p > 16 || !"aes-256-gcm".equals(o.path("cipher").path("name").asText())) {
            throw new KeyFileException(file + ": unsupported key protection (expected scrypt and aes-256-gcm)");
        }
        byte[] secret;
        try {
            byte[] salt = HEX.parseHex(kdf.path("salt").asText());
            byte[] nonce = HEX.parseHex(o.path("cipher").path("nonce").asText());
            byte[] sealed = HEX.parseHex(o.path("ciphertext").asText());
            secret = gcm(Cipher.DECRYPT_MODE, derive(password, salt, logN, r, p), nonce, header(o), sealed);
        } catch (IllegalArgumentException e) {
            throw new KeyFileException(file + ": damaged key file (" + e.getMessage() + ")");
        }
        try {
            Secp256k1Key key = Secp256k1Key.fromSecret(secret);
            Address address = Address.ofPublicKey(key.publicKey());
            if (!address.equals(Address.ofHex(o.path("address").asText()))
                    || !HEX.formatHex(key.publicKey()).equals(o.path("public_key").asText())) {
                throw new KeyFileException(file + ": the key does not match the address the file names");
            }
            Optional<DeviceId> device = kind == Kind.DEVICE ? Optional.of(new DeviceId(o.path("device_id").asText()))
                    : Optional.empty();
            return new Opened(key, address, kind, device);
        } catch (IllegalArgumentException e) {
            throw new KeyFileException(file + ": damaged key file (" + e.getMessage() + ")");
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** The address a key file holds, read without the password. */
    public static Address address(Path file) {
        try {
            return Address.ofHex(readJson(file).path("address").asText());
        } catch (IllegalArgumentException e) {
            throw new KeyFileException(file + ": no readable address in the key file");
        }
    }

    /** The public key a key file holds, read without the password. */
    public static byte[] publicKey(Path file) {
        try {
            return HEX.parseHex(readJson(file).path("public_key").asText());
        } catch (IllegalArgumentException e) {
            throw new KeyFileException(file + ": no readable public key in the key file");
        }
    }

    /** The device id a device key file names, read without the password. */
    public static String deviceId(Path file) {
        JsonNode o = readJson(file);
        if (kind(o, file) != Kind.DEVICE) {
            throw new KeyFileException(file + " is an account key, not a device key");
        }
        return o.path("device_id").asText();
    }

    /** Every field but the ciphertext, in a fixed order: what GCM authenticates along with the secret. */
    private static byte[] header(JsonNode o) {
        JsonNode kdf = o.path("kdf");
        String h = String.join("|", o.path("format").asText(), o.path("kind").asText(), o.path("address").asText(),
                o.path("public_key").asText(), o.path("device_id").asText(""), kdf.path("name").asText(), kdf.path("log_n").asText(),
                kdf.path("r").asText(), kdf.path("p").asText(), kdf.path("salt").asText(),
                o.path("cipher").path("name").asText(), o.path("cipher").path("nonce").asText());
        return h.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] derive(char[] password, byte[] salt, int logN, int r, int p) {
        ByteBuffer b = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] pw = new byte[b.remaining()];
        b.get(pw);
        try {
            return SCrypt.generate(pw, salt, 1 << logN, r, p, 32);
        } finally {
            Arrays.fill(pw, (byte) 0);
            if (b.hasArray()) {
                Arrays.fill(b.array(), (byte) 0);
            }
        }
    }

    private static byte[] gcm(int mode, byte[] key, byte[] nonce, byte[] aad, byte[] data) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            c.updateAAD(aad);
            return c.doFinal(data);
        } catch (AEADBadTagException e) {
            throw new KeyFileException("wrong password, or the key file was altered");
        } catch (GeneralSecurityException e) {
            throw new KeyFileException("the key file cannot be decrypted: " + e.getMessage());
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static Kind kind(JsonNode o, Path file) {
        if (!FORMAT.equals(o.path("format").asText())) {
            throw new KeyFileException(file + ": not an EdgeProof key file (format " + FORMAT + ")");
        }
        return switch (o.path("kind").asText()) {
            case "account" -> Kind.ACCOUNT;
            case "device" -> Kind.DEVICE;
            default -> throw new KeyFileException(file + ": unknown key kind '" + o.path("kind").asText() + "'");
        };
    }

    private static JsonNode readJson(Path file) {
        try {
            JsonNode o = JSON.readTree(Files.readAllBytes(file));
            if (o == null || !o.isObject()) {
                throw new KeyFileException(file + ": not an EdgeProof key file");
            }
            return o;
        } catch (IOException e) {
            throw new KeyFileException("cannot read the key file " + file + ": " + e.getMessage());
        }
    }

    private static void writeNew(Path file, byte[] bytes) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the file keeps its default permissions
            }
        } catch (FileAlreadyExistsException e) {
            throw new KeyFileException(file + " already exists; a key file is never overwritten");
        } catch (IOException e) {
            throw new KeyFileException("cannot write the key file " + file + ": " + e.getMessage());
        }
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
