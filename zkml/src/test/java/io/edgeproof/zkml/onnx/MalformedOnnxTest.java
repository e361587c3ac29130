package io.edgeproof.zkml.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import io.edgeproof.zkml.SharedModels;
import io.edgeproof.zkml.graph.Graph;
import io.edgeproof.zkml.graph.ModelException;
import java.nio.file.Files;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MalformedOnnxTest {
    private static ValueInfoProto tensor(String name, long... dims) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        s.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"));
        for (long d : dims) {
            s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name)
                .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(1).setShape(s))).build();
    }

    private static NodeProto node(String op, String name, String[] ins, String... outs) {
        return NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(Arrays.asList(ins)).addAllOutput(Arrays.asList(outs)).build();
    }

    private static TensorProto weights(String name, long[] dims, int floats) {
        return TensorProto.newBuilder().setName(name).setDataType(1).addAllDims(Arrays.stream(dims).boxed().toList())
                .setRawData(ByteString.copyFrom(new byte[4 * floats])).build();
    }

    private static byte[] model(GraphProto.Builder g, int opset) {
        return ModelProto.newBuilder().setIrVersion(7).addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(opset))
                .setGraph(g).build().toByteArray();
    }

    /** x[batch, 4] -> Gemm(W[3, 4], b[3]) -> Relu -> y. */
    private static GraphProto.Builder gemmRelu() {
        return GraphProto.newBuilder().addInput(tensor("x", 4)).addOutput(tensor("y", 3))
                .addInitializer(weights("W", new long[] {3, 4}, 12)).addInitializer(weights("b", new long[] {3}, 3))
                .addNode(node("Gemm", "fc", new String[] {"x", "W", "b"}, "h").toBuilder()
                        .addAttribute(AttributeProto.newBuilder().setName("transB").setType(AttributeProto.AttributeType.INT).setI(1)).build())
                .addNode(node("Relu", "act", new String[] {"h"}, "y"));
    }

    @Test
    void importsAWellFormedHandBuiltModel() {
        Graph g = OnnxImporter.parse(model(gemmRelu(), 13));
        assertThat(g.nodes()).hasSize(2);
        assertThat(g.inputShape()).containsExactly(1, 4);
    }

    @Test
    void rejectsTruncatedFiles() throws Exception {
        byte[] bytes = Files.readAllBytes(SharedModels.model("digits-mlp"));
        for (int len : new int[] {0, 1, 17, bytes.length / 3, bytes.length / 2, bytes.length - 5}) {
            byte[] cut = Arrays.copyOf(bytes, len);
            assertThatThrownBy(() -> OnnxImporter.parse(cut)).isInstanceOf(ModelException.class)
                    .hasMessageContaining("not a valid ONNX model");
        }
    }

    @Test
    void rejectsGarbage() {
        byte[] junk = new byte[4096];
        new java.util.SplittableRandom(3).nextBytes(junk);
        assertThatThrownBy(() -> OnnxImporter.parse(junk)).isInstanceOf(ModelException.class);
    }

    @Test
    void namesOpNodeAndOpsetOfAnUnsupportedOperator() {
        GraphProto.Builder g = gemmRelu().setNode(1, node("Hardmax", "weird", new String[] {"h"}, "y"));
        assertThatThrownBy(() -> OnnxImporter.parse(model(g, 13))).isInstanceOf(ModelException.class)
                .hasMessageContaining("Hardmax").hasMessageContaining("weird").hasMessageContaining("opset 13");
    }

    @Test
    void rejectsACycle() {
        GraphProto.Builder g = gemmRelu().setNode(0, node("Relu", "a", new String[] {"z"}, "h"))
                .setNode(1, node("Relu", "b", new String[] {"h"}, "z")).addNode(node("Relu", "c", new String[] {"z"}, "y"));
        assertThatThrownBy(() -> OnnxImporter.parse(model(g, 13))).isInstanceOf(ModelException.class).hasMessageContaining("cycle");
    }

    @Test
    void rejectsAnAttributeOfTheWrongType() {
        GraphProto.Builder g = gemmRelu();
        g.setNode(0, g.getNode(0).toBuilder().setAttribute(0,
                AttributeProto.newBuilder().setName("transB").setType(AttributeProto.AttributeType.FLOAT).setF(1f)).build());
        assertThatThrownBy(() -> OnnxImporter.parse(model(g, 13))).isInstanceOf(ModelException.class)
                .hasMessageContaining("transB").hasMessageContaining("FLOAT");
    }

    @Test
    void rejectsInitializerDataOfTheWrongSize() {
        GraphProto.Builder g = gemmRelu().setInitializer(0, weights("W", new long[] {3, 4}, 11));
        assertThatThrownBy(() -> OnnxImporter.parse(model(g, 13))).isInstanceOf(ModelException.class).hasMessageContaining("'W'");
    }

    @Test
    void rejectsAnUnsupportedDataType() {
        GraphProto.Builder g = gemmRelu().setInitializer(0, weights("W", new long[] {3, 4}, 12).toBuilder().setDataType(8).build());
        assertThatThrownBy(() -> OnnxImporter.parse(model(g, 13))).isInstanceOf(ModelException.class).hasMessageContaining("data type");
    }

    @Test
    void rejectsAbsurdShapes() {
        GraphProto.Builder huge = gemmRelu().setInitializer(0, weights("W", new long[] {1L << 20, 1L << 20}, 0));
        assertThatThrownBy(() -> OnnxImporter.parse(model(huge, 13))).isInstanceOf(ModelException.class).hasMessageContaining("2^28");
        GraphProto.Builder negative = gemmRelu().setInitializer(0, weights("W", new long[] {-3, 4}, 12));
        assertThatThrownBy(() -> OnnxImporter.parse(model(negative, 13))).isInstanceOf(ModelException.class).hasMessageContaining("absurd");
        GraphProto.Builder bigInput = gemmRelu().setInput(0, tensor("x", 1L << 40));
        assertThatThrownBy(() -> OnnxImporter.parse(model(bigInput, 13))).isInstanceOf(ModelException.class).hasMessageContaining("absurd");
    }

    @Test
    void rejectsMismatchedLayerShapes() {
        GraphProto.Builder g = gemmRelu().setInput(0, tensor("x", 5));
        assertThatThrownBy(() -> OnnxImporter.parse(model(g, 13))).isInstanceOf(ModelException.class).hasMessageContaining("fc");
    }

    @Test
    void rejectsAReferenceToAnUndefinedValue() {
        GraphProto.Builder g = gemmRelu().setNode(1, node("Relu", "act", new String[] {"nowhere"}, "y"));
        assertThatThrownBy(() -> OnnxImporter.parse(model(g, 13))).isInstanceOf(ModelException.class).hasMessageContaining("nowhere");
    }

    @Test
    void rejectsDynamicNonBatchDimensionsAndSeveralInputs() {
        ValueInfoProto dyn = tensor("x", 4).toBuilder().setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                .setElemType(1).setShape(TensorShapeProto.newBuilder()
                        .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(1))
                        .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("seq"))))).build();
        assertThatThrownBy(() -> OnnxImporter.parse(model(gemmRelu().setInput(0, dyn), 13)))
                .isInstanceOf(ModelException.class).hasMessageContaining("seq");
        assertThatThrownBy(() -> OnnxImporter.parse(model(gemmRelu().addInput(tensor("x2", 4)), 13)))
                .isInstanceOf(ModelException.class).hasMessageContaining("2 inputs");
    }

    @Test
    void rejectsAModelWithoutTheDefaultOpset() {
        byte[] bytes = ModelProto.newBuilder().setGraph(gemmRelu()).build().toByteArray();
        assertThatThrownBy(() -> OnnxImporter.parse(bytes)).isInstanceOf(ModelException.class).hasMessageContaining("opset");
    }
}
