package io.edgeproof.network;

import java.nio.file.Files;
import java.nio.file.Path;

/** ../shared/models, found by walking up from the working directory. */
public final class SharedModels {
    private SharedModels() {}

    public static Path dir() {
        for (Path p = Path.of("").toAbsolutePath(); p.getParent() != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared").resolve("models");
            if (Files.isRegularFile(candidate.resolve("digits-test.json"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no ../shared/models above the working directory");
    }

    public static Path network(String name) {
        return dir().resolve(name).resolve("network.onnx");
    }

    public static Path digitsFrames() {
        return dir().resolve("digits-test.json");
    }
}
