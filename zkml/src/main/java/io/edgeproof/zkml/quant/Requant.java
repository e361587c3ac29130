package io.edgeproof.zkml.quant;

import io.edgeproof.zkml.graph.ModelException;
import java.util.Arrays;

/**
 * Requantization y = clamp((acc * M + 2^(s-1)) >> s, -2^15, 2^15 - 1): an integer multiply, round half up,
 * arithmetic shift, clamp. One (M, s) per output channel, or a single pair. M and s are chosen at compile
 * time from the worst-case |acc| so that |acc * M| + 2^(s-1) < 2^62 for every possible input.
 */
public record Requant(long[] multipliers, int[] shifts) {
    public static final int LO = -32768;
    public static final int HI = 32767;
    /** Products stay below this, far under 2^63 and under p/2 for the Goldilocks prime. */
    public static final long PRODUCT_BOUND = 1L << 62;

    public Requant {
        if (multipliers.length != shifts.length || multipliers.length == 0) {
            throw new ModelException("requantization with " + multipliers.length + " multipliers and " + shifts.length + " shifts");
        }
        for (int i = 0; i < shifts.length; i++) {
            if (shifts[i] < 1 || shifts[i] > 62 || multipliers[i] < 0 || multipliers[i] > 1L << 40) {
                throw new ModelException("requantization pair (" + multipliers[i] + ", " + shifts[i] + ") out of range");
            }
        }
    }

    /** Per-channel pairs for real multipliers {@code m[i]} and accumulator bounds {@code bound[i]}. */
    public static Requant choose(double[] m, long[] bound) {
        long[] mult = new long[m.length];
        int[] shift = new int[m.length];
        for (int i = 0; i < m.length; i++) {
            long[] pair = pair(m[i], bound[i]);
            mult[i] = pair[0];
            shift[i] = (int) pair[1];
        }
        return new Requant(mult, shift);
    }

    public static Requant single(double m, long bound) {
        return choose(new double[] {m}, new long[] {bound});
    }

    /**
     * Shift preferred when it leaves the multiplier at least {@link #MIN_PREFERRED_BITS} significant bits: the
     * proof range-checks the remainder r in [0, 2^s) in 16-bit limbs, and s = 32 is two whole limbs where
     * the 31-bit rule's s ~ 40 needs three and a bounding companion.
     */
    static final int PREFERRED_SHIFT = 32;
    /** Relative error of M / 2^s at most 2^-16: far below the int16 output's rounding. */
    static final int MIN_PREFERRED_BITS = 16;

    /**
     * (M, s) with M / 2^s ~ m: s = 32 when the 31-bit rule would shift further and M keeps at least 16
     * significant bits; otherwise up to 31 significant bits, fewer when the accumulator bound is large.
     */
    static long[] pair(double m, long bound) {
        if (!(m > 0) || Double.isInfinite(m)) {
            throw new ModelException("invalid requantization multiplier " + m);
        }
        int accBits = 64 - Long.numberOfLeadingZeros(Math.max(1, bound));
        int bits = Math.min(31, 61 - accBits);
        if (bits < 8) {
            throw new ModelException("accumulator bound 2^" + accBits + " leaves too few bits for the requantization multiplier");
        }
        int s = bits - 1 - Math.getExponent(m);
        if (s > PREFERRED_SHIFT && Math.round(Math.scalb(m, PREFERRED_SHIFT)) >= 1L << (MIN_PREFERRED_BITS - 1)) {
            s = PREFERRED_SHIFT;
        }
        s = Math.clamp(s, 1, 62);
        long mult = Math.round(Math.scalb(m, s));
        if (mult > 1L << 40 || (mult > 0 && bound > (PRODUCT_BOUND >> 1) / mult)) {
            throw new ModelException("requantization multiplier " + m + " too large for accumulator bound " + bound);
        }
        return new long[] {mult, s};
    }

    public int channels() {
        return multipliers.length;
    }

    public int apply(long acc, int channel) {
        int s = shifts[channel];
        long y = (acc * multipliers[channel] + (1L << (s - 1))) >> s;
        return (int) Math.clamp(y, LO, HI);
    }

    /** Round half up of a real value to the 16-bit range (quantizing inputs, constants and table entries). */
    public static int quantize(double v) {
        if (Double.isNaN(v)) {
            return 0;
        }
        return (int) Math.clamp(Math.floor(v + 0.5), LO, HI);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Requant r && Arrays.equals(multipliers, r.multipliers) && Arrays.equals(shifts, r.shifts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(multipliers) + Arrays.hashCode(shifts);
    }

    @Override
    public String toString() {
        return multipliers.length == 1 ? "M=" + multipliers[0] + ",s=" + shifts[0] : multipliers.length + " channels";
    }
}
