package io.edgeproof.zkml.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import io.edgeproof.zkml.graph.Layer;
import io.edgeproof.zkml.graph.ModelException;
import io.edgeproof.zkml.graph.Tensor;
import java.util.List;

/** One ONNX node being translated: its resolved inputs, attributes, opset and the builder to emit into. */
record NodeContext(NodeProto node, String label, Attrs attrs, int opset, List<Value> inputs, GraphBuilder builder) {

    String op() {
        return node.getOpType();
    }

    String name() {
        return node.getName().isEmpty() ? node.getOutput(0) : node.getName();
    }

    int inputCount() {
        return inputs.size();
    }

    /** Input i, or null when absent (optional inputs may be omitted or named ""). */
    Value in(int i) {
        return i < inputs.size() ? inputs.get(i) : null;
    }

    Value required(int i) {
        Value v = in(i);
        if (v == null) {
            throw error("missing input " + i);
        }
        return v;
    }

    /** Input i, which must be a constant (weights, shapes, axes). */
    Tensor constant(int i, String role) {
        Value v = required(i);
        if (!(v instanceof Value.Const c)) {
            throw error(role + " (input " + i + ") must be a constant; computed " + role + " are not supported");
        }
        return c.tensor();
    }

    Tensor optionalConstant(int i, String role) {
        return in(i) == null ? null : constant(i, role);
    }

    Value emit(Layer layer, List<Value> ins, int[] shape) {
        return builder.emit(name(), layer, ins, shape);
    }

    Value emit(Layer layer, Value in, int[] shape) {
        return builder.emit(name(), layer, List.of(in), shape);
    }

    ModelException error(String message) {
        return new ModelException(label + ": " + message);
    }
}
