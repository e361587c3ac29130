package io.edgeproof.zkml.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.InvalidProtocolBufferException;
import io.edgeproof.zkml.graph.Graph;
import io.edgeproof.zkml.graph.ModelException;
import io.edgeproof.zkml.graph.Shapes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an ONNX model into a float {@link Graph}: one float input whose leading symbolic dimension is the
 * batch (fixed to 1: the compiled model is per sample), nodes in topological order, constants folded, shapes
 * inferred. Anything it cannot handle is a {@link ModelException} naming the op, the node and the opset.
 */
public final class OnnxImporter {
    private static final long MAX_MODEL_BYTES = 1L << 31;

    private OnnxImporter() {}

    public static Graph load(Path file) {
        try {
            if (Files.size(file) > MAX_MODEL_BYTES) {
                throw new ModelException(file + ": larger than 2 GiB");
            }
            return parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ModelException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static Graph parse(byte[] bytes) {
        ModelProto model;
        try {
            model = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new ModelException("not a valid ONNX model (protobuf decoding failed: " + e.getMessage() + ")", e);
        }
        if (!model.hasGraph() || model.getGraph().getNodeCount() == 0) {
            throw new ModelException("not a valid ONNX model (no graph or no nodes)");
        }
        return importGraph(model.getGraph(), opset(model));
    }

    /**
     * The same model with its default opset import raised to {@code version}. Some old exports are rejected
     * by ONNX Runtime's type checker (e.g. Equal on floats at opset 10) although their meaning is unchanged
     * one opset later; the float reference uses this to load them.
     */
    public static byte[] withOpset(byte[] bytes, int version) {
        try {
            ModelProto.Builder m = ModelProto.parseFrom(bytes).toBuilder();
            for (int i = 0; i < m.getOpsetImportCount(); i++) {
                OperatorSetIdProto o = m.getOpsetImport(i);
                if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
                    m.setOpsetImport(i, o.toBuilder().setVersion(version));
                }
            }
            return m.build().toByteArray();
        } catch (InvalidProtocolBufferException e) {
            throw new ModelException("not a valid ONNX model (protobuf decoding failed: " + e.getMessage() + ")", e);
        }
    }

    private static int opset(ModelProto model) {
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
                if (o.getVersion() < 1 || o.getVersion() > 1000) {
                    throw new ModelException("absurd opset version " + o.getVersion());
                }
                return (int) o.getVersion();
            }
        }
        throw new ModelException("the model imports no default ONNX opset");
    }

    private static Graph importGraph(GraphProto g, int opset) {
        Map<String, Value> env = new HashMap<>();
        for (TensorProto t : g.getInitializerList()) {
            env.put(t.getName(), new Value.Const(OnnxTensors.decode(t, "initializer")));
        }
        List<ValueInfoProto> inputs = new ArrayList<>();
        for (ValueInfoProto v : g.getInputList()) {
            if (!env.containsKey(v.getName())) {
                inputs.add(v);
            }
        }
        if (inputs.size() != 1) {
            throw new ModelException("models with " + inputs.size() + " inputs are not supported (exactly one is)");
        }
        GraphBuilder builder = new GraphBuilder(inputShape(inputs.get(0)));
        env.put(inputs.get(0).getName(), builder.input());
        for (NodeProto n : topologicalOrder(g, env.keySet())) {
            translate(n, opset, env, builder);
        }
        if (g.getOutputCount() == 0) {
            throw new ModelException("the model declares no outputs");
        }
        int[] outputs = new int[g.getOutputCount()];
        for (int i = 0; i < outputs.length; i++) {
            String name = g.getOutput(i).getName();
            Value v = env.get(name);
            if (v == null) {
                throw new ModelException("output '" + name + "' is produced by no node");
            }
            if (!(v instanceof Value.Dyn d)) {
                throw new ModelException("output '" + name + "' is a constant; constant outputs are not supported");
            }
            outputs[i] = d.id();
        }
        return builder.build(outputs);
    }

    private static int[] inputShape(ValueInfoProto v) {
        if (!v.getType().hasTensorType()) {
            throw new ModelException("input '" + v.getName() + "' is not a tensor");
        }
        int elem = v.getType().getTensorType().getElemType();
        if (elem != OnnxTensors.FLOAT && elem != OnnxTensors.DOUBLE) {
            throw new ModelException("input '" + v.getName() + "' has element type " + elem + "; only float inputs are supported");
        }
        TensorShapeProto shape = v.getType().getTensorType().getShape();
        int[] dims = new int[shape.getDimCount()];
        for (int i = 0; i < dims.length; i++) {
            TensorShapeProto.Dimension d = shape.getDim(i);
            boolean known = d.hasDimValue() && d.getDimValue() > 0;
            if (!known && i != 0) {
                throw new ModelException("input '" + v.getName() + "' has dynamic dimension " + i
                        + " ('" + d.getDimParam() + "'); only the leading batch dimension may be dynamic");
            }
            if (known && d.getDimValue() > Shapes.MAX_ELEMENTS) {
                throw new ModelException("input '" + v.getName() + "' has absurd dimension " + d.getDimValue());
            }
            dims[i] = known ? (int) d.getDimValue() : 1;
        }
        Shapes.size(dims);
        return dims;
    }

    /** Kahn's algorithm; a node whose inputs never become available sits on a cycle or reads an undefined value. */
    private static List<NodeProto> topologicalOrder(GraphProto g, Set<String> available) {
        Set<String> known = new HashSet<>(available);
        Map<String, List<Integer>> readers = new HashMap<>();
        int[] missing = new int[g.getNodeCount()];
        Deque<Integer> ready = new ArrayDeque<>();
        for (int i = 0; i < g.getNodeCount(); i++) {
            Set<String> needs = new HashSet<>();
            for (String in : g.getNode(i).getInputList()) {
                if (!in.isEmpty() && !known.contains(in)) {
                    needs.add(in);
                }
            }
            missing[i] = needs.size();
            for (String in : needs) {
                readers.computeIfAbsent(in, k -> new ArrayList<>()).add(i);
            }
            if (missing[i] == 0) {
                ready.add(i);
            }
        }
        List<NodeProto> order = new ArrayList<>();
        Set<String> produced = new HashSet<>();
        while (!ready.isEmpty()) {
            NodeProto n = g.getNode(ready.poll());
            order.add(n);
            for (String out : n.getOutputList()) {
                if (out.isEmpty() || known.contains(out) || !produced.add(out)) {
                    continue;
                }
                for (int r : readers.getOrDefault(out, List.of())) {
                    if (--missing[r] == 0) {
                        ready.add(r);
                    }
                }
            }
        }
        if (order.size() != g.getNodeCount()) {
            for (int i = 0; i < g.getNodeCount(); i++) {
                if (missing[i] > 0) {
                    NodeProto n = g.getNode(i);
                    throw new ModelException("node '" + n.getName() + "' (" + n.getOpType() + ") is on a cycle or reads an undefined value "
                            + n.getInputList().stream().filter(s -> !s.isEmpty() && !produced.contains(s) && !known.contains(s)).toList());
                }
            }
        }
        return order;
    }

    private static void translate(NodeProto n, int opset, Map<String, Value> env, GraphBuilder builder) {
        String label = "node '" + n.getName() + "' (" + n.getOpType() + ", opset " + opset + ")";
        if (!n.getDomain().isEmpty() && !n.getDomain().equals("ai.onnx")) {
            throw new ModelException("unsupported operator '" + n.getDomain() + "." + n.getOpType() + "' in " + label);
        }
        List<Value> ins = new ArrayList<>();
        for (String in : n.getInputList()) {
            ins.add(in.isEmpty() ? null : env.get(in));
        }
        if (n.getOutputCount() == 0) {
            throw new ModelException(label + ": node has no outputs");
        }
        NodeContext c = new NodeContext(n, label, new Attrs(n, label), opset, ins, builder);
        String op = n.getOpType();
        List<Value> outs;
        if (LayoutTranslator.handles(op)) {
            outs = LayoutTranslator.translate(c);
        } else if (MathTranslator.handles(op)) {
            outs = List.of(MathTranslator.translate(c));
        } else if (NnTranslator.handles(op)) {
            outs = List.of(NnTranslator.translate(c));
        } else {
            throw new ModelException("unsupported operator '" + op + "' in " + label);
        }
        for (int i = 0; i < n.getOutputCount(); i++) {
            String name = n.getOutput(i);
            if (name.isEmpty()) {
                continue;
            }
            if (i >= outs.size()) {
                if (op.equals("Dropout")) {
                    continue;
                }
                throw new ModelException(label + ": output " + i + " is not supported");
            }
            env.put(name, outs.get(i));
        }
    }
}
