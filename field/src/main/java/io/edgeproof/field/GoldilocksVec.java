package io.edgeproof.field;

/**
 * Element-wise Goldilocks kernels over {@code long[]} vectors of canonical elements.
 *
 * <p>Add and subtract compute carries and borrows with bit formulas instead of comparisons, so C2
 * auto-vectorizes the loops with AVX2: about 0.3-0.5 ns per element, against 0.8-0.9 ns for a loop over
 * {@link Goldilocks#add} (whose cmov form stays scalar). The incubating Vector API was measured beside them:
 * 1.2-1.6x faster on cache-resident vectors, no faster at 2^20 elements (memory-bound), and not adopted,
 * since it would put an incubator module and its start-up warning on every command line and its API
 * differs between JDK 21 and 25. Multiplication has no 64x64->128-bit vector instruction on AVX2, so it
 * stays a scalar loop over {@link Goldilocks#mul}.
 *
 * <p>Every kernel has a sequential form over [from, to), for callers already inside a parallel loop, and a
 * whole-vector form that splits large vectors over {@link Parallel}. Outputs may alias inputs.
 */
public final class GoldilocksVec {
    /** Below this many elements per task, forking costs more than the loop. */
    private static final int MIN_CHUNK = 1 << 15;

    private GoldilocksVec() {}

    // ---- whole vectors --------------------------------------------------------------------------------

    /** out[i] = a[i] + b[i]. */
    public static void add(long[] a, long[] b, long[] out) {
        int n = checkLengths(a, b, out);
        Parallel.forRange(n, MIN_CHUNK, (from, to) -> add(a, b, out, from, to));
    }

    /** out[i] = a[i] - b[i]. */
    public static void sub(long[] a, long[] b, long[] out) {
        int n = checkLengths(a, b, out);
        Parallel.forRange(n, MIN_CHUNK, (from, to) -> sub(a, b, out, from, to));
    }

    /** out[i] = a[i] * b[i]. */
    public static void mul(long[] a, long[] b, long[] out) {
        int n = checkLengths(a, b, out);
        Parallel.forRange(n, MIN_CHUNK, (from, to) -> mul(a, b, out, from, to));
    }

    /** out[i] = a[i] * s. */
    public static void mulScalar(long[] a, long s, long[] out) {
        int n = checkLengths(a, a, out);
        Parallel.forRange(n, MIN_CHUNK, (from, to) -> mulScalar(a, s, out, from, to));
    }

    // ---- sequential ranges ------------------------------------------------------------------------------

    /** out[i] = a[i] + b[i] for i in [from, to). */
    public static void add(long[] a, long[] b, long[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = addNoBranch(a[i], b[i]);
        }
    }

    /** out[i] = a[i] - b[i] for i in [from, to). */
    public static void sub(long[] a, long[] b, long[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = subNoBranch(a[i], b[i]);
        }
    }

    /** out[i] = a[i] * b[i] for i in [from, to). */
    public static void mul(long[] a, long[] b, long[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = Goldilocks.mul(a[i], b[i]);
        }
    }

    /** out[i] = a[i] * s for i in [from, to). */
    public static void mulScalar(long[] a, long s, long[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = Goldilocks.mul(a[i], s);
        }
    }

    // ---- branch-free element operations ------------------------------------------------------------------

    /**
     * a - b for canonical a, b: if the 64-bit subtraction borrowed 2^64, add p - 2^64 = -EPSILON. The borrow
     * is the sign bit of (~a & b) | (~(a ^ b) & (a - b)), spread to a mask by the arithmetic shift.
     */
    static long subNoBranch(long a, long b) {
        long diff = a - b;
        long borrowMask = ((~a & b) | (~(a ^ b) & diff)) >> 63;
        return diff - (borrowMask & Goldilocks.EPSILON);
    }

    /** a + b = a - (p - b); p - b is in [1, p], and the subtraction above handles every such pair. */
    static long addNoBranch(long a, long b) {
        return subNoBranch(a, Goldilocks.P - b);
    }

    private static int checkLengths(long[] a, long[] b, long[] out) {
        if (a.length != b.length || a.length != out.length) {
            throw new IllegalArgumentException("vector lengths differ: " + a.length + ", " + b.length + ", " + out.length);
        }
        return a.length;
    }
}
