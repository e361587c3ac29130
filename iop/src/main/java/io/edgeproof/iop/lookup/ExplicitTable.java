package io.edgeproof.iop.lookup;

import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import io.edgeproof.field.Goldilocks;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A table given by its rows, for tables without a structured extension (activation tables, small maps).
 * The verifier evaluates a column in O(2^n); the prover finds rows through a hash index. A table whose
 * size is not a power of two must be padded by its creator, e.g. by repeating a row (a repeated row only
 * receives multiplicity at its first occurrence, which is sound).
 */
public final class ExplicitTable implements LookupTable {
    private final String name;
    private final long[][] columns;
    private final Map<List<Long>, Integer> rows = new HashMap<>();

    public ExplicitTable(String name, long[][] columns) {
        if (columns.length == 0) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        this.name = name;
        this.columns = new long[columns.length][];
        int size = columns[0].length;
        Multilinear.numVariables(size);
        for (int c = 0; c < columns.length; c++) {
            if (columns[c].length != size) {
                throw new IllegalArgumentException("table columns have different lengths");
            }
            for (long v : columns[c]) {
                Goldilocks.checkCanonical(v);
            }
            this.columns[c] = columns[c].clone();
        }
        for (int row = 0; row < size; row++) {
            rows.putIfAbsent(key(this.columns, row), row);
        }
    }

    private static List<Long> key(long[][] columns, int index) {
        Long[] k = new Long[columns.length];
        for (int c = 0; c < columns.length; c++) {
            k[c] = columns[c][index];
        }
        return Arrays.asList(k);
    }

    @Override
    public int numVariables() {
        return Multilinear.numVariables(columns[0].length);
    }

    @Override
    public int numColumns() {
        return columns.length;
    }

    @Override
    public long entry(int column, int row) {
        return columns[column][row];
    }

    @Override
    public int rowIndex(long[][] witness, int index) {
        return rows.getOrDefault(key(witness, index), -1);
    }

    @Override
    public Ext3 evaluateColumn(int column, long[] point) {
        return Multilinear.evaluate(columns[column], point);
    }

    @Override
    public String name() {
        return name;
    }
}
