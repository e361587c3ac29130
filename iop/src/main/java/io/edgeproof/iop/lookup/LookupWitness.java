package io.edgeproof.iop.lookup;

import io.edgeproof.commit.poly.Multilinear;
import java.util.Arrays;

/**
 * The prover's lookup data: witness columns padded to a power of two, and the multiplicity of each table
 * row. The caller commits to both (the padded columns, exactly as here) and absorbs the commitments before
 * proving, since the challenges alpha and beta must not be known when they are fixed.
 *
 * <p>Padding repeats table row 0, so the padded rows are lookups like any other and {@link #of} counts them
 * in row 0's multiplicity.
 */
public record LookupWitness(long[][] columns, long[] multiplicities) {
    public LookupWitness {
        if (columns.length == 0) {
            throw new IllegalArgumentException("a witness needs at least one column");
        }
        int size = columns[0].length;
        Multilinear.numVariables(size);
        columns = columns.clone();
        for (int c = 0; c < columns.length; c++) {
            if (columns[c].length != size) {
                throw new IllegalArgumentException("witness columns have different lengths");
            }
            columns[c] = columns[c].clone();
        }
        Multilinear.numVariables(multiplicities.length);
        multiplicities = multiplicities.clone();
    }

    /** Pads the columns with table row 0 and counts multiplicities; rejects a row that is not in the table. */
    public static LookupWitness of(LookupTable table, long[][] columns) {
        long[][] padded = pad(table, columns);
        long[] counts = new long[table.size()];
        for (int i = 0; i < padded[0].length; i++) {
            int row = table.rowIndex(padded, i);
            if (row < 0) {
                throw new IllegalArgumentException("witness row " + i + " is not in table " + table.name());
            }
            counts[row]++;
        }
        return new LookupWitness(padded, counts);
    }

    /** The columns padded to the next power of two (at least 1) with table row 0. */
    public static long[][] pad(LookupTable table, long[][] columns) {
        if (columns.length != table.numColumns()) {
            throw new IllegalArgumentException("witness has " + columns.length + " columns, table " + table.numColumns());
        }
        int n = columns[0].length;
        int size = n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
        long[][] padded = new long[columns.length][];
        for (int c = 0; c < columns.length; c++) {
            if (columns[c].length != n) {
                throw new IllegalArgumentException("witness columns have different lengths");
            }
            padded[c] = Arrays.copyOf(columns[c], size);
            Arrays.fill(padded[c], n, size, table.entry(c, 0));
        }
        return padded;
    }

    public int numVariables() {
        return Multilinear.numVariables(columns[0].length);
    }

    public int numColumns() {
        return columns.length;
    }

    @Override
    public long[][] columns() {
        long[][] copy = columns.clone();
        for (int c = 0; c < copy.length; c++) {
            copy[c] = copy[c].clone();
        }
        return copy;
    }

    @Override
    public long[] multiplicities() {
        return multiplicities.clone();
    }

    long[] column(int c) {
        return columns[c];
    }

    long[] counts() {
        return multiplicities;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LookupWitness w && Arrays.deepEquals(w.columns, columns)
                && Arrays.equals(w.multiplicities, multiplicities);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(columns) * 31 + Arrays.hashCode(multiplicities);
    }

    @Override
    public String toString() {
        return "LookupWitness[columns=" + columns.length + ", size=" + columns[0].length + "]";
    }
}
