package io.edgeproof.zkml.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import io.edgeproof.zkml.graph.ModelException;
import io.edgeproof.zkml.graph.Shapes;
import io.edgeproof.zkml.graph.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Decodes ONNX TensorProtos (raw or typed storage) into {@link Tensor}s, checking sizes before allocating. */
final class OnnxTensors {
    static final int FLOAT = 1;
    static final int UINT8 = 2;
    static final int INT8 = 3;
    static final int INT32 = 6;
    static final int INT64 = 7;
    static final int BOOL = 9;
    static final int DOUBLE = 11;

    private OnnxTensors() {}

    static Tensor decode(TensorProto t, String what) {
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL || t.getExternalDataCount() > 0) {
            throw new ModelException(what + ": tensor '" + t.getName() + "' uses external data, which is not supported");
        }
        int[] shape = new int[t.getDimsCount()];
        for (int i = 0; i < shape.length; i++) {
            long d = t.getDims(i);
            if (d < 0 || d > Shapes.MAX_ELEMENTS) {
                throw new ModelException(what + ": tensor '" + t.getName() + "' has absurd dimension " + d);
            }
            shape[i] = (int) d;
        }
        int n;
        try {
            n = Shapes.size(shape);
        } catch (ModelException e) {
            throw new ModelException(what + ": tensor '" + t.getName() + "': " + e.getMessage());
        }
        int type = t.getDataType();
        Tensor.Type kind = switch (type) {
            case FLOAT, DOUBLE -> Tensor.Type.FLOAT;
            case UINT8, INT8, INT32, INT64 -> Tensor.Type.INT;
            case BOOL -> Tensor.Type.BOOL;
            default -> throw new ModelException(what + ": tensor '" + t.getName() + "' has unsupported data type " + type);
        };
        double[] v = t.hasRawData() && !t.getRawData().isEmpty() ? raw(t, type, n, what) : typed(t, type, n, what);
        return new Tensor(kind, shape, v);
    }

    private static double[] raw(TensorProto t, int type, int n, String what) {
        int width = switch (type) {
            case FLOAT, INT32 -> 4;
            case DOUBLE, INT64 -> 8;
            default -> 1;
        };
        if (t.getRawData().size() != (long) n * width) {
            throw new ModelException(what + ": tensor '" + t.getName() + "' has " + t.getRawData().size()
                    + " bytes of data for " + n + " elements of " + width + " bytes");
        }
        ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = switch (type) {
                case FLOAT -> b.getFloat();
                case DOUBLE -> b.getDouble();
                case INT32 -> b.getInt();
                case INT64 -> b.getLong();
                case UINT8, BOOL -> b.get() & 0xff;
                default -> b.get();
            };
        }
        return v;
    }

    private static double[] typed(TensorProto t, int type, int n, String what) {
        int count = switch (type) {
            case FLOAT -> t.getFloatDataCount();
            case DOUBLE -> t.getDoubleDataCount();
            case INT64 -> t.getInt64DataCount();
            default -> t.getInt32DataCount();
        };
        if (count != n) {
            throw new ModelException(what + ": tensor '" + t.getName() + "' has " + count + " values for shape "
                    + Shapes.format(shapeOf(t)));
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = switch (type) {
                case FLOAT -> t.getFloatData(i);
                case DOUBLE -> t.getDoubleData(i);
                case INT64 -> t.getInt64Data(i);
                default -> t.getInt32Data(i);
            };
        }
        return v;
    }

    private static int[] shapeOf(TensorProto t) {
        int[] s = new int[t.getDimsCount()];
        for (int i = 0; i < s.length; i++) {
            s[i] = (int) t.getDims(i);
        }
        return s;
    }
}
