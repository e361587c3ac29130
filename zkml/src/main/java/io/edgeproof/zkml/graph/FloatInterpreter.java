package io.edgeproof.zkml.graph;

/** Runs a float {@link Graph} on one sample; the quantizer reads every intermediate value to calibrate. */
public final class FloatInterpreter {
    private FloatInterpreter() {}

    /** All values of the graph for one input sample: index 0 the input, k + 1 node k's output. */
    public static double[][] runAll(Graph g, double[] input) {
        if (input.length != g.inputSize()) {
            throw new ModelException("input has " + input.length + " values, the model expects "
                    + g.inputSize() + " (shape " + Shapes.format(g.inputShape()) + ")");
        }
        double[][] values = new double[g.nodes().size() + 1][];
        values[0] = input;
        for (int k = 0; k < g.nodes().size(); k++) {
            Node n = g.nodes().get(k);
            double[][] in = new double[n.inputs().length][];
            int[][] shapes = new int[n.inputs().length][];
            for (int i = 0; i < in.length; i++) {
                in[i] = values[n.inputs()[i]];
                shapes[i] = g.shapeOf(n.inputs()[i]);
            }
            values[k + 1] = FloatKernels.eval(n.layer(), in, shapes, n.shape());
        }
        return values;
    }

    /** The model outputs for one sample, concatenated in output order. */
    public static double[] run(Graph g, double[] input) {
        double[][] all = runAll(g, input);
        double[][] outs = new double[g.outputs().length][];
        for (int i = 0; i < outs.length; i++) {
            outs[i] = all[g.outputs()[i]];
        }
        return FloatKernels.concat(outs);
    }
}
