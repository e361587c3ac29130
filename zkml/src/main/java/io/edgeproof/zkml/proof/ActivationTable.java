package io.edgeproof.zkml.proof;

import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import io.edgeproof.field.Goldilocks;
import io.edgeproof.iop.lookup.LookupTable;

/**
 * The rows (j, T[j]) of a 2^16-entry activation table, j = x + 2^15. The index column's extension is
 * sum_i 2^(i-1) z_i (O(16) for the verifier); the value column is evaluated from its entries (O(2^16)).
 * Its entries are bound by the model id (the circuit encodes the table).
 */
final class ActivationTable implements LookupTable {
    private final long[] values;

    ActivationTable(int[] table) {
        values = new long[table.length];
        for (int j = 0; j < table.length; j++) {
            values[j] = Goldilocks.fromSigned(table[j]);
        }
    }

    @Override
    public int numVariables() {
        return 16;
    }

    @Override
    public int numColumns() {
        return 2;
    }

    @Override
    public long entry(int column, int row) {
        return column == 0 ? row : values[row];
    }

    @Override
    public int rowIndex(long[][] columns, int index) {
        long j = columns[0][index];
        return j >= 0 && j < values.length && values[(int) j] == columns[1][index] ? (int) j : -1;
    }

    @Override
    public Ext3 evaluateColumn(int column, long[] point) {
        if (column == 1) {
            return Multilinear.evaluate(values, point);
        }
        Ext3 sum = Ext3.ZERO;
        for (int i = 0; i < numVariables(); i++) {
            sum = sum.add(Ext3.read(point, i).mulBase(1L << i));
        }
        return sum;
    }

    @Override
    public String name() {
        return "zkml-activation-table";
    }

    long value(int row) {
        return values[row];
    }
}
