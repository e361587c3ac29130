package io.edgeproof.cli;

import io.edgeproof.network.keys.KeyFile;
import io.edgeproof.network.keys.KeyFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where an encrypted key file's password comes from: {@code --password-file} (its first line), else the
 * EDGEPROOF_NODE_PASSWORD environment variable. Never a command-line argument (it would show in ps).
 */
final class KeyOptions {
    static final String PASSWORD_ENV = "EDGEPROOF_NODE_PASSWORD";

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "file whose first line is the key's password (else the " + PASSWORD_ENV + " environment variable)")
    Path passwordFile;

    char[] password() {
        if (passwordFile != null) {
            try {
                String first = Files.readAllLines(passwordFile).stream().findFirst().orElse("");
                return first.toCharArray();
            } catch (IOException e) {
                throw new KeyFileException("cannot read the password file " + passwordFile + ": " + e.getMessage());
            }
        }
        String env = System.getenv(PASSWORD_ENV);
        if (env == null || env.isEmpty()) {
            throw new KeyFileException("the key's password is needed: give --password-file FILE or set " + PASSWORD_ENV);
        }
        return env.toCharArray();
    }

    KeyFile.Opened open(Path keyFile) {
        if (!Files.isRegularFile(keyFile)) {
            throw new KeyFileException("key file " + keyFile + " does not exist");
        }
        return KeyFile.open(keyFile, password());
    }
}
