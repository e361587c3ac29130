package io.edgeproof.zkml.zk;

import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.field.codec.ProofReader;
import io.edgeproof.field.codec.ProofWriter;
import io.edgeproof.zkml.proof.DenseCircuit;
import io.edgeproof.zkml.proof.ModelCircuit.Window;
import io.edgeproof.zkml.zk.ZkCircuit.Dense;
import io.edgeproof.zkml.zk.ZkCircuit.Elementwise;
import io.edgeproof.zkml.zk.ZkCircuit.Gather;
import io.edgeproof.zkml.zk.ZkCircuit.MatMul;
import io.edgeproof.zkml.zk.ZkCircuit.MaxPool;
import io.edgeproof.zkml.zk.ZkCircuit.Relu;
import io.edgeproof.zkml.zk.ZkCircuit.Softmax;
import io.edgeproof.zkml.zk.ZkCircuit.Step;
import io.edgeproof.zkml.zk.ZkCircuit.Table;
import io.edgeproof.zkml.zk.ZkCircuit.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary form of a {@link ZkCircuit} (part of a hidden-weight verifier key and of its model id): tensors,
 * then per step a tag, its tensors and its public constants (requantization pairs, windows, element-wise
 * constants and maps, gather indices, activation and softmax tables). Decoding bounds every count before allocating,
 * checks every reference and layout, and recomputes what it can (an element-wise step's excess bound).
 */
final class ZkCircuitCodec {
    private ZkCircuitCodec() {}

    private static final int DENSE = 1, RELU = 2, CONV = 3, MAX_POOL = 4, ELEMENTWISE = 5, GATHER = 6, TABLE = 7, SOFTMAX = 8, MATMUL = 9;

    static void write(ZkCircuit c, ProofWriter w) {
        w.u32(c.inputSize()).u32(c.tensors().size());
        for (Tensor t : c.tensors()) {
            w.u32(t.rowsPerSample()).u32(t.cols()).u32(t.height()).u32(t.width());
        }
        w.u32(c.steps().size());
        for (Step s : c.steps()) {
            int tag = switch (s) {
                case Dense d -> d.isConv() ? CONV : DENSE;
                case Relu r -> RELU;
                case MaxPool m -> MAX_POOL;
                case Elementwise e -> ELEMENTWISE;
                case Gather g -> GATHER;
                case Table t -> TABLE;
                case Softmax x -> SOFTMAX;
                case MatMul m -> MATMUL;
            };
            w.u8(tag).u32(s.input()).u32(s.output());
            if (s instanceof Dense d) {
                w.u32(d.in()).u32(d.out()).u32(d.excessBits());
                for (int n = 0; n < d.out(); n++) {
                    w.u64(d.multipliers()[n]).u32(d.shifts()[n]);
                }
                if (d.isConv()) {
                    writeWindow(w, d.window());
                }
            } else if (s instanceof MaxPool m) {
                writeWindow(w, m.window());
            } else if (s instanceof Elementwise e) {
                writeElementwise(w, e);
            } else if (s instanceof Table t) {
                for (int v : t.table()) {
                    w.u32(v);
                }
            } else if (s instanceof MatMul m) {
                w.u32(m.input2()).u32(m.heads()).u64(m.multiplier()).u32(m.shift()).u32(m.excessBits());
            } else if (s instanceof Softmax x) {
                w.u32(x.rowLength());
                for (int v : x.table()) {
                    w.u32(v);
                }
            } else if (s instanceof Gather g) {
                w.u32(g.fill()).u32(g.index().length);
                for (int i : g.index()) {
                    w.u32(i + 1);
                }
            }
        }
        int[] outputs = c.outputs();
        w.u32(outputs.length);
        for (int o : outputs) {
            w.u32(o);
        }
    }

    /** Decodes and validates shapes and references; counts are bounded before allocation. */
    static ZkCircuit read(ProofReader r) throws MalformedProofException {
        int inputSize = r.count("input size", 1, ZkCircuit.MAX_SIZE);
        int numTensors = r.count("tensor count", 2, Math.min(ZkCircuit.MAX_TENSORS, r.remaining() / 16));
        List<Tensor> tensors = new ArrayList<>();
        for (int i = 0; i < numTensors; i++) {
            int rows = r.count("rows per sample", 1, ZkCircuit.MAX_SIZE);
            int cols = r.count("columns", 1, ZkCircuit.MAX_SIZE);
            int height = r.count("height", 0, ZkCircuit.MAX_SIZE);
            int width = r.count("width", 0, ZkCircuit.MAX_SIZE);
            Tensor t = new Tensor(rows, cols, height, width);
            boolean shape = height == 0 ? width == 0
                    : width > 0 && t.hVars() + t.wVars() < 31 && rows == 1 << (t.hVars() + t.wVars());
            if (!shape || (long) rows << t.colVars() > ZkCircuit.MAX_SIZE) {
                throw new MalformedProofException("tensor " + i + " has a malformed or too large shape");
            }
            tensors.add(t);
        }
        if (tensors.get(0).size() != inputSize) {
            throw new MalformedProofException("the input tensor does not hold the input size");
        }
        int numSteps = r.count("step count", numTensors - 1, numTensors - 1);
        List<Step> steps = new ArrayList<>();
        for (int i = 1; i <= numSteps; i++) {
            int tag = r.u8("step tag");
            int input = r.count("step input", 0, i - 1);
            int output = r.count("step output", i, i);
            Tensor x = tensors.get(input);
            Tensor y = tensors.get(output);
            if (tag == RELU) {
                require(x.equals(y), "a Relu changes the shape");
                steps.add(new Relu(input, output));
            } else if (tag == DENSE || tag == CONV) {
                int in = r.count("in features", 1, ZkCircuit.MAX_SIZE);
                int out = r.count("out features", y.cols(), Math.min(y.cols(), ZkCircuit.MAX_CHANNELS));
                int e = r.count("excess bits", 1, 62);
                require(r.remaining() >= 12L * out, "dense geometry");
                long[] m = new long[out];
                int[] s = new int[out];
                for (int n = 0; n < out; n++) {
                    m[n] = r.u64("multiplier");
                    s[n] = r.count("shift", 1, 62);
                    require(m[n] >= 0 && m[n] <= 1L << 40, "multiplier out of range");
                }
                Window w = tag == CONV ? readWindow(r) : null;
                if (w != null) {
                    require(x.isSpatial() && y.isSpatial() && in == x.cols() * w.size(), "conv geometry");
                } else if (x.isSpatial()) {
                    require(!y.isSpatial() && y.rowsPerSample() == 1 && in == x.size(), "flattening dense geometry");
                } else {
                    require(!y.isSpatial() && x.rowsPerSample() == y.rowsPerSample() && in == x.cols(), "dense geometry");
                }
                steps.add(new Dense(input, output, in, out, m, s, e, w));
            } else if (tag == ELEMENTWISE) {
                steps.add(readElementwise(r, tensors, i, input, output));
            } else if (tag == TABLE) {
                require(x.equals(y) && r.remaining() >= 4L << Table.VARS, "lookup layout or truncated table");
                int[] table = new int[1 << Table.VARS];
                for (int j = 0; j < table.length; j++) {
                    table[j] = r.u32("table entry");
                    require(table[j] >= -32768 && table[j] <= 32767, "a table entry that is not an int16");
                }
                steps.add(new Table(input, output, table));
            } else if (tag == MATMUL) {
                MatMul m = readMatMul(r, tensors, i, input, output);
                require(!MatMulChecks.sharedColumns(steps, m), "a matmul of two reads of the same columns");
                steps.add(m);
            } else if (tag == SOFTMAX) {
                int d = r.count("softmax row length", 1, DenseCircuit.Softmax.MAX_ROW);
                require(!x.isSpatial() && x.cols() == d && x.equals(y) && r.remaining() >= 4L << Table.VARS,
                        "softmax layout or truncated table");
                int[] table = new int[1 << Table.VARS];
                for (int j = 0; j < table.length; j++) {
                    table[j] = r.u32("softmax table entry");
                    require(table[j] >= 0 && table[j] <= 1 << 15, "a softmax table entry outside [0, 2^15]");
                }
                steps.add(new Softmax(input, output, d, table));
            } else if (tag == GATHER) {
                int fill = r.u32("fill");
                int n = r.count("gather size", y.size(), y.size());
                require(fill >= -32768 && fill <= 32767 && r.remaining() >= 4L * n, "gather fill or size");
                int[] index = new int[n];
                for (int j = 0; j < n; j++) {
                    index[j] = r.count("gather index", 0, x.size()) - 1;
                }
                steps.add(new Gather(input, output, index, fill));
            } else if (tag == MAX_POOL) {
                Window w = readWindow(r);
                require(x.isSpatial() && y.isSpatial() && x.cols() == y.cols() && w.size() <= MaxPool.MAX_WINDOW,
                        "max-pool geometry");
                steps.add(new MaxPool(input, output, w));
            } else {
                throw new MalformedProofException("unknown step tag " + tag);
            }
        }
        int numOutputs = r.count("output count", 1, numTensors - 1);
        int[] outputs = new int[numOutputs];
        for (int i = 0; i < numOutputs; i++) {
            outputs[i] = r.count("output tensor", 1, numTensors - 1);
        }
        return new ZkCircuit(inputSize, tensors, steps, outputs);
    }

    private static void writeElementwise(ProofWriter w, Elementwise e) {
        w.u8(e.kind().ordinal()).u32(Math.max(0, e.input2())).u32(e.shift()).u32(e.excessBits()).u32(e.ca().length);
        for (int i = 0; i < e.ca().length; i++) {
            w.u64(e.ca()[i]).u64(e.cb()[i]).u64(e.offset()[i]);
        }
        w.u8(e.mapOut() == null ? 0 : 1);
        if (e.mapOut() != null) {
            w.u32(e.mapOut().length);
            for (int k = 0; k < e.mapOut().length; k++) {
                w.u32(e.mapOut()[k]).u32(e.mapIn()[k]);
            }
        }
    }

    /**
     * An element-wise step, validated as the public-mode circuit validates it: layouts, map indices (a
     * broadcast is a gather), and the excess bound recomputed from the constants (no wrap-around).
     */
    private static Elementwise readElementwise(ProofReader r, List<Tensor> tensors, int index, int input, int output)
            throws MalformedProofException {
        DenseCircuit.ElementwiseKind[] kinds = DenseCircuit.ElementwiseKind.values();
        int tag = r.u8("element-wise kind");
        require(tag < kinds.length, "element-wise kind " + tag);
        DenseCircuit.ElementwiseKind kind = kinds[tag];
        boolean two = kind == DenseCircuit.ElementwiseKind.ADD || kind == DenseCircuit.ElementwiseKind.MUL;
        int input2 = two ? r.count("second input", 0, index - 1) : r.count("second input", 0, 0) - 1;
        int shift = r.count("shift", 1, 62);
        int excess = r.count("excess bits", 1, 62);
        Tensor y = tensors.get(output);
        int n = r.count("element-wise size", y.size(), y.size());
        require(r.remaining() >= 24L * n, "element-wise constants");
        long[] ca = new long[n], cb = new long[n], offset = new long[n];
        for (int i = 0; i < n; i++) {
            ca[i] = r.u64("constant");
            cb[i] = r.u64("constant");
            offset[i] = r.u64("constant");
        }
        int[] out = null, in = null;
        if (r.u8("map flag") != 0) {
            int mapped = kind == DenseCircuit.ElementwiseKind.POOL ? input : input2;
            require(kind != DenseCircuit.ElementwiseKind.AFFINE, "a map on an affine step");
            int pairs = r.count("map pairs", 1, Math.min(ZkCircuit.MAX_SIZE, r.remaining() / 8));
            out = new int[pairs];
            in = new int[pairs];
            int[] counts = new int[n];
            for (int k = 0; k < pairs; k++) {
                out[k] = r.count("map output", 0, n - 1);
                in[k] = r.count("map input", 0, tensors.get(mapped).size() - 1);
                counts[out[k]]++;
            }
            for (int c : counts) {
                require(kind == DenseCircuit.ElementwiseKind.POOL || c == 1, "a broadcast that is not a gather");
            }
        }
        require(kind != DenseCircuit.ElementwiseKind.POOL || out != null, "a pool without its map");
        require(tensors.get(input).equals(y) || kind == DenseCircuit.ElementwiseKind.POOL, "element-wise layout");
        require(!two || out != null || tensors.get(input2).equals(y), "element-wise second layout");
        int bits = DenseCircuit.elementwiseExcessBits(kind, ca, cb, offset, out, in, shift);
        require(bits >= 0 && Math.max(1, bits) == excess, "element-wise constants that could wrap the field");
        return new Elementwise(kind, input, input2, output, ca, cb, offset, shift, excess, out, in);
    }

    /** A MatMul, its layouts checked and its excess bound recomputed (no wrap-around over the inner sum). */
    private static MatMul readMatMul(ProofReader r, List<Tensor> tensors, int index, int input, int output)
            throws MalformedProofException {
        int input2 = r.count("second input", 0, index - 1);
        int heads = r.count("matmul heads", 1, tensors.get(output).size());
        long m = r.u64("multiplier");
        int shift = r.count("shift", 1, 62);
        int excess = r.count("excess bits", 1, 62);
        MatMul step = new MatMul(input, input2, output, heads, m, shift, excess);
        MatMulChecks.Geometry g = MatMulChecks.Geometry.of(tensors, step);
        require(g != null, "matmul layouts");
        int bits = DenseCircuit.matmulExcessBits(new long[] {m}, shift, g.inner());
        require(bits >= 0 && Math.max(1, bits) == excess, "a matmul that could wrap the field");
        return step;
    }

    private static void writeWindow(ProofWriter w, Window win) {
        w.u32(win.kernelH()).u32(win.kernelW()).u32(win.strideY()).u32(win.strideX()).u32(win.padTop())
                .u32(win.padLeft()).u32(win.dilY()).u32(win.dilX());
    }

    private static Window readWindow(ProofReader r) throws MalformedProofException {
        Window w = new Window(r.u32("kernel height"), r.u32("kernel width"), r.u32("stride"), r.u32("stride"),
                r.u32("padding"), r.u32("padding"), r.u32("dilation"), r.u32("dilation"));
        require(w.valid(), "window " + w);
        return w;
    }

    private static void require(boolean ok, String what) throws MalformedProofException {
        if (!ok) {
            throw new MalformedProofException("malformed zero-knowledge circuit: " + what);
        }
    }
}
