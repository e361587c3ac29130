package io.edgeproof.zkml.quant;

/**
 * The integer operations of a quantized model. Activations are int16 values (held in ints) with a per-tensor
 * real scale; every operation is exact integer arithmetic whose semantics QUANTIZATION.md specifies.
 * Weights are int8 (per output channel), biases integers at the accumulator scale.
 */
public sealed interface QLayer {
    /** acc[n] = bias[n] + sum_k x[k] w[n, k]; y = rq_n(acc). Weights row-major [out][in]. */
    record Linear(int inFeatures, int outFeatures, byte[] weights, long[] bias, Requant rq) implements QLayer {}

    /** 2-D convolution, zero padding; weights [O, C/group, kh, kw]; pads {top, left, bottom, right}. */
    record Conv(int inChannels, int outChannels, int kernelH, int kernelW, int[] strides, int[] pads, int[] dilations,
                int group, byte[] weights, long[] bias, Requant rq) implements QLayer {}

    /** acc = sum_k a[.., i, k] b[.., k, j]; y = rq(acc). */
    record MatMul(Requant rq) implements QLayer {}

    /** y = clamp((a * ma + b * mb + 2^(s-1)) >> s): Add (mb > 0) or Sub (mb < 0), broadcasting. */
    record Add(long ma, long mb, int shift) implements QLayer {}

    /** y = rq(a * b), broadcasting. */
    record Mul(Requant rq) implements QLayer {}

    /** y = rq(x * scale[i] + shift[i]); scale int16 and shift integers broadcast against x. */
    record ScaleShift(int[] scaleShape, int[] scale, int[] shiftShape, long[] shift, Requant rq) implements QLayer {}

    /** y = max(x, 0). */
    record Relu() implements QLayer {}

    /** y = min(max(x, lo), hi). */
    record Clip(int lo, int hi) implements QLayer {}

    /** y = x if x >= 0 else rq(x * slope[i]); slope int16 broadcast against x. */
    record PRelu(int[] slopeShape, int[] slope, Requant rq) implements QLayer {}

    /** Max over the window's positions inside the input (padding never wins). */
    record MaxPool(int kernelH, int kernelW, int[] strides, int[] pads, int[] dilations) implements QLayer {}

    /** y = rq_c(sum of the window) where c is the divisor (1..kh*kw) and rq_c the pair for 1/c. */
    record AvgPool(int kernelH, int kernelW, int[] strides, int[] pads, boolean countIncludePad, Requant rq) implements QLayer {}

    /** y = table[x + 2^15] (65536 entries). */
    record Lookup(int[] table) implements QLayer {}

    /**
     * Integer softmax over dims [axisFrom, axisTo): m = max x, e_j = exp[max(x_j - m, -2^15) + 2^15] (32769
     * entries, exp(d * s) * 2^15 rounded), Z = sum e, y_j = floor((2 * 32767 * e_j + Z) / (2 Z)); scale 1/32767.
     */
    record Softmax(int axisFrom, int axisTo, int[] expTable) implements QLayer {}

    /** y = rq(sum over axes). */
    record ReduceMean(int[] axes, boolean keepDims, Requant rq) implements QLayer {}

    /** out[i] = in[index[i]] over the inputs laid end to end; index -1 reads {@code fill}. */
    record Layout(int[] index, int fill) implements QLayer {}

    /** Same data, new shape. */
    record Reshape() implements QLayer {}
}
