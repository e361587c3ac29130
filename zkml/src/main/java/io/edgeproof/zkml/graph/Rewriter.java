package io.edgeproof.zkml.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds a graph node by node: each old node is kept, replaced or aliased to an existing value, and inputs
 * are renumbered on the way. {@link #build()} drops nodes nothing reads any more.
 */
final class Rewriter {
    private final Graph source;
    private final List<Node> out = new ArrayList<>();
    private final int[] map;

    Rewriter(Graph source) {
        this.source = source;
        this.map = new int[source.nodes().size() + 1];
    }

    /** The new id of an old value. */
    int value(int oldValue) {
        return map[oldValue];
    }

    /** Emits {@code n} (inputs in old numbering) as the new producer of old node k's value. */
    void put(int k, Node n) {
        int[] ins = new int[n.inputs().length];
        for (int i = 0; i < ins.length; i++) {
            ins[i] = map[n.inputs()[i]];
        }
        out.add(new Node(n.name(), n.layer(), ins, n.shape()));
        map[k + 1] = out.size();
    }

    /** Old node k's value is now old value {@code other}'s. */
    void alias(int k, int other) {
        map[k + 1] = map[other];
    }

    Graph build() {
        int[] outputs = new int[source.outputs().length];
        for (int i = 0; i < outputs.length; i++) {
            outputs[i] = map[source.outputs()[i]];
        }
        return withoutDeadNodes(new Graph(source.inputShape(), out, outputs));
    }

    static Graph withoutDeadNodes(Graph g) {
        int n = g.nodes().size();
        boolean[] live = new boolean[n + 1];
        for (int o : g.outputs()) {
            live[o] = true;
        }
        for (int k = n - 1; k >= 0; k--) {
            if (live[k + 1]) {
                for (int in : g.nodes().get(k).inputs()) {
                    live[in] = true;
                }
            }
        }
        int[] map = new int[n + 1];
        List<Node> kept = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            if (live[k + 1]) {
                Node node = g.nodes().get(k);
                int[] ins = new int[node.inputs().length];
                for (int i = 0; i < ins.length; i++) {
                    ins[i] = map[node.inputs()[i]];
                }
                kept.add(new Node(node.name(), node.layer(), ins, node.shape()));
                map[k + 1] = kept.size();
            }
        }
        int[] outputs = new int[g.outputs().length];
        for (int i = 0; i < outputs.length; i++) {
            outputs[i] = map[g.outputs()[i]];
        }
        return new Graph(g.inputShape(), kept, outputs);
    }
}
