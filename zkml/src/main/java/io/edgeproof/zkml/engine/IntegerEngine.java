package io.edgeproof.zkml.engine;

import io.edgeproof.zkml.graph.ModelException;
import io.edgeproof.zkml.graph.Shapes;
import io.edgeproof.zkml.quant.QLayer;
import io.edgeproof.zkml.quant.QNode;
import io.edgeproof.zkml.quant.QuantizedModel;

/**
 * Runs a {@link QuantizedModel} on int16 inputs: the plain integer inference whose every intermediate value
 * is the witness the prover will commit to. Kernels are prepared once; {@link #run} is thread-safe.
 */
public final class IntegerEngine {
    private final QuantizedModel model;
    private final Kernel[] kernels;

    public IntegerEngine(QuantizedModel model) {
        this.model = model;
        this.kernels = new Kernel[model.nodes().size()];
        for (int k = 0; k < kernels.length; k++) {
            kernels[k] = prepare(model.nodes().get(k));
        }
    }

    public QuantizedModel model() {
        return model;
    }

    /** Every value (index 0 the input, k + 1 node k), each holding {@code batch} samples end to end. */
    public int[][] runAll(int[] input, int batch) {
        if (batch < 1 || input.length != batch * model.inputSize()) {
            throw new ModelException("input holds " + input.length + " values, expected " + batch + " x " + model.inputSize());
        }
        for (int v : input) {
            if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
                throw new ModelException("quantized input value " + v + " outside the int16 range");
            }
        }
        int[][] values = new int[kernels.length + 1][];
        values[0] = input;
        for (int k = 0; k < kernels.length; k++) {
            int[] ins = model.nodes().get(k).inputs();
            int[][] args = new int[ins.length][];
            for (int i = 0; i < ins.length; i++) {
                args[i] = values[ins[i]];
            }
            values[k + 1] = kernels[k].run(args, batch);
        }
        return values;
    }

    /** Outputs of {@code batch} samples: per sample, the model outputs concatenated. */
    public int[] run(int[] input, int batch) {
        int[][] values = runAll(input, batch);
        int per = model.outputSize();
        int[] out = new int[batch * per];
        int offset = 0;
        for (int o : model.outputs()) {
            int n = Shapes.size(model.shapeOf(o));
            for (int b = 0; b < batch; b++) {
                System.arraycopy(values[o], b * n, out, b * per + offset, n);
            }
            offset += n;
        }
        return out;
    }

    /** Real inputs in, real outputs out, one row per sample. */
    public double[][] infer(double[][] rows) {
        int n = model.inputSize();
        int[] q = new int[rows.length * n];
        for (int b = 0; b < rows.length; b++) {
            if (rows[b].length != n) {
                throw new ModelException("sample " + b + " has " + rows[b].length + " values, the model expects " + n
                        + " (shape " + Shapes.format(model.inputShape()) + ")");
            }
            System.arraycopy(model.quantizeInput(rows[b]), 0, q, b * n, n);
        }
        int[] y = run(q, rows.length);
        int per = model.outputSize();
        double[][] out = new double[rows.length][];
        for (int b = 0; b < rows.length; b++) {
            out[b] = model.dequantize(java.util.Arrays.copyOfRange(y, b * per, (b + 1) * per));
        }
        return out;
    }

    private Kernel prepare(QNode n) {
        int[] in0 = model.shapeOf(n.inputs().length > 0 ? n.inputs()[0] : 0);
        return switch (n.layer()) {
            case QLayer.Linear l -> DenseKernels.linear(l, Shapes.size(in0));
            case QLayer.Conv c -> DenseKernels.conv(c, in0, n.shape());
            case QLayer.MatMul m -> ReduceKernels.matmul(m, in0, model.shapeOf(n.inputs()[1]), n.shape());
            case QLayer.Add a -> PointwiseKernels.add(a, in0, model.shapeOf(n.inputs()[1]), n.shape());
            case QLayer.Mul m -> PointwiseKernels.mul(m, in0, model.shapeOf(n.inputs()[1]), n.shape());
            case QLayer.ScaleShift s -> PointwiseKernels.scaleShift(s, n.shape());
            case QLayer.Relu r -> PointwiseKernels.relu();
            case QLayer.Clip c -> PointwiseKernels.clip(c);
            case QLayer.PRelu p -> PointwiseKernels.prelu(p, n.shape());
            case QLayer.MaxPool p -> ReduceKernels.maxPool(p, in0, n.shape());
            case QLayer.AvgPool p -> ReduceKernels.avgPool(p, in0, n.shape());
            case QLayer.Lookup l -> PointwiseKernels.lookup(l);
            case QLayer.Softmax s -> ReduceKernels.softmax(s, n.shape());
            case QLayer.ReduceMean r -> ReduceKernels.reduceMean(r, in0);
            case QLayer.Layout l -> {
                int[] sizes = new int[n.inputs().length];
                for (int i = 0; i < sizes.length; i++) {
                    sizes[i] = Shapes.size(model.shapeOf(n.inputs()[i]));
                }
                yield PointwiseKernels.layout(l, sizes);
            }
            case QLayer.Reshape r -> (in, batch) -> in[0];
        };
    }
}
