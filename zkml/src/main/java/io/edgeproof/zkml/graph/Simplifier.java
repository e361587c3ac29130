package io.edgeproof.zkml.graph;

import java.util.Arrays;

/**
 * Graph simplification before quantization: a per-channel scale/shift (BatchNorm, a bias Add after MatMul)
 * folds into the preceding Conv/Linear; chains of scale/shifts merge; chains of layout ops compose into one
 * gather; element-wise regions (GELU, x*x + x, rsqrt(v + eps), ...) fuse into one scalar program each
 * ({@link ElementwiseFusion}), which the quantizer turns into a single lookup table.
 */
public final class Simplifier {
    private Simplifier() {}

    public static Graph simplify(Graph g) {
        Graph s = foldScaleShiftIntoLinear(g);
        s = ElementwiseFusion.fuse(s);
        s = mergeChains(s);
        return Rewriter.withoutDeadNodes(s);
    }

    private static Graph foldScaleShiftIntoLinear(Graph g) {
        int[] consumers = g.consumers();
        int[] reader = singleReaders(g);
        Rewriter r = new Rewriter(g);
        boolean[] absorbed = new boolean[g.nodes().size()];
        for (int k = 0; k < g.nodes().size(); k++) {
            Node n = g.nodes().get(k);
            if (absorbed[k]) {
                r.alias(k, n.inputs()[0]);
                continue;
            }
            int next = consumers[k + 1] == 1 ? reader[k + 1] : -1;
            if (next >= 0 && g.nodes().get(next).layer() instanceof Layer.ScaleShift ss) {
                Node folded = fold(n, ss);
                if (folded != null) {
                    r.put(k, folded);
                    absorbed[next] = true;
                    continue;
                }
            }
            r.put(k, n);
        }
        return r.build();
    }

    private static Node fold(Node n, Layer.ScaleShift ss) {
        int rank = n.shape().length;
        return switch (n.layer()) {
            case Layer.Conv c when rank == 4 -> {
                double[][] ab = perChannel(ss, n.shape(), 1);
                if (ab == null) {
                    yield null;
                }
                int per = c.weights().length / c.outChannels();
                double[] w = c.weights().clone();
                double[] b = c.bias().clone();
                for (int o = 0; o < c.outChannels(); o++) {
                    for (int i = 0; i < per; i++) {
                        w[o * per + i] *= ab[0][o];
                    }
                    b[o] = b[o] * ab[0][o] + ab[1][o];
                }
                yield new Node(n.name(), new Layer.Conv(c.inChannels(), c.outChannels(), c.kernelH(), c.kernelW(),
                        c.strides(), c.pads(), c.dilations(), c.group(), w, b), n.inputs(), n.shape());
            }
            case Layer.Linear l -> {
                double[][] ab = perChannel(ss, n.shape(), rank - 1);
                if (ab == null) {
                    yield null;
                }
                double[] w = l.weights().clone();
                double[] b = l.bias().clone();
                int k = l.inFeatures();
                for (int o = 0; o < l.outFeatures(); o++) {
                    for (int i = 0; i < k; i++) {
                        w[o * k + i] *= ab[0][o];
                    }
                    b[o] = b[o] * ab[0][o] + ab[1][o];
                }
                yield new Node(n.name(), new Layer.Linear(k, l.outFeatures(), w, b), n.inputs(), n.shape());
            }
            default -> null;
        };
    }

    /** The scale and shift per index of {@code axis}, or null if they vary along any other axis. */
    private static double[][] perChannel(Layer.ScaleShift ss, int[] shape, int axis) {
        int channels = shape[axis];
        int inner = Shapes.product(shape, axis + 1, shape.length);
        double[][] ab = new double[2][channels];
        boolean[] seen = new boolean[channels];
        int[] si = Shapes.broadcastIndex(shape, ss.scale().shape());
        int[] bi = Shapes.broadcastIndex(shape, ss.shift().shape());
        for (int i = 0; i < si.length; i++) {
            int ch = (i / inner) % channels;
            double a = ss.scale().values()[si[i]];
            double b = ss.shift().values()[bi[i]];
            if (!seen[ch]) {
                seen[ch] = true;
                ab[0][ch] = a;
                ab[1][ch] = b;
            } else if (ab[0][ch] != a || ab[1][ch] != b) {
                return null;
            }
        }
        return ab;
    }

