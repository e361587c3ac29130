package io.edgeproof.zkml.proof;

import io.edgeproof.field.Goldilocks;
import io.edgeproof.zkml.quant.QLayer;
import io.edgeproof.zkml.quant.QuantizedModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the model's parameters live in the weight commitment: per Linear step a weight block (out x in,
 * row-major, both padded to powers of two: index n 2^inVars + k) and a bias block (out, padded). Padding is
 * zero, which the Linear constraints rely on (padded channels and inputs contribute nothing).
 */
final class WeightPlan {
    final int[] weightBlock;
    final int[] biasBlock;
    final BlockLayout layout;

    WeightPlan(ModelCircuit circuit) {
        List<Integer> vars = new ArrayList<>();
        int n = circuit.steps().size();
        weightBlock = new int[n];
        biasBlock = new int[n];
        java.util.Arrays.fill(weightBlock, -1);
        java.util.Arrays.fill(biasBlock, -1);
        for (int s = 0; s < n; s++) {
            if (circuit.steps().get(s) instanceof ModelCircuit.Linear l) {
                int inVars = ModelCircuit.log2Ceil(l.in());
                int outVars = ModelCircuit.log2Ceil(l.out());
                weightBlock[s] = vars.size();
                vars.add(outVars + inVars);
                biasBlock[s] = vars.size();
                vars.add(outVars);
            }
        }
        layout = new BlockLayout(vars.stream().mapToInt(Integer::intValue).toArray(), false, BlockLayout.MIN_VARIABLES);
    }

    /** The blocks' field tables from the model's int8 weights and integer biases. */
    long[][] blocks(ModelCircuit circuit, QuantizedModel model) {
        long[][] blocks = new long[layout.numBlocks()][];
        for (int s = 0; s < weightBlock.length; s++) {
            if (weightBlock[s] >= 0) {
                ModelCircuit.Linear l = (ModelCircuit.Linear) circuit.steps().get(s);
                QLayer.Linear layer = (QLayer.Linear) model.nodes().get(l.node()).layer();
                blocks[weightBlock[s]] = weightTable(layer, layout.blockVars(weightBlock[s]));
                blocks[biasBlock[s]] = biasTable(layer, layout.blockVars(biasBlock[s]));
            }
        }
        return blocks;
    }

    static long[] weightTable(QLayer.Linear layer, int vars) {
        int k = layer.inFeatures();
        int inVars = ModelCircuit.log2Ceil(k);
        long[] w = new long[1 << vars];
        for (int c = 0; c < layer.outFeatures(); c++) {
            for (int j = 0; j < k; j++) {
                w[(c << inVars) + j] = Goldilocks.fromSigned(layer.weights()[c * k + j]);
            }
        }
        return w;
    }

    static long[] biasTable(QLayer.Linear layer, int vars) {
        long[] b = new long[1 << vars];
        for (int c = 0; c < layer.outFeatures(); c++) {
            b[c] = Goldilocks.fromSigned(layer.bias()[c]);
        }
        return b;
    }
}
