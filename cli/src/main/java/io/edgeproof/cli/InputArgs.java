package io.edgeproof.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgeproof.ledger.device.SignedReading;
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
 * quantized, or an EZKL-style {"input_data": [[float, ...], ...]} whose sample {@code sample} is quantized
 * with the model's input scale. A signed reading file is what {@code device sign} writes: the reading's fields (as the API sends
 * them) plus the quantized "input" it attests.
 */
final class InputArgs {
    private InputArgs() {}

    /** A reading and the input it attests. */
    record SignedInput(SignedReading reading, int[] input) {}

    static int[] quantized(Path file, int sample, Supplier<QuantizedModel> model) {
        JsonNode root = read(file);
        if (root.has("input")) {
            return inFile(file, () -> Wire.parse(bytes(file)).ints("input", Short.MIN_VALUE, Short.MAX_VALUE));
        }
        List<double[]> rows = InputFile.read(file);
        if (sample < 0 || sample >= rows.size()) {
            throw new ModelException(file + " has samples 0.." + (rows.size() - 1) + ", not " + sample);
        }
        QuantizedModel m = model.get();
        double[] row = rows.get(sample);
        if (row.length != m.inputSize()) {
            throw new ModelException(file + ": " + row.length + " values, the model takes " + m.inputSize());
        }
        return m.quantizeInput(row);
    }

    static SignedInput reading(Path file) {
        return inFile(file, () -> {
            Wire.In in = Wire.parse(bytes(file));
            return new SignedInput(in.reading(), in.ints("input", Short.MIN_VALUE, Short.MAX_VALUE));
        });
    }

    static ObjectNode readingJson(SignedInput s) {
        ObjectNode o = Wire.reading(s.reading());
        o.set("input", Wire.ints(s.input()));
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
