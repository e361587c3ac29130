package io.edgeproof.zkml.proof;

import io.edgeproof.zkml.graph.ModelException;
import io.edgeproof.zkml.quant.QLayer;
import io.edgeproof.zkml.quant.QuantizedModel;
import io.edgeproof.zkml.quant.Requant;

/**
 * Recomputes a model step by step from the integer semantics of QUANTIZATION.md, keeping every value a
 * constraint needs: each tensor, and for each Linear the requantization quotient t and remainder r of
 * acc M + 2^(s-1) = t 2^s + r. Its tensors are bit-identical to {@code IntegerEngine}'s (tested); it is a
 * separate, straightforward evaluator so the prover does not depend on the engine's optimised kernels.
 */
final class TracingEvaluator {
    /** Per output element of one Linear step (rows x out, row-major): quotient t and remainder r. */
    record LinearTrace(long[] quotient, long[] remainder) {}

    /** Tensor values (tensor 0 the input), unpadded, and the Linear traces by step index (null for Relu). */
    record Trace(int batch, int[][] tensors, LinearTrace[] linear) {}

    private TracingEvaluator() {}

    static Trace run(ModelCircuit circuit, QuantizedModel model, int[] input, int batch, WitnessTamper tamper) {
        if (batch < 1 || input.length != (long) batch * circuit.inputSize()) {
            throw new ModelException("input holds " + input.length + " values, expected " + batch + " x "
                    + circuit.inputSize());
        }
        for (int v : input) {
            if (v < Requant.LO || v > Requant.HI) {
                throw new ModelException("quantized input value " + v + " outside the int16 range");
            }
        }
        int[][] tensors = new int[circuit.tensors().size()][];
        tensors[0] = input;
        LinearTrace[] traces = new LinearTrace[circuit.steps().size()];
        for (int s = 0; s < circuit.steps().size(); s++) {
            switch (circuit.steps().get(s)) {
                case ModelCircuit.Linear l -> {
                    QLayer.Linear layer = (QLayer.Linear) model.nodes().get(l.node()).layer();
                    traces[s] = linear(l, layer, tensors[l.input()]);
                    tensors[l.output()] = clamp(traces[s].quotient());
                }
                case ModelCircuit.Relu r -> tensors[r.output()] = relu(tensors[r.input()]);
            }
            tamper.afterStep(s, tensors, traces[s]);
        }
        return new Trace(batch, tensors, traces);
    }

    private static LinearTrace linear(ModelCircuit.Linear l, QLayer.Linear layer, int[] x) {
        int k = l.in();
        int n = l.out();
        int rows = x.length / k;
        byte[] w = layer.weights();
        long[] t = new long[rows * n];
        long[] r = new long[rows * n];
        for (int i = 0; i < rows; i++) {
            for (int c = 0; c < n; c++) {
                long acc = layer.bias()[c];
                for (int j = 0; j < k; j++) {
                    acc += (long) x[i * k + j] * w[c * k + j];
                }
                int s = l.shifts()[c];
                long shifted = acc * l.multipliers()[c] + (1L << (s - 1));
                long q = shifted >> s;
                t[i * n + c] = q;
                r[i * n + c] = shifted - (q << s);
            }
        }
        return new LinearTrace(t, r);
    }

    static int[] clamp(long[] t) {
        int[] y = new int[t.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = (int) Math.clamp(t[i], Requant.LO, Requant.HI);
        }
        return y;
    }

    private static int[] relu(int[] x) {
        int[] z = new int[x.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = Math.max(x[i], 0);
        }
        return z;
    }
}
