package io.edgeproof.zkml.io;

import io.edgeproof.zkml.graph.Graph;
import io.edgeproof.zkml.graph.ModelException;
import io.edgeproof.zkml.graph.Simplifier;
import io.edgeproof.zkml.onnx.OnnxImporter;
import io.edgeproof.zkml.quant.ModelCodec;
import io.edgeproof.zkml.quant.QuantizedModel;
import io.edgeproof.zkml.quant.Quantizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Compiling ONNX files, default calibration, and reading/writing .epm files. */
public final class ModelFiles {
    /** Samples of the fallback calibration when no input.json is available. */
    static final int DEFAULT_SAMPLES = 8;

    private ModelFiles() {}

    /** A compiled model together with the float graph it came from. */
    public record Compiled(Graph graph, QuantizedModel model) {}

    public static Compiled compile(Path onnx, Path calibration) {
        return compile(onnx, calibration, 0);
    }

    /**
     * As {@link #compile(Path, Path)}; a {@code rawScale} > 0 (a sensor's resolution: one raw unit in the
     * model's real input units) fixes the input scale, so a raw integer reading is the model's input as it is.
     */
    public static Compiled compile(Path onnx, Path calibration, double rawScale) {
        Graph g = Simplifier.simplify(OnnxImporter.load(onnx));
        List<double[]> samples = calibration != null ? InputFile.read(calibration) : defaultCalibration(onnx, g);
        return new Compiled(g, Quantizer.quantize(g, samples, rawScale));
    }

    /**
     * Loads a model as {@link #load} does, with the raw scale {@code rawScale} (0: none): an .onnx is compiled
     * with it; an .epm must already have exactly that raw scale (its input scale is fixed when compiled).
     */
    public static QuantizedModel load(Path file, double rawScale) {
        if (rawScale <= 0) {
            return load(file);
        }
        if (!isEpm(file)) {
            return compile(file, null, rawScale).model();
        }
        QuantizedModel m = readEpm(file);
        if (!m.rawInput() || m.inputScale() != rawScale) {
            throw new ModelException(file + " was compiled " + (m.rawInput() ? "with raw scale " + m.inputScale()
                    : "without a raw scale") + ": compile the ONNX model with --raw-scale " + rawScale);
        }
        return m;
    }

    /**
     * The input.json beside the model if there is one, else a fixed pseudo-random set (uniform in [-1, 1],
     * SplittableRandom seed 0: the same on every machine).
     */
    public static List<double[]> defaultCalibration(Path onnx, Graph g) {
        Path beside = onnx.toAbsolutePath().resolveSibling("input.json");
        if (Files.isRegularFile(beside)) {
            return InputFile.read(beside);
        }
        SplittableRandom rnd = new SplittableRandom(0);
        List<double[]> samples = new ArrayList<>();
        for (int s = 0; s < DEFAULT_SAMPLES; s++) {
            double[] x = new double[g.inputSize()];
            for (int i = 0; i < x.length; i++) {
                x[i] = rnd.nextDouble(-1.0, 1.0);
            }
            samples.add(x);
        }
        return samples;
    }

    public static boolean isEpm(Path file) {
        return file.getFileName().toString().toLowerCase().endsWith(".epm");
    }

    /** Loads a model for inference: an .epm as is, an .onnx compiled with its default calibration. */
    public static QuantizedModel load(Path file) {
        if (isEpm(file)) {
            return readEpm(file);
        }
        return compile(file, null).model();
    }

    public static QuantizedModel readEpm(Path file) {
        try {
            return ModelCodec.decode(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ModelException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static void writeEpm(QuantizedModel m, Path file) {
        try {
            Files.write(file, ModelCodec.encode(m));
        } catch (IOException e) {
            throw new ModelException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