    /** Merges scale/shift after scale/shift and layout after layout when the first has a single reader. */
    private static Graph mergeChains(Graph g) {
        int[] consumers = g.consumers();
        Node[] current = g.nodes().toArray(new Node[0]);
        for (int k = 0; k < current.length; k++) {
            Node n = current[k];
            if (n.inputs().length != 1 || n.inputs()[0] == 0) {
                continue;
            }
            int prevIdx = n.inputs()[0] - 1;
            Node prev = current[prevIdx];
            if (consumers[prevIdx + 1] != 1) {
                continue;
            }
            Node merged = merge(prev, n);
            if (merged != null) {
                current[k] = merged;
            }
        }
        return Rewriter.withoutDeadNodes(new Graph(g.inputShape(), Arrays.asList(current), g.outputs()));
    }

    private static Node merge(Node prev, Node n) {
        Layer a = prev.layer();
        Layer b = n.layer();
        if (a instanceof Layer.ScaleShift s1 && b instanceof Layer.ScaleShift s2) {
            int[] shape = n.shape();
            int size = Shapes.size(shape);
            int[] a1 = Shapes.broadcastIndex(shape, s1.scale().shape());
            int[] b1 = Shapes.broadcastIndex(shape, s1.shift().shape());
            int[] a2 = Shapes.broadcastIndex(shape, s2.scale().shape());
            int[] b2 = Shapes.broadcastIndex(shape, s2.shift().shape());
            double[] scale = new double[size];
            double[] shift = new double[size];
            for (int i = 0; i < size; i++) {
                double m = s2.scale().values()[a2[i]];
                scale[i] = s1.scale().values()[a1[i]] * m;
                shift[i] = s1.shift().values()[b1[i]] * m + s2.shift().values()[b2[i]];
            }
            Layer.ScaleShift ss = new Layer.ScaleShift(compact(new Tensor(Tensor.Type.FLOAT, shape, scale)),
                    compact(new Tensor(Tensor.Type.FLOAT, shape, shift)));
            return new Node(n.name(), ss, prev.inputs(), shape);
        }
        boolean prevMoves = a instanceof Layer.Layout || a instanceof Layer.Reshape;
        if (!prevMoves || prev.inputs().length != 1) {
            return null;
        }
        if (b instanceof Layer.Reshape) {
            Layer moved = a instanceof Layer.Layout l ? l : new Layer.Reshape();
            return new Node(n.name(), moved, prev.inputs(), n.shape());
        }
        if (b instanceof Layer.Layout l2) {
            if (a instanceof Layer.Reshape) {
                return new Node(n.name(), l2, prev.inputs(), n.shape());
            }
            Layer.Layout l1 = (Layer.Layout) a;
            boolean innerPads = Arrays.stream(l1.index()).anyMatch(i -> i < 0);
            if (innerPads && l1.fill() != l2.fill() && Arrays.stream(l2.index()).anyMatch(i -> i < 0)) {
                return null;
            }
            return new Node(n.name(), new Layer.Layout(IndexMaps.compose(l2.index(), l1.index()), innerPads ? l1.fill() : l2.fill()),
                    prev.inputs(), n.shape());
        }
        return null;
    }

    /** A uniform tensor becomes a scalar, so later passes see it as one. */
    static Tensor compact(Tensor t) {
        return t.isUniform() && t.size() > 0 ? Tensor.scalar(t.type(), t.values()[0]) : t;
    }

    /** For each value read by exactly one node, that node's index (else -1). */
    private static int[] singleReaders(Graph g) {
        int[] reader = new int[g.nodes().size() + 1];
        Arrays.fill(reader, -1);
        for (int k = 0; k < g.nodes().size(); k++) {
            for (int in : g.nodes().get(k).inputs()) {
                reader[in] = k;
            }
        }
        return reader;
    }
}
