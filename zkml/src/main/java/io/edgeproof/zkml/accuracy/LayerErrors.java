package io.edgeproof.zkml.accuracy;

import io.edgeproof.zkml.engine.IntegerEngine;
import io.edgeproof.zkml.graph.FloatInterpreter;
import io.edgeproof.zkml.graph.Graph;
import io.edgeproof.zkml.graph.Node;
import io.edgeproof.zkml.quant.QNode;
import io.edgeproof.zkml.quant.QuantizedModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where quantization error comes from: every quantized node that computes the same tensor as a node of the
 * float graph (same name, same size) is compared, dequantized, with the float interpreter's value (which
 * agrees with ONNX Runtime to float precision, see FloatImportTest). Nodes the quantizer added (rescales,
 * the integer LayerNorm steps) have no float counterpart and are skipped.
 */
public final class LayerErrors {
    /** One node's worst absolute error over the samples, beside the largest |float value| for scale. */
    public record LayerError(String node, String op, double maxAbsError, double maxAbsValue) {
        public double relative() {
            return maxAbsValue == 0 ? maxAbsError : maxAbsError / maxAbsValue;
        }
    }

    private LayerErrors() {}

    public static List<LayerError> measure(Graph graph, QuantizedModel model, List<double[]> samples) {
        Map<String, Integer> floatIndex = new HashMap<>();
        for (int j = 0; j < graph.nodes().size(); j++) {
            floatIndex.put(graph.nodes().get(j).name(), j);
        }
        IntegerEngine engine = new IntegerEngine(model);
        List<QNode> nodes = model.nodes();
        double[] err = new double[nodes.size()];
        double[] ref = new double[nodes.size()];
        for (double[] sample : samples) {
            double[][] floats = FloatInterpreter.runAll(graph, sample);
            int[][] ints = engine.runAll(model.quantizeInput(sample), 1);
            for (int k = 0; k < nodes.size(); k++) {
                Integer j = counterpart(nodes.get(k), graph, floatIndex);
                if (j == null) {
                    continue;
                }
                double scale = nodes.get(k).scale();
                double[] f = floats[j + 1];
                int[] q = ints[k + 1];
                for (int i = 0; i < q.length; i++) {
                    err[k] = Math.max(err[k], Math.abs(q[i] * scale - f[i]));
                    ref[k] = Math.max(ref[k], Math.abs(f[i]));
                }
            }
        }
        List<LayerError> out = new ArrayList<>();
        for (int k = 0; k < nodes.size(); k++) {
            if (counterpart(nodes.get(k), graph, floatIndex) != null) {
                QNode n = nodes.get(k);
                out.add(new LayerError(n.name(), n.layer().getClass().getSimpleName(), err[k], ref[k]));
            }
        }
        return out;
    }

    private static Integer counterpart(QNode n, Graph graph, Map<String, Integer> floatIndex) {
        Integer j = floatIndex.get(n.name());
        if (j == null) {
            return null;
        }
        Node f = graph.nodes().get(j);
        return f.size() == n.size() ? j : null;
    }
}
