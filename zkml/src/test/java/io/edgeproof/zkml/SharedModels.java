package io.edgeproof.zkml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Locates ../shared/models: walks up from the working directory to the first dir with a sibling shared/models. */
public final class SharedModels {
    private SharedModels() {}

    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared").resolve("models");
            if (p.getParent() != null && Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no ../shared/models above " + dir);
    }

    public static Path model(String name) {
        return root().resolve(name).resolve("network.onnx");
    }

    /** Every model folder (top level and ezkl/), as names relative to the models dir, e.g. "ezkl/1l_conv". */
    public static List<String> all() {
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root(), 3)) {
            s.filter(p -> p.getFileName().toString().equals("network.onnx"))
                    .forEach(p -> names.add(root().relativize(p.getParent()).toString()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        names.sort(null);
        return names;
    }
}
