package io.edgeproof.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeproof.zkml.graph.ModelException;
import io.edgeproof.zkml.io.ModelFiles;
import java.nio.file.Files;
import java.nio.file.Path;

/** Helpers shared by the model commands: file checks, the ONNX source of a model, JSON output. */
final class ModelArgs {
    static final ObjectMapper JSON = new ObjectMapper();

    private ModelArgs() {}

    static Path existing(Path p, String what) {
        if (!Files.isRegularFile(p)) {
            throw new ModelException(what + " " + p + " does not exist");
        }
        return p;
    }

    /** The float ONNX model behind {@code model}: itself, or for an .epm the same-named .onnx or network.onnx beside it. */
    static Path onnxSource(Path model) {
        if (!ModelFiles.isEpm(model)) {
            return model;
        }
        Path dir = model.toAbsolutePath().getParent();
        String base = model.getFileName().toString().replaceAll("(?i)\\.epm$", "");
        for (Path candidate : new Path[] {dir.resolve(base + ".onnx"), dir.resolve("network.onnx")}) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** A --raw-scale value: 0 (none) or a positive, finite resolution. */
    static double rawScale(double s) {
        if (s < 0 || !Double.isFinite(s)) {
            throw new ModelException("--raw-scale must be a positive resolution, not " + s);
        }
        return s;
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
