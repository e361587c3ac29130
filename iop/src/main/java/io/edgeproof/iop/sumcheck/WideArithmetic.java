package io.edgeproof.iop.sumcheck;

import io.edgeproof.field.Goldilocks;

/**
 * Dot products with one reduction: the prover's extension-field kernels spend most of their time in
 * products, and an Ext3 product component is a sum of three base products, so summing the 128-bit
 * products first and reducing once saves two of every three reductions.
 */
final class WideArithmetic {
    private WideArithmetic() {}

    /**
     * a0 b0 + a1 b1 + a2 b2 mod p for any 64-bit inputs (read as unsigned). The sum of three 128-bit
     * products needs 130 bits: the two top bits are folded back with 2^128 = -2^32 (mod p).
     */
    static long dot3(long a0, long b0, long a1, long b1, long a2, long b2) {
        long l0 = a0 * b0;
        long l1 = a1 * b1;
        long l2 = a2 * b2;
        long h0 = Math.unsignedMultiplyHigh(a0, b0);
        long h1 = Math.unsignedMultiplyHigh(a1, b1);
        long h2 = Math.unsignedMultiplyHigh(a2, b2);
        long lo = l0 + l1;
        long carry = Long.compareUnsigned(lo, l0) < 0 ? 1 : 0;
        long lo2 = lo + l2;
        carry += Long.compareUnsigned(lo2, lo) < 0 ? 1 : 0;
        long hi = h0 + h1;
        long top = Long.compareUnsigned(hi, h0) < 0 ? 1 : 0;
        long hi2 = hi + h2;
        top += Long.compareUnsigned(hi2, hi) < 0 ? 1 : 0;
        long hi3 = hi2 + carry;
        top += Long.compareUnsigned(hi3, hi2) < 0 ? 1 : 0;
        long r = Goldilocks.reduce128(lo2, hi3);
        return top == 0 ? r : Goldilocks.sub(r, top << 32);
    }
}
