package io.edgeproof.field;

/**
 * An element of the cubic extension F_p[X]/(X^3 - 2) of Goldilocks, |F| = p^3 ~ 2^192.
 *
 * <p>Verifier challenges live here so that per-round soundness errors of the form d/|F| are about
 * 2^-190 instead of 2^-62. 2 is a non-cube mod p (2^((p-1)/3) != 1, checked in tests), so X^3 - 2 is
 * irreducible, and multiplying by the non-residue is a doubling.
 *
 * <p>This immutable class is for scalar code (verifiers, challenges). Hot loops over many extension
 * elements use {@link Ext3Vec}, which works on interleaved {@code long[]} with stride 3.
 */
public final class Ext3 {
    /** The constant W in X^3 = W. */
    public static final long NON_RESIDUE = 2;
    /** log2 |F_p^3|, used in soundness calculations. */
    public static final double LOG2_ORDER = 3 * Goldilocks.LOG2_ORDER;

    public static final Ext3 ZERO = new Ext3(0, 0, 0);
    public static final Ext3 ONE = new Ext3(1, 0, 0);

    private final long c0;
    private final long c1;
    private final long c2;

    private Ext3(long c0, long c1, long c2) {
        this.c0 = c0;
        this.c1 = c1;
        this.c2 = c2;
    }

    /** From canonical coefficients; rejects non-canonical ones. */
    public static Ext3 of(long c0, long c1, long c2) {
        return new Ext3(Goldilocks.checkCanonical(c0), Goldilocks.checkCanonical(c1), Goldilocks.checkCanonical(c2));
    }

    /** Embeds a canonical base-field element. */
    public static Ext3 ofBase(long a) {
        return new Ext3(Goldilocks.checkCanonical(a), 0, 0);
    }

    /** Reads element {@code index} of an interleaved vector. */
    public static Ext3 read(long[] vec, int index) {
        int i = 3 * index;
        return new Ext3(vec[i], vec[i + 1], vec[i + 2]);
    }

    /** Writes this element at {@code index} of an interleaved vector. */
    public void write(long[] vec, int index) {
        int i = 3 * index;
        vec[i] = c0;
        vec[i + 1] = c1;
        vec[i + 2] = c2;
    }

    public long c0() { return c0; }
    public long c1() { return c1; }
    public long c2() { return c2; }

    public boolean isZero() {
        return (c0 | c1 | c2) == 0;
    }

    public boolean isBase() {
        return (c1 | c2) == 0;
    }

    public Ext3 add(Ext3 o) {
        return new Ext3(Goldilocks.add(c0, o.c0), Goldilocks.add(c1, o.c1), Goldilocks.add(c2, o.c2));
    }

    public Ext3 sub(Ext3 o) {
        return new Ext3(Goldilocks.sub(c0, o.c0), Goldilocks.sub(c1, o.c1), Goldilocks.sub(c2, o.c2));
    }

    public Ext3 neg() {
        return new Ext3(Goldilocks.neg(c0), Goldilocks.neg(c1), Goldilocks.neg(c2));
    }

    public Ext3 addBase(long b) {
        return new Ext3(Goldilocks.add(c0, b), c1, c2);
    }

    public Ext3 mulBase(long b) {
        return new Ext3(Goldilocks.mul(c0, b), Goldilocks.mul(c1, b), Goldilocks.mul(c2, b));
    }

    public Ext3 mul(Ext3 o) {
        long a0 = c0, a1 = c1, a2 = c2, b0 = o.c0, b1 = o.c1, b2 = o.c2;
        long r0 = Goldilocks.add(Goldilocks.mul(a0, b0),
                Goldilocks.dbl(Goldilocks.add(Goldilocks.mul(a1, b2), Goldilocks.mul(a2, b1))));
        long r1 = Goldilocks.add(Goldilocks.add(Goldilocks.mul(a0, b1), Goldilocks.mul(a1, b0)),
                Goldilocks.dbl(Goldilocks.mul(a2, b2)));
        long r2 = Goldilocks.add(Goldilocks.add(Goldilocks.mul(a0, b2), Goldilocks.mul(a1, b1)),
                Goldilocks.mul(a2, b0));
        return new Ext3(r0, r1, r2);
    }

    public Ext3 square() {
        return mul(this);
    }

    public Ext3 pow(long exponent) {
        Ext3 result = ONE;
        Ext3 b = this;
        long e = exponent;
        while (e != 0) {
            if ((e & 1) != 0) {
                result = result.mul(b);
            }
            b = b.square();
            e >>>= 1;
        }
        return result;
    }

    /**
     * Inverse through the norm: for a = a0 + a1 X + a2 X^2, the adjugate (t0, t1, t2) below satisfies
     * a * t = N(a) in the base field, so a^-1 = t / N(a). One base-field inversion.
     */
    public Ext3 inverse() {
        if (isZero()) {
            throw new ArithmeticException("inverse of zero in the cubic extension");
        }
        long t0 = Goldilocks.sub(Goldilocks.square(c0), Goldilocks.dbl(Goldilocks.mul(c1, c2)));
        long t1 = Goldilocks.sub(Goldilocks.dbl(Goldilocks.square(c2)), Goldilocks.mul(c0, c1));
        long t2 = Goldilocks.sub(Goldilocks.square(c1), Goldilocks.mul(c0, c2));
        long norm = Goldilocks.add(Goldilocks.mul(c0, t0),
                Goldilocks.dbl(Goldilocks.add(Goldilocks.mul(c2, t1), Goldilocks.mul(c1, t2))));
        long normInv = Goldilocks.inverse(norm);
        return new Ext3(Goldilocks.mul(t0, normInv), Goldilocks.mul(t1, normInv), Goldilocks.mul(t2, normInv));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ext3 e && e.c0 == c0 && e.c1 == c1 && e.c2 == c2;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(c0) * 961 + Long.hashCode(c1) * 31 + Long.hashCode(c2);
    }

    @Override
    public String toString() {
        return "(" + Long.toUnsignedString(c0) + ", " + Long.toUnsignedString(c1) + ", " + Long.toUnsignedString(c2) + ")";
    }
}
