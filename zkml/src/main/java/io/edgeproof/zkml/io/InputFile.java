package io.edgeproof.zkml.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeproof.zkml.graph.ModelException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * EZKL-style input files: {"input_data": [[flattened floats], ...]}, one row per sample of a batch.
 * A single flat list is accepted as one sample.
 */
public final class InputFile {
    private InputFile() {}

    public static List<double[]> read(Path file) {
        JsonNode root = Json.read(file);
        JsonNode data = root.get("input_data");
        if (data == null || !data.isArray() || data.isEmpty()) {
            throw new ModelException(file + ": expected {\"input_data\": [[...], ...]} with at least one row");
        }
        if (!data.get(0).isArray()) {
            return List.of(Json.row(data, file + ": input_data"));
        }
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            rows.add(Json.row(data.get(i), file + ": input_data[" + i + "]"));
        }
        return rows;
    }

    /** Small JSON helpers with user-facing errors. */
    static final class Json {
        private static final ObjectMapper MAPPER = new ObjectMapper();

        private Json() {}

        static JsonNode read(Path file) {
            try {
                return MAPPER.readTree(file.toFile());
            } catch (IOException e) {
                throw new ModelException("cannot read " + file + ": " + e.getMessage().lines().findFirst().orElse(""), e);
            }
        }

        static double[] row(JsonNode row, String what) {
            if (!row.isArray() || row.isEmpty()) {
                throw new ModelException(what + " is not a non-empty list of numbers");
            }
            double[] x = new double[row.size()];
            for (int i = 0; i < x.length; i++) {
                JsonNode v = row.get(i);
                if (!v.isNumber()) {
                    throw new ModelException(what + "[" + i + "] is not a number");
                }
                x[i] = v.asDouble();
            }
            return x;
        }
    }
}
