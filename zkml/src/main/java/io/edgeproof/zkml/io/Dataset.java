package io.edgeproof.zkml.io;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgeproof.zkml.graph.ModelException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A labelled evaluation set: {"inputs": [[floats], ...], "labels": [int, ...]}. */
public record Dataset(List<double[]> inputs, int[] labels) {
    public Dataset {
        if (inputs.size() != labels.length || inputs.isEmpty()) {
            throw new ModelException("dataset has " + inputs.size() + " inputs and " + labels.length + " labels");
        }
    }

    public static Dataset read(Path file) {
        JsonNode root = InputFile.Json.read(file);
        JsonNode ins = root.get("inputs");
        JsonNode labels = root.get("labels");
        if (ins == null || labels == null || !ins.isArray() || !labels.isArray()) {
            throw new ModelException(file + ": expected {\"inputs\": [[...]], \"labels\": [...]}");
        }
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < ins.size(); i++) {
            rows.add(InputFile.Json.row(ins.get(i), file + ": inputs[" + i + "]"));
        }
        int[] y = new int[labels.size()];
        for (int i = 0; i < y.length; i++) {
            if (!labels.get(i).canConvertToInt()) {
                throw new ModelException(file + ": labels[" + i + "] is not an integer");
            }
            y[i] = labels.get(i).asInt();
        }
        return new Dataset(rows, y);
    }

    public int size() {
        return labels.length;
    }

    /** Index of the largest value (first on ties): the predicted class. */
    public static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
