package io.edgeproof.field;

/**
 * Kernels over vectors of extension elements stored interleaved in one {@code long[]}: element i is
 * {@code (v[3i], v[3i+1], v[3i+2])}. No objects per element, so the prover's hot loops stay on primitive
 * arrays; every method takes element indices, not array offsets.
 */
public final class Ext3Vec {
    private Ext3Vec() {}

    public static long[] allocate(int length) {
        return new long[Math.multiplyExact(3, length)];
    }

    public static int length(long[] vec) {
        return vec.length / 3;
    }

    /** Lifts a base-field vector into the extension. */
    public static long[] fromBase(long[] base) {
        long[] out = allocate(base.length);
        for (int i = 0; i < base.length; i++) {
            out[3 * i] = base[i];
        }
        return out;
    }

    /** out[o] = a[i] * b[j]. */
    public static void mul(long[] a, int i, long[] b, int j, long[] out, int o) {
        int x = 3 * i, y = 3 * j, z = 3 * o;
        long a0 = a[x], a1 = a[x + 1], a2 = a[x + 2];
        long b0 = b[y], b1 = b[y + 1], b2 = b[y + 2];
        out[z] = Goldilocks.add(Goldilocks.mul(a0, b0),
                Goldilocks.dbl(Goldilocks.add(Goldilocks.mul(a1, b2), Goldilocks.mul(a2, b1))));
        out[z + 1] = Goldilocks.add(Goldilocks.add(Goldilocks.mul(a0, b1), Goldilocks.mul(a1, b0)),
                Goldilocks.dbl(Goldilocks.mul(a2, b2)));
        out[z + 2] = Goldilocks.add(Goldilocks.add(Goldilocks.mul(a0, b2), Goldilocks.mul(a1, b1)),
                Goldilocks.mul(a2, b0));
    }

    /** out[o] = a[i] + b[j]. */
    public static void add(long[] a, int i, long[] b, int j, long[] out, int o) {
        int x = 3 * i, y = 3 * j, z = 3 * o;
        out[z] = Goldilocks.add(a[x], b[y]);
        out[z + 1] = Goldilocks.add(a[x + 1], b[y + 1]);
        out[z + 2] = Goldilocks.add(a[x + 2], b[y + 2]);
    }

    /** out[o] = a[i] - b[j]. */
    public static void sub(long[] a, int i, long[] b, int j, long[] out, int o) {
        int x = 3 * i, y = 3 * j, z = 3 * o;
        out[z] = Goldilocks.sub(a[x], b[y]);
        out[z + 1] = Goldilocks.sub(a[x + 1], b[y + 1]);
        out[z + 2] = Goldilocks.sub(a[x + 2], b[y + 2]);
    }

    /** out[o] = a[i] * s for a base-field scalar s. */
    public static void mulBase(long[] a, int i, long s, long[] out, int o) {
        int x = 3 * i, z = 3 * o;
        out[z] = Goldilocks.mul(a[x], s);
        out[z + 1] = Goldilocks.mul(a[x + 1], s);
        out[z + 2] = Goldilocks.mul(a[x + 2], s);
    }

    /** Whether elements a[i] and b[j] are equal. */
    public static boolean equal(long[] a, int i, long[] b, int j) {
        int x = 3 * i, y = 3 * j;
        return a[x] == b[y] && a[x + 1] == b[y + 1] && a[x + 2] == b[y + 2];
    }
}
