package io.edgeproof.zkml.proof;

import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.field.codec.ProofReader;
import io.edgeproof.field.codec.ProofWriter;
import java.math.BigInteger;

/**
 * An element-wise requantized step, y = clamp((acc + 2^(s-1)) >> s) per output element i, with one shift s
 * and public per-element constants (one sample's, repeated over the batch; the requantization multiplier is
 * folded into them):
 * <ul>
 * <li>AFFINE (ScaleShift): acc = ca[i] x[i] + offset[i];</li>
 * <li>ADD (Add/Sub): acc = ca[i] a[i] + cb[i] b[i];</li>
 * <li>MUL (Mul): acc = ca[i] a[i] b[i];</li>
 * <li>POOL (AvgPool, ReduceMean): acc = ca[i] (S x)[i] + offset[i] for the window or reduction {@code map} S;</li>
 * <li>MATMUL (MatMul of two activations): acc = ca[i] sum_k a[p, r, k] b[p, k, c] for output i = (p, r, c),
 * the sum proved by {@link MatMulCheck}; {@code heads} is the product of the leading dimensions (1 for the
 * other kinds).</li>
 * </ul>
 * Operands of AFFINE, ADD and MUL have the output's layout, except that ADD and MUL may read their second
 * operand through a broadcast {@code map} (a gather: each output reads exactly one element of it). {@code excessBits} bounds the clamp excess
 * over every int16 input; setup refuses a step whose relation could wrap around the field.
 */
record RequantStep(int node, Kind kind, int input, int input2, int output, long[] ca, long[] cb, long[] offset,
                   int shift, int excessBits, SparseMap map, int heads) implements ModelCircuit.Step {
    enum Kind { AFFINE, ADD, MUL, POOL, MATMUL }

    private static final BigInteger INT16 = BigInteger.ONE.shiftLeft(15);
    private static final long CONSTANT_BOUND = 1L << 62;
    private static final int BROADCAST_FLAG = 0x80;

    /** Whether the second operand is read through a broadcast map. */
    boolean broadcast() {
        return map != null && kind != Kind.POOL;
    }

    /** The operand read through the map (the pooled input, or the broadcast second operand); -1 without map. */
    int mappedInput() {
        return kind == Kind.POOL ? input : broadcast() ? input2 : -1;
    }

    /** Whether the second operand is an element-wise operand of the zero-check (not MATMUL's). */
    boolean hasSecondInput() {
        return kind == Kind.ADD || kind == Kind.MUL;
    }

    boolean readsTwoInputs() {
        return hasSecondInput() || kind == Kind.MATMUL;
    }

    /** Degree of the zero-check: eq times the constraint (a product of two operands for MUL). */
    int degree() {
        return kind == Kind.MUL ? 4 : 3;
    }

    int maxExcessBits() {
        return Math.max(1, excessBits);
    }

    /**
     * max over elements of |acc| for int16 operands ({@code inner} terms per MATMUL output), or -1 when some
     * constant is out of bounds.
     */
    static long accBound(Kind kind, long[] ca, long[] cb, long[] offset, SparseMap map, int inner) {
        int[] counts = map == null ? null : map.countsPerOutput(ca.length);
        BigInteger max = BigInteger.ZERO;
        for (int i = 0; i < ca.length; i++) {
            if (Math.abs(ca[i]) >= CONSTANT_BOUND || Math.abs(cb[i]) >= CONSTANT_BOUND
                    || Math.abs(offset[i]) >= CONSTANT_BOUND) {
                return -1;
            }
            BigInteger operand = switch (kind) {
                case MUL -> INT16.multiply(INT16);
                case POOL -> INT16.multiply(BigInteger.valueOf(counts[i]));
                case MATMUL -> INT16.multiply(INT16).multiply(BigInteger.valueOf(inner));
                default -> INT16;
            };
            BigInteger b = BigInteger.valueOf(Math.abs(ca[i])).multiply(operand)
                    .add(BigInteger.valueOf(Math.abs(cb[i])).multiply(INT16)).add(BigInteger.valueOf(Math.abs(offset[i])));
            max = max.max(b);
        }
        return max.bitLength() > 62 ? -1 : max.longValueExact();
    }

    /** The clamp excess bits, or -1 when the relation could wrap around the field. */
    static int soundExcessBits(Kind kind, long[] ca, long[] cb, long[] offset, SparseMap map, int shift, int inner) {
        long bound = accBound(kind, ca, cb, offset, map, inner);
        if (bound < 0 || shift < 1 || shift > 62) {
            return -1;
        }
        int e = ModelCircuit.excessBits(bound, 1, shift);
        return ModelCircuit.noWrap(bound, 1, shift, Math.max(1, e)) ? e : -1;
    }

    void writeBody(ProofWriter w) {
        w.u8(kind.ordinal() | (broadcast() ? BROADCAST_FLAG : 0)).u32(input2 < 0 ? 0 : input2).u8(shift).u8(excessBits).u32(ca.length);
        for (int i = 0; i < ca.length; i++) {
            w.u64(ca[i]).u64(cb[i]).u64(offset[i]);
        }
        if (map != null) {
            map.writeTo(w);
        }
        if (kind == Kind.MATMUL) {
            w.u32(heads);
        }
    }

    /** Reads the body after the common step header; checks layouts, map indices and the no-wrap bound. */
    static RequantStep readBody(ProofReader r, java.util.List<ModelCircuit.Tensor> tensors, int index, int node,
                                int input, int output) throws MalformedProofException {
        int tag = r.u8("requant kind");
        int k = tag & ~BROADCAST_FLAG;
        if (k >= Kind.values().length || tag != k && k != Kind.ADD.ordinal() && k != Kind.MUL.ordinal()) {
            throw new MalformedProofException("unknown requant kind " + k);
        }
        Kind kind = Kind.values()[k];
        int second = r.count("second input", 0, index - 1);
        int shift = r.u8("shift");
        int excess = r.u8("excess bits");
        ModelCircuit.Tensor y = tensors.get(output);
        int n = r.count("requant elements", y.size(), y.size());
        if (r.remaining() < 24L * n) {
            throw new MalformedProofException("requant step " + index + " has more constants than bytes");
        }
        long[] ca = new long[n];
        long[] cb = new long[n];
        long[] offset = new long[n];
        for (int i = 0; i < n; i++) {
            ca[i] = r.u64("constant");
            cb[i] = r.u64("constant");
            offset[i] = r.u64("constant");
        }
        boolean broadcast = tag != k;
        SparseMap map = kind == Kind.POOL ? SparseMap.readFrom(r, n, tensors.get(input).size())
                : broadcast ? SparseMap.readFrom(r, n, tensors.get(second).size()) : null;
        boolean matmul = kind == Kind.MATMUL;
        boolean two = kind == Kind.ADD || kind == Kind.MUL || matmul;
        int heads = matmul ? r.count("matmul heads", 1, y.size()) : 1;
        MatMulCheck.Geometry g = matmul ? MatMulCheck.Geometry.of(tensors, input, second, output, heads) : null;
        boolean secondOk = !two || matmul || (broadcast ? map.isGather(n) : tensors.get(second).equals(y));
        boolean layouts = (two || second == 0) && (matmul ? g != null
                : kind == Kind.POOL || tensors.get(input).equals(y) && secondOk);
        if (!layouts || excess != soundExcessBits(kind, ca, cb, offset, map, shift, g == null ? 1 : g.inner())) {
            throw new MalformedProofException("requant step " + index + " has unsound constants or layouts");
        }
        return new RequantStep(node, kind, input, two ? second : -1, output, ca,
                cb, offset, shift, excess, map, heads);
    }
}
