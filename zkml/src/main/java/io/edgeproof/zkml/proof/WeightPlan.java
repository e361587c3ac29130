package io.edgeproof.zkml.proof;

import io.edgeproof.field.Goldilocks;
import io.edgeproof.zkml.quant.QLayer;
import io.edgeproof.zkml.quant.QuantizedModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the model's parameters live in the weight commitment: per Linear or Conv step a weight block
 * (out x features, index n 2^featureVars + k, k the padded column of {@link ModelCircuit#featureColumns}) and a bias block (out, padded). Padding is
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
                int outVars = ModelCircuit.log2Ceil(l.out());
                weightBlock[s] = vars.size();
                vars.add(outVars + circuit.featureVars(l));
                biasBlock[s] = vars.size();
                vars.add(outVars);
            }
        }
        layout = BlockLayout.packed(vars.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The blocks' field tables from the model's int8 weights and integer biases. */
    long[][] blocks(ModelCircuit circuit, QuantizedModel model) {
        long[][] blocks = new long[layout.numBlocks()][];
        for (int s = 0; s < weightBlock.length; s++) {
            if (weightBlock[s] >= 0) {
                ModelCircuit.Linear l = (ModelCircuit.Linear) circuit.steps().get(s);
                QLayer layer = model.nodes().get(l.node()).layer();
                byte[] weights = layer instanceof QLayer.Conv c ? c.weights() : ((QLayer.Linear) layer).weights();
                long[] bias = layer instanceof QLayer.Conv c ? c.bias() : ((QLayer.Linear) layer).bias();
                blocks[weightBlock[s]] = weightTable(weights, l, circuit.featureColumns(l), circuit.featureVars(l),
                        layout.blockVars(weightBlock[s]));
                blocks[biasBlock[s]] = biasTable(bias, l.out(), layout.blockVars(biasBlock[s]));
            }
        }
        return blocks;
    }

    /** Row n holds channel n's weights, weight i at padded column {@code columns[i]}; zeros elsewhere. */
    static long[] weightTable(byte[] weights, ModelCircuit.Linear l, int[] columns, int featureVars, int vars) {
        long[] w = new long[1 << vars];
        for (int c = 0; c < l.out(); c++) {
            for (int j = 0; j < l.in(); j++) {
                w[(c << featureVars) + columns[j]] = Goldilocks.fromSigned(weights[c * l.in() + j]);
            }
        }
        return w;
    }

    static long[] biasTable(long[] bias, int out, int vars) {
        long[] b = new long[1 << vars];
        for (int c = 0; c < out; c++) {
            b[c] = Goldilocks.fromSigned(bias[c]);
        }
        return b;
    }
}
