package io.edgeproof.iop.lookup;

import io.edgeproof.field.Goldilocks;
import java.util.Arrays;

/**
 * The prover's range-check data: the values padded with zeros to a power of two, their limbs (one column
 * each) and the lookup witness, a single column made of the limb blocks, the shifted last limb and zero
 * blocks. The caller commits to the padded values (or already has), the limbs and the lookup's
 * multiplicities, and absorbs the commitments before proving.
 */
public record RangeCheckWitness(RangeCheckSpec spec, long[] values, long[][] limbs, LookupWitness lookup) {
    public RangeCheckWitness {
        values = values.clone();
        limbs = limbs.clone();
        for (int i = 0; i < limbs.length; i++) {
            limbs[i] = limbs[i].clone();
            if (limbs[i].length != values.length) {
                throw new IllegalArgumentException("limb columns must have the values' length");
            }
        }
        if (limbs.length != spec.limbs()) {
            throw new IllegalArgumentException("expected " + spec.limbs() + " limbs, got " + limbs.length);
        }
    }

    /**
     * Splits the values (field elements; read as signed if the spec is) into limbs and counts lookups. Throws
     * if a value is out of range, since its last limb then misses the table: an honest prover stops here.
     */
    public static RangeCheckWitness of(RangeCheckSpec spec, long[] values) {
        long[][] limbs = split(spec, values);
        return new RangeCheckWitness(spec, padded(values), limbs,
                LookupWitness.of(RangeTable.limbs(), new long[][] {lookedUpColumn(spec, limbs)}));
    }

    /** Limb columns of the padded values; an out-of-range value gets an oversized (or wrapped) last limb. */
    static long[][] split(RangeCheckSpec spec, long[] values) {
        long[] v = padded(values);
        int k = spec.limbs();
        long[][] limbs = new long[k][v.length];
        for (int i = 0; i < v.length; i++) {
            long shifted = (spec.signed() ? Goldilocks.toSigned(v[i]) : v[i]) + spec.offset();
            for (int l = 0; l < k - 1; l++) {
                limbs[l][i] = (shifted >>> (RangeTable.LIMB_BITS * l)) & 0xFFFF;
            }
            limbs[k - 1][i] = Goldilocks.reduce64(shifted >>> (RangeTable.LIMB_BITS * (k - 1)));
        }
        return limbs;
    }

    /** The column the lookup sees: limb blocks, then the shifted last limb if needed, then zero blocks. */
    static long[] lookedUpColumn(RangeCheckSpec spec, long[][] limbs) {
        int n = limbs[0].length;
        long[] column = new long[n << spec.blockVariables()];
        for (int l = 0; l < limbs.length; l++) {
            System.arraycopy(limbs[l], 0, column, l * n, n);
        }
        if (spec.shiftsLastLimb()) {
            long[] last = limbs[limbs.length - 1];
            for (int i = 0; i < n; i++) {
                column[limbs.length * n + i] = Goldilocks.mul(last[i], spec.lastLimbShift());
            }
        }
        return column;
    }

    static long[] padded(long[] values) {
        int n = values.length;
        return Arrays.copyOf(values, n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1);
    }

    public int numVariables() {
        return io.edgeproof.commit.poly.Multilinear.numVariables(values.length);
    }

    @Override
    public long[] values() {
        return values.clone();
    }

    @Override
    public long[][] limbs() {
        long[][] copy = limbs.clone();
        for (int i = 0; i < copy.length; i++) {
            copy[i] = copy[i].clone();
        }
        return copy;
    }

    long[] limb(int i) {
        return limbs[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RangeCheckWitness w && w.spec.equals(spec) && Arrays.equals(w.values, values)
                && Arrays.deepEquals(w.limbs, limbs) && w.lookup.equals(lookup);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values) * 31 + spec.hashCode();
    }

    @Override
    public String toString() {
        return "RangeCheckWitness[" + spec + ", size=" + values.length + "]";
    }
}
