package io.edgeproof.zkml.proof;

import io.edgeproof.iop.lookup.RangeTable;

/**
 * A column that must lie in [0, 2^bits): v[i, c] = sum_j coefs[j] source_j[i, c] + offsets[c] over a block
 * of 2^rowVars rows and 2^colVars columns (offsets broadcast over rows). A source is a witness block, or
 * {@link #PUBLIC_INPUT} for the model's input. The column is split into 16-bit limbs (the last one also
 * shifted by 2^(16 - lastBits) when narrower), committed in the limb region from sub-block
 * {@code firstLimb} on; the limbs are looked up in [0, 2^16) and tied to v at a random point.
 * "x < b[c]" is written as x + (2^bits - b[c]) in [0, 2^bits), the same column shifted per channel.
 */
record RangeColumn(String what, int rowVars, int colVars, int[] sources, long[] coefs, long[] offsets, int bits,
                   int firstLimb) {
    static final int PUBLIC_INPUT = -1;

    RangeColumn {
        if (bits < 1 || bits > 63 || offsets.length != 1 << colVars || sources.length != coefs.length) {
            throw new IllegalArgumentException("malformed range column " + what);
        }
        sources = sources.clone();
        coefs = coefs.clone();
        offsets = offsets.clone();
    }

    int vars() {
        return rowVars + colVars;
    }

    int limbs() {
        return (bits + RangeTable.LIMB_BITS - 1) / RangeTable.LIMB_BITS;
    }

    int lastLimbBits() {
        return bits - RangeTable.LIMB_BITS * (limbs() - 1);
    }

    boolean shiftsLastLimb() {
        return lastLimbBits() < RangeTable.LIMB_BITS;
    }

    /** Sub-blocks of the limb region this column uses: its limbs, then the shifted last limb if any. */
    int subBlocks() {
        return limbs() + (shiftsLastLimb() ? 1 : 0);
    }

    long lastLimbShift() {
        return 1L << (RangeTable.LIMB_BITS - lastLimbBits());
    }

    static long[] constant(int colVars, long value) {
        long[] o = new long[1 << colVars];
        java.util.Arrays.fill(o, value);
        return o;
    }
}
