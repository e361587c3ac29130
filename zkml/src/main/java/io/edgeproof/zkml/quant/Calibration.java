package io.edgeproof.zkml.quant;

import io.edgeproof.zkml.graph.FloatInterpreter;
import io.edgeproof.zkml.graph.Graph;
import io.edgeproof.zkml.graph.ModelException;
import java.util.List;

/**
 * Activation ranges observed on calibration samples. Each value's scale is its largest |v| times a headroom
 * of 2 (inputs unseen at calibration may be larger) spread over the int16 range.
 */
public final class Calibration {
    static final double HEADROOM = 2.0;

    private Calibration() {}

    /** max |v| per graph value over all samples. */
    public static double[] maxAbs(Graph g, List<double[]> samples) {
        if (samples.isEmpty()) {
            throw new ModelException("no calibration samples");
        }
        double[] max = new double[g.nodes().size() + 1];
        for (double[] x : samples) {
            double[][] values = FloatInterpreter.runAll(g, x);
            for (int v = 0; v < values.length; v++) {
                for (double d : values[v]) {
                    if (Double.isNaN(d)) {
                        throw new ModelException("calibration produced NaN at value " + v + " ("
                                + (v == 0 ? "input" : g.nodes().get(v - 1).name()) + ")");
                    }
                    max[v] = Math.max(max[v], Math.min(Math.abs(d), 1e30));
                }
            }
        }
        return max;
    }

    static double scaleFor(double maxAbs) {
        return maxAbs > 0 ? maxAbs * HEADROOM / Requant.HI : 1.0 / Requant.HI;
    }
}
