package io.edgeproof.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgeproof.ledger.device.SignedReading;
import io.edgeproof.network.JobOrder;
import io.edgeproof.network.http.ApiException;
import io.edgeproof.network.http.Wire;
import io.edgeproof.zkml.graph.ModelException;
import io.edgeproof.zkml.io.InputFile;
import io.edgeproof.zkml.quant.QuantizedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * Inputs and signed readings as files. An input file is either {"input": [int16, ...]}, values already
 * quantized (for a device: its raw reading), or an EZKL-style {"input_data": [[float, ...], ...]} whose
 * sample {@code sample} is quantized with the model's input scale (for a device: divided by the raw-scale
 * model's resolution). A signed reading file is what {@code device sign} writes: the reading's fields (as
 * the API sends them), the raw "input" it attests, and for a hidden input the commitment's secret "hidden"
 * {seed, proofs} and the public "input_commitment".
 */
final class InputArgs {
    private InputArgs() {}

    /** A reading and the raw input it attests; {@code hiding} (seed, proofs) when the reading signs its commitment. */
    record SignedInput(SignedReading reading, int[] input, JobOrder.Hiding hiding) {}

    /**
     * A device's raw reading from {@code file}: {"input": [int...]} as it is, or a float sample (input_data)
     * divided by the raw-scale model's resolution, each value required to land exactly on an integer.
     */
    static int[] raw(Path file, int sample, QuantizedModel model) {
        JsonNode root = read(file);
        int[] raw;
        if (root.has("input")) {
            raw = inFile(file, () -> Wire.parse(bytes(file)).ints("input", Integer.MIN_VALUE, Integer.MAX_VALUE));
        } else {
            if (model == null) {
                throw new ModelException(file + " holds float input_data: give --model (set up with --raw-scale) to"
                        + " read it as raw integers at the model's resolution");
            }
            double[] row = sample(file, sample);
            raw = new int[row.length];
            for (int i = 0; i < row.length; i++) {
                double k = row[i] / model.inputScale();
                if (!model.rawInput() || k != Math.rint(k) || Math.abs(k) > Integer.MAX_VALUE) {
                    throw new ModelException(file + ": value " + row[i] + " at " + i + " is not a raw reading at the"
                            + " model's resolution " + model.inputScale() + (model.rawInput() ? "" : " (the model has no raw scale)"));
                }
                raw[i] = (int) k;
            }
        }
        return model != null ? model.rawReading(raw) : checkedInt16(file, raw);
    }

    private static int[] checkedInt16(Path file, int[] raw) {
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] < Short.MIN_VALUE || raw[i] > Short.MAX_VALUE) {
                throw new ModelException(file + ": raw reading value " + raw[i] + " at " + i + " is outside int16:"
                        + " the proof takes int16 inputs (a wider sensor needs a proven rescaling first, not supported)");
            }
        }
        return raw;
    }

    private static double[] sample(Path file, int sample) {
        List<double[]> rows = InputFile.read(file);
        if (sample < 0 || sample >= rows.size()) {
            throw new ModelException(file + " has samples 0.." + (rows.size() - 1) + ", not " + sample);
        }
        return rows.get(sample);
    }

    static int[] quantized(Path file, int sample, Supplier<QuantizedModel> model) {
        JsonNode root = read(file);
        if (root.has("input")) {
            return inFile(file, () -> Wire.parse(bytes(file)).ints("input", Short.MIN_VALUE, Short.MAX_VALUE));
        }
        double[] row = sample(file, sample);
        QuantizedModel m = model.get();
        if (row.length != m.inputSize()) {
            throw new ModelException(file + ": " + row.length + " values, the model takes " + m.inputSize());
        }
        return m.quantizeInput(row);
    }

    static SignedInput reading(Path file) {
        return inFile(file, () -> {
            Wire.In in = Wire.parse(bytes(file));
            return new SignedInput(in.reading(), in.ints("input", Short.MIN_VALUE, Short.MAX_VALUE),
                    in.has("hidden") ? in.object("hidden").hiding() : null);
        });
    }

    static ObjectNode readingJson(SignedInput s) {
        ObjectNode o = Wire.reading(s.reading());
        o.set("input", Wire.ints(s.input()));
        if (s.hiding() != null) {
            o.set("hidden", Wire.hiding(s.hiding().seed(), s.hiding().proofs()));
        }
        return o;
    }

    private static <T> T inFile(Path file, Supplier<T> read) {
        try {
            return read.get();
        } catch (ApiException e) {
            throw new ModelException(file + ": " + e.getMessage());
        }
    }

    private static JsonNode read(Path file) {
        return inFile(file, () -> Wire.parse(bytes(file)).node());
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(ModelArgs.existing(file, "input file"));
        } catch (IOException e) {
            throw new ModelException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
