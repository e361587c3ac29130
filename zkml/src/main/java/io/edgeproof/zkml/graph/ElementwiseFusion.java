package io.edgeproof.zkml.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fuses element-wise regions into single scalar programs. A region hangs off one root value r: every node
 * in it is element-wise (a scalar program, a scale/shift by scalars, or Add/Sub/Mul of two region values of
 * the same shape), so each of its values is a scalar function of r. Each value leaving the region whose
 * function is non-linear is recomputed by one {@link Layer.Elementwise} reading r. Relu stays explicit (a
 * comparison is cheaper to prove than a table).
 */
final class ElementwiseFusion {
    private ElementwiseFusion() {}

    static Graph fuse(Graph g) {
        int n = g.nodes().size();
        int[] root = new int[n + 1];
        boolean[] inRegion = new boolean[n + 1];
        for (int k = 0; k < n; k++) {
            Node node = g.nodes().get(k);
            int v = k + 1;
            root[v] = v;
            if (eligible(g, node)) {
                int r = root[node.inputs()[0]];
                if (node.inputs().length == 1 || root[node.inputs()[1]] == r) {
                    root[v] = r;
                    inRegion[v] = true;
                }
            }
        }
        boolean[] exit = exits(g, root, inRegion);
        Rewriter rw = new Rewriter(g);
        for (int k = 0; k < n; k++) {
            Node node = g.nodes().get(k);
            int v = k + 1;
            if (exit[v]) {
                ScalarProgram p = program(g, root[v], v);
                if (p.isNonLinear()) {
                    rw.put(k, new Node(node.name(), new Layer.Elementwise(p), new int[] {root[v]}, node.shape()));
                    continue;
                }
            }
            rw.put(k, node);
        }
        return rw.build();
    }

    private static boolean eligible(Graph g, Node node) {
        return switch (node.layer()) {
            case Layer.Elementwise e -> true;
            case Layer.ScaleShift s -> s.scale().isUniform() && s.shift().isUniform()
                    && Arrays.equals(node.shape(), g.shapeOf(node.inputs()[0]));
            case Layer.Binary b -> Arrays.equals(g.shapeOf(node.inputs()[0]), node.shape())
                    && Arrays.equals(g.shapeOf(node.inputs()[1]), node.shape());
            default -> false;
        };
    }

    /** Region values read outside their region (or returned by the model). */
    private static boolean[] exits(Graph g, int[] root, boolean[] inRegion) {
        boolean[] exit = new boolean[root.length];
        for (int k = 0; k < g.nodes().size(); k++) {
            int v = k + 1;
            for (int in : g.nodes().get(k).inputs()) {
                if (inRegion[in] && !(inRegion[v] && root[v] == root[in])) {
                    exit[in] = true;
                }
            }
        }
        for (int o : g.outputs()) {
            exit[o] = inRegion[o];
        }
        return exit;
    }

    /** The scalar program computing value {@code target} from the region root {@code r}. */
    private static ScalarProgram program(Graph g, int r, int target) {
        boolean[] cone = new boolean[target + 1];
        cone[target] = true;
        for (int v = target; v > r; v--) {
            if (cone[v]) {
                for (int in : g.nodes().get(v - 1).inputs()) {
                    cone[in] = true;
                }
            }
        }
        int[] reg = new int[target + 1];
        List<ScalarProgram.Step> steps = new ArrayList<>();
        for (int v = r + 1; v <= target; v++) {
            if (!cone[v]) {
                continue;
            }
            Node node = g.nodes().get(v - 1);
            int a = reg[node.inputs()[0]];
            switch (node.layer()) {
                case Layer.Elementwise e -> {
                    int base = steps.size();
                    for (ScalarProgram.Step s : e.program().steps()) {
                        steps.add(new ScalarProgram.Step(s.kind(), remap(s.a(), a, base), remap(s.b(), a, base), s.c0(), s.c1()));
                    }
                }
                case Layer.ScaleShift s -> steps.add(new ScalarProgram.Step(ScalarProgram.Kind.AFFINE, a, a,
                        s.scale().values()[0], s.shift().values()[0]));
                case Layer.Binary b -> {
                    ScalarProgram.Kind kind = switch (b.op()) {
                        case ADD -> ScalarProgram.Kind.ADD;
                        case SUB -> ScalarProgram.Kind.SUB;
                        case MUL -> ScalarProgram.Kind.MUL;
                    };
                    steps.add(new ScalarProgram.Step(kind, a, reg[node.inputs()[1]], 0, 0));
                }
                default -> throw new IllegalStateException("not element-wise: " + node.layer());
            }
            reg[v] = steps.size();
        }
        return new ScalarProgram(steps);
    }

    /** Register j of an inlined program: 0 is its input register, j > 0 its own step j - 1. */
    private static int remap(int j, int input, int base) {
        return j == 0 ? input : base + j;
    }
}
