package io.edgeproof.zkml.graph;

/**
 * The operations of the float graph after import. ONNX's ~40 supported operators map onto these; layout
 * operators (Transpose, Slice, Concat, Gather, Pad, Expand, Tile, Split) all become one {@link Layout}, and
 * shape-only operators (Reshape, Flatten, Squeeze, Unsqueeze) a {@link Reshape}. Tensors are per sample;
 * the leading batch dimension is fixed to 1 at import.
 */
public sealed interface Layer {
    /** y[.., n] = sum_k x[.., k] w[n, k] + b[n] over the last axis (Gemm, MatMul with constant weights). */
    record Linear(int inFeatures, int outFeatures, double[] weights, double[] bias) implements Layer {}

    /** 2-D convolution on [N, C, H, W]; weights [O, C/group, kh, kw]; pads {top, left, bottom, right}. */
    record Conv(int inChannels, int outChannels, int kernelH, int kernelW, int[] strides, int[] pads,
                int[] dilations, int group, double[] weights, double[] bias) implements Layer {}

    /** Batched matrix product of two activations, [.., M, K] x [.., K, N], batch dims broadcast. */
    record MatMul() implements Layer {}

    /** Element-wise op of two activations, with broadcasting. */
    record Binary(BinaryOp op) implements Layer {}

    enum BinaryOp { ADD, SUB, MUL }

    /** y = x * scale + shift, both constants broadcast against x (Mul/Add/Sub/Div by a constant, BatchNorm, Where on a constant mask). */
    record ScaleShift(Tensor scale, Tensor shift) implements Layer {}

    record Relu() implements Layer {}

    record Clip(double min, double max) implements Layer {}

    /** y = x for x >= 0, slope * x otherwise; slope broadcast against x (LeakyRelu has a scalar slope). */
    record PRelu(Tensor slope) implements Layer {}

    /** 2-D pooling on [N, C, H, W]; pads {top, left, bottom, right}. */
    record MaxPool(int kernelH, int kernelW, int[] strides, int[] pads, int[] dilations) implements Layer {}

    record AvgPool(int kernelH, int kernelW, int[] strides, int[] pads, boolean countIncludePad) implements Layer {}

    /** A scalar function applied element-wise; becomes one lookup table. */
    record Elementwise(ScalarProgram program) implements Layer {}

    /** Softmax over the flattened dims [axisFrom, axisTo) (opset < 13 flattens the trailing dims, 13+ uses one axis). */
    record Softmax(int axisFrom, int axisTo) implements Layer {}

    /** Mean over the given axes (sorted, non-negative). */
    record ReduceMean(int[] axes, boolean keepDims) implements Layer {}

    /**
     * Pure data movement: out[i] = in[index[i]] where the inputs are viewed as one concatenated vector, and
     * index -1 reads {@code fill} (padding).
     */
    record Layout(int[] index, double fill) implements Layer {}

    /** A new shape for the same data. */
    record Reshape() implements Layer {}
}
