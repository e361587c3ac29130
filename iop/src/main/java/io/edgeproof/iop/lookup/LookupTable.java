package io.edgeproof.iop.lookup;

import io.edgeproof.field.Ext3;

/**
 * A fixed lookup table of 2^n rows and one or more columns of canonical field elements, known to prover
 * and verifier. The verifier never reads the rows: it only evaluates each column's multilinear extension
 * at one point, so a table with a structured extension (a range, an identity) costs it O(n).
 */
public interface LookupTable {
    int numVariables();

    int numColumns();

    /** Entry {@code row} of {@code column}. */
    long entry(int column, int row);

    /** The row equal to (columns[0][index], columns[1][index], ...), or -1 if the table has no such row. */
    int rowIndex(long[][] columns, int index);

    /** Column {@code column}'s multilinear extension at an extension point (r_1 first). */
    Ext3 evaluateColumn(int column, long[] point);

    /** A name for error messages and transcripts. */
    String name();

    default int size() {
        return 1 << numVariables();
    }
}
