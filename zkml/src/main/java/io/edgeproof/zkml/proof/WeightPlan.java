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
 *
 * <p>When the blocks need more than one polynomial, the blocks left over after the first, if they hold at
 * most {@link #KEY_ENTRIES} entries, are not committed but kept <em>in the verifier key</em> (and bound by
 * the model id): the verifier evaluates their multilinear extensions itself (O(entries) per claim), and
 * every opening saves the leftover polynomial's Merkle paths (mlp-4m: ~24 KB of a 2^14 polynomial).
 */
final class WeightPlan {
    /** At most this many leftover entries go to the verifier key instead of a second polynomial. */
    static final int KEY_ENTRIES = 1 << 16;

    final int[] weightBlock;
    final int[] biasBlock;
    /** Every block's variables, committed or not. */
    final int[] blockVars;
    /** Per block: held in the verifier key (never committed, {@link #layout} does not place it). */
    final boolean[] inKey;
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
        blockVars = vars.stream().mapToInt(Integer::intValue).toArray();
        inKey = new boolean[blockVars.length];
        BlockLayout all = BlockLayout.packed(blockVars);
        long leftover = 0;
        for (int b = 0; b < blockVars.length; b++) {
            if (all.placement(b).polynomial() > 0) {
                inKey[b] = true;
                leftover += 1L << blockVars[b];
            }
        }
        if (leftover == 0 || leftover > KEY_ENTRIES) {
            java.util.Arrays.fill(inKey, false);
            layout = all;
        } else {
            int[] committed = blockVars.clone();
            for (int b = 0; b < committed.length; b++) {
                committed[b] = inKey[b] ? BlockLayout.NOT_PLACED : committed[b];
            }
            layout = BlockLayout.packed(committed);
        }
    }

    /** Whether block b is a bias block (its key encoding holds 64-bit values; weight blocks hold int8). */
    boolean isBias(int b) {
        for (int x : biasBlock) {
            if (x == b) {
                return true;
            }
        }
        return false;
    }

    /** The blocks' field tables from the model's int8 weights and integer biases. */
    long[][] blocks(ModelCircuit circuit, QuantizedModel model) {
        long[][] blocks = new long[blockVars.length][];
        for (int s = 0; s < weightBlock.length; s++) {
            if (weightBlock[s] >= 0) {
                ModelCircuit.Linear l = (ModelCircuit.Linear) circuit.steps().get(s);
                QLayer layer = model.nodes().get(l.node()).layer();
                byte[] weights = layer instanceof QLayer.Conv c ? c.weights() : ((QLayer.Linear) layer).weights();
                long[] bias = layer instanceof QLayer.Conv c ? c.bias() : ((QLayer.Linear) layer).bias();
                blocks[weightBlock[s]] = weightTable(weights, l, circuit.featureColumns(l), circuit.featureVars(l),
                        blockVars[weightBlock[s]]);
                blocks[biasBlock[s]] = biasTable(bias, l.out(), blockVars[biasBlock[s]]);
            }
        }
        return blocks;
    }

    /** The tables of the blocks held in the verifier key (null for committed blocks). */
    long[][] keyBlocks(long[][] blocks) {
        long[][] out = new long[blocks.length][];
        for (int b = 0; b < blocks.length; b++) {
            out[b] = inKey[b] ? blocks[b] : null;
        }
        return out;
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
