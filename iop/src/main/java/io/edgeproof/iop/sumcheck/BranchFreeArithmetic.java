package io.edgeproof.iop.sumcheck;

/**
 * Goldilocks arithmetic for the provers' hot loops, without data-dependent branches.
 *
 * <p>Why: on random field elements the conditional corrections of a modular add, subtract or 128-bit
 * reduction are taken about half the time, so a branchy version pays a misprediction per operation.
 * Measured on the 2-core EPYC build machine: {@code Goldilocks.mul} 7.8 ns, this {@link #mul} 4.2 ns
 * per independent product. Corrections are applied as masks (-carry & EPSILON); carries and borrows are
 * unsigned comparisons producing 0 or 1, which C2 compiles to flag-setting instructions (setb), not jumps.
 * Results equal {@code Goldilocks}' (canonical in, canonical out), checked by property tests.
 *
 * <p>Also: sums of two to four 128-bit products reduced once ({@link #dot3}, {@link #dot4}), the core of an
 * extension-field product, and products on interleaved extension vectors for other provers (GKR, lookups).
 * Public for those provers only; protocol code should use {@code Goldilocks} and {@code Ext3}.
 */
public final class BranchFreeArithmetic {
    /** 2^64 mod p = 2^32 - 1. */
    private static final long EPSILON = 0xFFFF_FFFFL;

    private BranchFreeArithmetic() {}

    /**
     * Carry out of a + b = s (as unsigned 64-bit words), as 0 or 1. Written as a comparison: C2 compiles it
     * to a flag-setting instruction, measured faster than the bitwise formula ((a & b) | ((a | b) & ~s)) >>> 63.
     */
    static long carry(long a, long b, long s) {
        return Long.compareUnsigned(s, a) < 0 ? 1 : 0;
    }

    /** Borrow out of a - b = d, as 0 or 1. */
    private static long borrow(long a, long b, long d) {
        return Long.compareUnsigned(a, b) < 0 ? 1 : 0;
    }

    /** Maps any 64-bit word into [0, p): p = 2^64 - EPSILON, so s >= p iff s + EPSILON carries. */
    public static long canonical(long s) {
        long t = s + EPSILON;
        return s + (-carry(s, EPSILON, t) & EPSILON);
    }

    public static long add(long a, long b) {
        long s = a + b;
        return canonical(s + (-carry(a, b, s) & EPSILON)); // a wrapped 2^64 is EPSILON mod p
    }

    public static long sub(long a, long b) {
        long d = a - b;
        return d - (-borrow(a, b, d) & EPSILON); // a borrowed 2^64 is p + EPSILON
    }

    public static long dbl(long a) {
        return add(a, a);
    }

    public static long mul(long a, long b) {
        return reduce128(a * b, Math.unsignedMultiplyHigh(a, b));
    }

    /** hi * 2^64 + lo mod p, using 2^64 = EPSILON and 2^96 = -1 (mod p). Any 128-bit input. */
    public static long reduce128(long lo, long hi) {
        long hiHi = hi >>> 32;
        long t0 = lo - hiHi;
        t0 -= -borrow(lo, hiHi, t0) & EPSILON;
        long t1 = (hi & EPSILON) * EPSILON;
        long t2 = t0 + t1;
        t2 += -carry(t0, t1, t2) & EPSILON;
        return canonical(t2);
    }

    /**
     * (lo + 2^64 hi + 2^128 top) mod p for top < 2^32, using 2^128 = -2^32 (mod p): a sum of a few
     * 128-bit products reduced once. It repeats {@link #reduce128}'s steps rather than calling a shared core:
     * that split measured up to 1.5x slower in the product sumcheck (JIT inlining of mul).
     */
    public static long reduce192(long lo, long hi, long top) {
        long hiHi = hi >>> 32;
        long t0 = lo - hiHi;
        t0 -= -borrow(lo, hiHi, t0) & EPSILON;
        long t1 = (hi & EPSILON) * EPSILON;
        long t2 = t0 + t1;
        t2 += -carry(t0, t1, t2) & EPSILON;
        long s = top << 32;
        long t3 = t2 - s; // s <= 2^64 - 2^32, so after a borrow t3 - EPSILON stays non-negative
        t3 -= -borrow(t2, s, t3) & EPSILON;
        return canonical(t3);
    }

    /** a0 b0 + a1 b1 + a2 b2 mod p for any 64-bit inputs. */
    public static long dot3(long a0, long b0, long a1, long b1, long a2, long b2) {
        return dot3Plus(a0, b0, a1, b1, a2, b2, 0);
    }

    /** c + a0 b0 + a1 b1 + a2 b2 mod p for any 64-bit inputs: a fold's lo + r d without a product by one. */
    public static long dot3Plus(long a0, long b0, long a1, long b1, long a2, long b2, long c) {
        long l0 = a0 * b0, l1 = a1 * b1, l2 = a2 * b2;
        long h0 = Math.unsignedMultiplyHigh(a0, b0);
        long h1 = Math.unsignedMultiplyHigh(a1, b1);
        long h2 = Math.unsignedMultiplyHigh(a2, b2);
        long s01 = l0 + l1, s2c = l2 + c, lo = s01 + s2c;
        long lowCarries = carry(l0, l1, s01) + carry(l2, c, s2c) + carry(s01, s2c, lo);
        long g = h0 + h1, hi = g + h2;
        long top = carry(h0, h1, g) + carry(g, h2, hi);
        long hi2 = hi + lowCarries;
        top += carry(hi, lowCarries, hi2);
        return reduce192(lo, hi2, top);
    }

