package io.edgeproof.iop.sumcheck;

/**
 * Sums of 128-bit products kept unreduced in 192 bits (three little-endian words of a {@code long[]} at
 * an offset) and reduced once at the end, so prover loops that sum products pay no modular reduction per
 * product. The top word must stay below 2^32, i.e. fewer than 2^32 products per sum.
 *
 * <p>Plain arrays rather than accumulator objects: the kernels that use these are too large for the JIT
 * to inline everything, and an accumulator object passed to a non-inlined call lives on the heap.
 */
public final class WideSums {
    private WideSums() {}

    /** acc[k..k+2] += a * b, for any 64-bit a and b. */
    public static void addProduct(long[] acc, int k, long a, long b) {
        add128(acc, k, a * b, Math.unsignedMultiplyHigh(a, b), 0);
    }

    /** acc[k..k+2] += a0 b0 + a1 b1 + a2 b2, for any 64-bit inputs. */
    public static void addDot3(long[] acc, int k, long a0, long b0, long a1, long b1, long a2, long b2) {
        long l0 = a0 * b0, l1 = a1 * b1, l2 = a2 * b2;
        long h0 = Math.unsignedMultiplyHigh(a0, b0);
        long h1 = Math.unsignedMultiplyHigh(a1, b1);
        long h2 = Math.unsignedMultiplyHigh(a2, b2);
        long s = l0 + l1, lo = s + l2;
        long lowCarries = BranchFreeArithmetic.carry(l0, l1, s) + BranchFreeArithmetic.carry(s, l2, lo);
        long g = h0 + h1, hi = g + h2;
        long top = BranchFreeArithmetic.carry(h0, h1, g) + BranchFreeArithmetic.carry(g, h2, hi);
        long hi2 = hi + lowCarries;
        top += BranchFreeArithmetic.carry(hi, lowCarries, hi2);
        add128(acc, k, lo, hi2, top);
    }

    /** acc[k..k+2] += lo + 2^64 hi + 2^128 top. */
    private static void add128(long[] acc, int k, long lo, long hi, long top) {
        long aLo = acc[k], aHi = acc[k + 1];
        long sLo = aLo + lo;
        long c = BranchFreeArithmetic.carry(aLo, lo, sLo);
        long sHi = aHi + hi;
        long c2 = BranchFreeArithmetic.carry(aHi, hi, sHi);
        long sHi2 = sHi + c;
        c2 += BranchFreeArithmetic.carry(sHi, c, sHi2);
        acc[k] = sLo;
        acc[k + 1] = sHi2;
        acc[k + 2] += top + c2;
    }

    /** The sum at acc[k..k+2] mod p. */
    public static long reduce(long[] acc, int k) {
        return BranchFreeArithmetic.reduce192(acc[k], acc[k + 1], acc[k + 2]);
    }
}
