package io.edgeproof.zkml.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import ai.onnx.proto.OnnxMl.NodeProto;
import io.edgeproof.zkml.graph.ModelException;
import io.edgeproof.zkml.graph.Tensor;
import java.util.HashMap;
import java.util.Map;

/** Typed access to a node's attributes; a wrong attribute type is a clear error, not a silent default. */
final class Attrs {
    private final Map<String, AttributeProto> byName = new HashMap<>();
    private final String node;

    Attrs(NodeProto n, String nodeLabel) {
        this.node = nodeLabel;
        for (AttributeProto a : n.getAttributeList()) {
            byName.put(a.getName(), a);
        }
    }

    boolean has(String name) {
        return byName.containsKey(name);
    }

    long getInt(String name, long dflt) {
        AttributeProto a = get(name, AttributeType.INT);
        return a == null ? dflt : a.getI();
    }

    double getFloat(String name, double dflt) {
        AttributeProto a = get(name, AttributeType.FLOAT);
        return a == null ? dflt : a.getF();
    }

    String getString(String name, String dflt) {
        AttributeProto a = get(name, AttributeType.STRING);
        return a == null ? dflt : a.getS().toStringUtf8();
    }

    /** An INTS attribute, or null when absent. */
    long[] getInts(String name) {
        AttributeProto a = get(name, AttributeType.INTS);
        if (a == null) {
            return null;
        }
        long[] v = new long[a.getIntsCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.getInts(i);
        }
        return v;
    }

    float[] getFloats(String name) {
        AttributeProto a = get(name, AttributeType.FLOATS);
        if (a == null) {
            return null;
        }
        float[] v = new float[a.getFloatsCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.getFloats(i);
        }
        return v;
    }

    Tensor getTensor(String name) {
        AttributeProto a = get(name, AttributeType.TENSOR);
        return a == null ? null : OnnxTensors.decode(a.getT(), node);
    }

    private AttributeProto get(String name, AttributeType type) {
        AttributeProto a = byName.get(name);
        if (a == null) {
            return null;
        }
        AttributeType actual = a.getType();
        if (actual == AttributeType.UNDEFINED) {
            actual = inferType(a);
        }
        if (actual != type) {
            throw new ModelException(node + ": attribute '" + name + "' should be " + type + " but is " + actual);
        }
        return a;
    }

    /** Old exporters leave the type unset; infer it from which field is filled. */
    private static AttributeType inferType(AttributeProto a) {
        if (a.getIntsCount() > 0) {
            return AttributeType.INTS;
        }
        if (a.getFloatsCount() > 0) {
            return AttributeType.FLOATS;
        }
        if (a.hasT()) {
            return AttributeType.TENSOR;
        }
        if (a.hasS()) {
            return AttributeType.STRING;
        }
        if (a.hasF()) {
            return AttributeType.FLOAT;
        }
        return AttributeType.INT;
    }

    static int[] toInts(long[] v, String what) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] < Integer.MIN_VALUE || v[i] > Integer.MAX_VALUE) {
                throw new ModelException(what + ": value " + v[i] + " out of range");
            }
            out[i] = (int) v[i];
        }
        return out;
    }
}
