package io.edgeproof.zkml.proof;

import io.edgeproof.iop.lookup.RangeTable;

/**
 * A column that must lie, in column c, in [0, 2^channelBits[c]): v[i, c] = sum_j coefs[j] source_j[i, c] +
 * offsets[c] over a block of 2^rowVars rows and 2^colVars columns (offsets and bounds broadcast over rows).
 * A source is a witness block, or {@link #PUBLIC_INPUT} for the model's input. The column is split into
 * 16-bit limbs, committed in the limb region from sub-block {@code firstLimb} on; every limb is looked up in
 * [0, 2^16). Limb l of column c must be below 2^b(l, c), b = clamp(channelBits[c] - 16 l, 0, 16): when some
 * b(l, c) < 16, a companion sub-block limb_l + 2^16 - 2^b(l, c) (same table, also looked up) bounds it.
 * The limbs and companions follow, in order, the limbs; each is tied to v (or its limb) at a random point.
 */
record RangeColumn(String what, int rowVars, int colVars, int[] sources, long[] coefs, long[] offsets,
                   int[] channelBits, int firstLimb) {
    static final int PUBLIC_INPUT = -1;

    RangeColumn {
        if (offsets.length != 1 << colVars || channelBits.length != 1 << colVars || sources.length != coefs.length) {
            throw new IllegalArgumentException("malformed range column " + what);
        }
        for (int b : channelBits) {
            if (b < 0 || b > 63) {
                throw new IllegalArgumentException("range column " + what + " has a bound of 2^" + b);
            }
        }
        sources = sources.clone();
        coefs = coefs.clone();
        offsets = offsets.clone();
        channelBits = channelBits.clone();
    }

    int vars() {
        return rowVars + colVars;
    }

    /** The widest bound, in bits (at least 1). */
    int bits() {
        int max = 1;
        for (int b : channelBits) {
            max = Math.max(max, b);
        }
        return max;
    }

    int limbs() {
        return (bits() + RangeTable.LIMB_BITS - 1) / RangeTable.LIMB_BITS;
    }

    /** Bits limb l may use in column c. */
    int limbBits(int l, int c) {
        return Math.clamp(channelBits[c] - (long) RangeTable.LIMB_BITS * l, 0, RangeTable.LIMB_BITS);
    }

    /** The limbs some column bounds below 2^16, in increasing order: each has a companion sub-block. */
    int[] boundedLimbs() {
        int[] out = new int[limbs()];
        int n = 0;
        for (int l = 0; l < out.length; l++) {
            for (int c = 0; c < channelBits.length; c++) {
                if (limbBits(l, c) < RangeTable.LIMB_BITS) {
                    out[n++] = l;
                    break;
                }
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** Per column, what limb l's companion adds to it: 2^16 - 2^b(l, c). */
    long[] companionOffsets(int l) {
        long[] out = new long[channelBits.length];
        for (int c = 0; c < out.length; c++) {
            out[c] = (1L << RangeTable.LIMB_BITS) - (1L << limbBits(l, c));
        }
        return out;
    }

    /** Sub-blocks of the limb region this column uses: its limbs, then one companion per bounded limb. */
    int subBlocks() {
        return limbs() + boundedLimbs().length;
    }

    static long[] constant(int colVars, long value) {
        long[] o = new long[1 << colVars];
        java.util.Arrays.fill(o, value);
        return o;
    }

    static int[] constantBits(int colVars, int bits) {
        int[] o = new int[1 << colVars];
        java.util.Arrays.fill(o, bits);
        return o;
    }
}
