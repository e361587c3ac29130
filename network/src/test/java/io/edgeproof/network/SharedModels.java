package io.edgeproof.network;

import io.edgeproof.zkml.io.ModelFiles;
import io.edgeproof.zkml.quant.QuantizedModel;
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

    /**
     * The model compiled as a raw-scale model whose resolution is its calibrated input scale: seeded int16
     * test readings are then raw sensor values, as device jobs require.
     */
    public static QuantizedModel rawScaleModel(String name) {
        double resolution = ModelFiles.compile(network(name), null).model().inputScale();
        return ModelFiles.compile(network(name), null, resolution).model();
    }

    public static Path digitsFrames() {
        return dir().resolve("digits-test.json");
    }
}
