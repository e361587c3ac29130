package io.edgeproof.iop.lookup;

import io.edgeproof.field.Ext3;
import io.edgeproof.field.Ext3Vec;

/**
 * The single-column table 0, 1, ..., 2^bits - 1. Entry b is sum_i 2^(i-1) b_i, a linear function of the
 * bits, so its multilinear extension at r is sum_i 2^(i-1) r_i: O(bits) for the verifier.
 */
public record RangeTable(int bits) implements LookupTable {
    /** The limb width range checks use: 2^16 rows. */
    public static final int LIMB_BITS = 16;

    public RangeTable {
        if (bits < 0 || bits > 24) {
            throw new IllegalArgumentException("range table bits must be in [0, 24], got " + bits);
        }
    }

    public static RangeTable limbs() {
        return new RangeTable(LIMB_BITS);
    }

    @Override
    public int numVariables() {
        return bits;
    }

    @Override
    public int numColumns() {
        return 1;
    }

    @Override
    public long entry(int column, int row) {
        return row;
    }

    @Override
    public int rowIndex(long[][] columns, int index) {
        long v = columns[0][index];
        return v >= 0 && v < 1L << bits ? (int) v : -1;
    }

    @Override
    public Ext3 evaluateColumn(int column, long[] point) {
        if (Ext3Vec.length(point) != bits) {
            throw new IllegalArgumentException("range table of " + bits + " bits evaluated at " + point.length / 3 + " coordinates");
        }
        Ext3 sum = Ext3.ZERO;
        for (int i = 0; i < bits; i++) {
            sum = sum.add(Ext3.read(point, i).mulBase(1L << i));
        }
        return sum;
    }

    @Override
    public String name() {
        return "range[0, 2^" + bits + ")";
    }
}