    /** a0 b0 + a1 b1 + a2 b2 + a3 b3 mod p for any 64-bit inputs. */
    public static long dot4(long a0, long b0, long a1, long b1, long a2, long b2, long a3, long b3) {
        long l0 = a0 * b0, l1 = a1 * b1, l2 = a2 * b2, l3 = a3 * b3;
        long h0 = Math.unsignedMultiplyHigh(a0, b0);
        long h1 = Math.unsignedMultiplyHigh(a1, b1);
        long h2 = Math.unsignedMultiplyHigh(a2, b2);
        long h3 = Math.unsignedMultiplyHigh(a3, b3);
        long s01 = l0 + l1, s23 = l2 + l3, lo = s01 + s23;
        long lowCarries = carry(l0, l1, s01) + carry(l2, l3, s23) + carry(s01, s23, lo);
        long g01 = h0 + h1, g23 = h2 + h3, hi = g01 + g23;
        long top = carry(h0, h1, g01) + carry(h2, h3, g23) + carry(g01, g23, hi);
        long hi2 = hi + lowCarries;
        top += carry(hi, lowCarries, hi2);
        return reduce192(lo, hi2, top);
    }

    /** a0 b0 + ... + a5 b5 mod p for any 64-bit inputs: six 128-bit products summed in 192 bits, reduced once. */
    public static long dot6(long a0, long b0, long a1, long b1, long a2, long b2, long a3, long b3, long a4, long b4,
                            long a5, long b5) {
        long l0 = a0 * b0, l1 = a1 * b1, l2 = a2 * b2, l3 = a3 * b3, l4 = a4 * b4, l5 = a5 * b5;
        long h0 = Math.unsignedMultiplyHigh(a0, b0);
        long h1 = Math.unsignedMultiplyHigh(a1, b1);
        long h2 = Math.unsignedMultiplyHigh(a2, b2);
        long h3 = Math.unsignedMultiplyHigh(a3, b3);
        long h4 = Math.unsignedMultiplyHigh(a4, b4);
        long h5 = Math.unsignedMultiplyHigh(a5, b5);
        long s01 = l0 + l1, s23 = l2 + l3, s45 = l4 + l5, s03 = s01 + s23, lo = s03 + s45;
        long lowCarries = carry(l0, l1, s01) + carry(l2, l3, s23) + carry(l4, l5, s45) + carry(s01, s23, s03)
                + carry(s03, s45, lo);
        long g01 = h0 + h1, g23 = h2 + h3, g45 = h4 + h5, g03 = g01 + g23, hi = g03 + g45;
        long top = carry(h0, h1, g01) + carry(h2, h3, g23) + carry(h4, h5, g45) + carry(g01, g23, g03)
                + carry(g03, g45, hi);
        long hi2 = hi + lowCarries;
        top += carry(hi, lowCarries, hi2);
        return reduce192(lo, hi2, top);
    }

    /** out[o] = a[i] * b[j] on interleaved extension vectors (out may alias a or b). */
    public static void mulExt(long[] a, int i, long[] b, int j, long[] out, int o) {
        int x = 3 * i, y = 3 * j, z = 3 * o;
        long a0 = a[x], a1 = a[x + 1], a2 = a[x + 2], b0 = b[y], b1 = b[y + 1], b2 = b[y + 2];
        long b1d = dbl(b1), b2d = dbl(b2);
        out[z] = dot3(a0, b0, a1, b2d, a2, b1d);
        out[z + 1] = dot3(a0, b1, a1, b0, a2, b2d);
        out[z + 2] = dot3(a0, b2, a1, b1, a2, b0);
    }

    /** out[o] = a[i] * b[j] + c[k] * d[l] on interleaved extension vectors, one reduction per coefficient. */
    public static void mulAddExt(long[] a, int i, long[] b, int j, long[] c, int k, long[] d, int l, long[] out, int o) {
        int x = 3 * i, y = 3 * j, u = 3 * k, v = 3 * l, z = 3 * o;
        long a0 = a[x], a1 = a[x + 1], a2 = a[x + 2], b0 = b[y], b1 = b[y + 1], b2 = b[y + 2];
        long c0 = c[u], c1 = c[u + 1], c2 = c[u + 2], d0 = d[v], d1 = d[v + 1], d2 = d[v + 2];
        long b1d = dbl(b1), b2d = dbl(b2), d1d = dbl(d1), d2d = dbl(d2);
        out[z] = dot6(a0, b0, a1, b2d, a2, b1d, c0, d0, c1, d2d, c2, d1d);
        out[z + 1] = dot6(a0, b1, a1, b0, a2, b2d, c0, d1, c1, d0, c2, d2d);
        out[z + 2] = dot6(a0, b2, a1, b1, a2, b0, c0, d2, c1, d1, c2, d0);
    }
}
