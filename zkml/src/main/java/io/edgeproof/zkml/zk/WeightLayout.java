package io.edgeproof.zkml.zk;

import java.util.ArrayList;
import java.util.List;

/**
 * Where hidden weights live: one or more hiding polynomials ("parts"), each holding some weight blocks (per
 * dense layer l: block 2l its weights, index k + 2^K n, and block 2l + 1 its bias) and, as its last block,
 * the one-time masks of the reads of its blocks: one per block and proof, for B proofs. A mask must sit
 * in the polynomial of the block it masks, and a part holds at most 4 times its largest block, so four
 * 2^20 matrices make a 2^22 and a 2^21 part instead of one 2^23 polynomial (the hiding opening's cost and
 * memory follow the largest part). Fixed by the circuit and B, so setup, prover and verifier agree.
 */
final class WeightLayout {
    final List<Layout> parts = new ArrayList<>();
    /** Per weight block: its part, its block id there, its rank among the part's blocks (its mask per proof). */
    final int[] part;
    final int[] block;
    final int[] rank;
    /** Per part: how many of its blocks a proof reads (one mask each). */
    final int[] reads;

    WeightLayout(ZkCircuit circuit, int budget) {
        List<ZkCircuit.Dense> dense = circuit.denseSteps();
        int n = 2 * dense.size();
        int[] vars = new int[n];
        for (int l = 0; l < dense.size(); l++) {
            int out = ZkCircuit.log2Ceil(dense.get(l).out());
            vars[2 * l] = circuit.featureVars(dense.get(l)) + out;
            vars[2 * l + 1] = out;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> vars[a] != vars[b] ? vars[b] - vars[a] : a - b);
        List<List<Integer>> members = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        for (int wb : order) {
            int p = 0;
            while (p < members.size() && !fits(sizes.get(p) + (1L << vars[wb]), members.get(p).size() + 1, budget,
                    vars[members.get(p).get(0)])) {
                p++;
            }
            if (p == members.size()) {
                members.add(new ArrayList<>());
                sizes.add(0L);
            }
            members.get(p).add(wb);
            sizes.set(p, sizes.get(p) + (1L << vars[wb]));
        }
        part = new int[n];
        block = new int[n];
        rank = new int[n];
        reads = new int[members.size()];
        for (int p = 0; p < members.size(); p++) {
            List<Integer> m = new ArrayList<>(members.get(p));
            m.sort(null);
            Layout layout = new Layout();
            for (int r = 0; r < m.size(); r++) {
                int wb = m.get(r);
                part[wb] = p;
                block[wb] = layout.addBlock(vars[wb]);
                rank[wb] = r;
            }
            reads[p] = m.size();
            layout.addBlock(maskVars(budget, m.size()));
            parts.add(layout.pack());
        }
    }

    /** Whether blocks of {@code size} entries and the masks of {@code count} blocks fit 4 times the largest. */
    private static boolean fits(long size, int count, int budget, int largestVars) {
        return size + (1L << maskVars(budget, count)) <= 1L << (largestVars + 2);
    }

    private static int maskVars(int budget, int count) {
        return 2 + ZkCircuit.log2Ceil((long) budget * count);
    }

    /** The block of a part holding its masks. */
    int maskBlock(int p) {
        return parts.get(p).blocks() - 1;
    }

    /** The mask of weight block {@code wb} for the proof using slot set {@code slot}. */
    int mask(int wb, int slot) {
        return slot * reads[part[wb]] + rank[wb];
    }
}
