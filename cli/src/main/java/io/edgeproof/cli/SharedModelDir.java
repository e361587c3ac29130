package io.edgeproof.cli;

import io.edgeproof.zkml.graph.ModelException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds ../shared/models relative to the repository root: the {@code edgeproof.root} system property if
 * set, else the first directory above the working directory or the CLI's classes that has a pom.xml and a
 * sibling shared/models.
 */
final class SharedModelDir {
    private SharedModelDir() {}

    static Path find() {
        return models(repositoryRoot());
    }

    /** The network.onnx of a shared model by name (e.g. "mlp-4m", "ezkl/1l_mlp"); an unknown name is a ModelException. */
    static Path network(Path models, String name) {
        Path onnx = models.resolve(name).resolve("network.onnx");
        if (!Files.isRegularFile(onnx)) {
            throw new ModelException("unknown model '" + name + "' (no " + onnx + ")");
        }
        return onnx;
    }

    /** The repository root: the directory that holds the root pom.xml, with ../shared beside it. */
    static Path repositoryRoot() {
        String prop = System.getProperty("edgeproof.root");
        if (prop != null) {
            Path root = Path.of(prop).toAbsolutePath();
            if (Files.isDirectory(models(root))) {
                return root;
            }
        }
        for (Path start : new Path[] {Path.of("").toAbsolutePath(), codeLocation()}) {
            for (Path p = start; p != null && p.getParent() != null; p = p.getParent()) {
                if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(models(p))) {
                    return p;
                }
            }
        }
        throw new ModelException("cannot find ../shared/models beside the repository (set -Dedgeproof.root=<repo>)");
    }

    private static Path models(Path root) {
        return root.resolveSibling("shared").resolve("models");
    }

    private static Path codeLocation() {
        try {
            return Path.of(SharedModelDir.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return null;
        }
    }
}
