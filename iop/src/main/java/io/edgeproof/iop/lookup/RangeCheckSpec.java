package io.edgeproof.iop.lookup;

/**
 * Which range a column is checked to lie in: [0, 2^bits), or [-2^(bits-1), 2^(bits-1)) when signed (field
 * elements read as signed, through an offset of 2^(bits-1)). Values are split into 16-bit limbs looked up
 * in {@link RangeTable#limbs()}; a last limb of b < 16 bits is also looked up multiplied by 2^(16-b),
 * which bounds it by 2^b without a second table. Since 2^bits < p, the limb relation has no wrap-around.
 */
public record RangeCheckSpec(int bits, boolean signed) {
    public static final int MAX_BITS = 63;

    public RangeCheckSpec {
        if (bits < 1 || bits > MAX_BITS) {
            throw new IllegalArgumentException("range bits must be in [1, " + MAX_BITS + "], got " + bits);
        }
    }

    public static RangeCheckSpec unsigned(int bits) {
        return new RangeCheckSpec(bits, false);
    }

    public static RangeCheckSpec signed(int bits) {
        return new RangeCheckSpec(bits, true);
    }

    public int limbs() {
        return (bits + RangeTable.LIMB_BITS - 1) / RangeTable.LIMB_BITS;
    }

    public int lastLimbBits() {
        return bits - RangeTable.LIMB_BITS * (limbs() - 1);
    }

    /** Whether the last limb is narrower than a table entry and needs its shifted copy looked up. */
    public boolean shiftsLastLimb() {
        return lastLimbBits() < RangeTable.LIMB_BITS;
    }

    /** 2^(16 - lastLimbBits): the shifted copy is the last limb times this. */
    public long lastLimbShift() {
        return 1L << (RangeTable.LIMB_BITS - lastLimbBits());
    }

    /** Blocks of the looked-up column: the limbs, the shifted last limb, zero blocks up to a power of two. */
    public int blockVariables() {
        return LogUpGkr.paddedVariables(limbs() + (shiftsLastLimb() ? 1 : 0));
    }

    /** What is added to a value before splitting: 2^(bits-1) for signed ranges, else 0. */
    public long offset() {
        return signed ? 1L << (bits - 1) : 0;
    }

    /** Bits of soundness of checking {@code numValues} values: those of the underlying lookup. */
    public double soundnessBits(int numValues) {
        int lookups = (1 << LogUpGkr.paddedVariables(numValues)) << blockVariables();
        return LogUpGkr.soundnessBits(lookups, 1 << RangeTable.LIMB_BITS);
    }
}
