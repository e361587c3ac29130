package io.edgeproof.iop.sumcheck;

import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import io.edgeproof.field.Ext3Vec;

/**
 * The evaluations of a multilinear polynomial over {0,1}^n, either in the base field ({@code long[]} of
 * length 2^n) or in the extension (interleaved {@code long[]} of length 3 * 2^n). Provers keep base tables
 * in the base field for the first round, where that is three to nine times cheaper.
 *
 * <p>The array is shared, not copied: provers read it and never write it.
 */
public record MultilinearTable(long[] values, boolean extension) {
    public MultilinearTable {
        if (values == null) {
            throw new IllegalArgumentException("table values are null");
        }
        if (extension && values.length % 3 != 0) {
            throw new IllegalArgumentException("an extension table needs a multiple of 3 longs, got " + values.length);
        }
        Multilinear.numVariables(extension ? values.length / 3 : values.length);
    }

    public static MultilinearTable base(long[] values) {
        return new MultilinearTable(values, false);
    }

    public static MultilinearTable ext(long[] interleaved) {
        return new MultilinearTable(interleaved, true);
    }

    public int size() {
        return extension ? values.length / 3 : values.length;
    }

    public int numVariables() {
        return Multilinear.numVariables(size());
    }

    /** Entry {@code index} as an extension element. */
    public Ext3 get(int index) {
        return extension ? Ext3.read(values, index) : Ext3.ofBase(values[index]);
    }

    /** The polynomial at an extension point (r_1 first), in O(2^n). */
    public Ext3 evaluate(long[] point) {
        return extension ? Multilinear.evaluateExt(values, point) : Multilinear.evaluate(values, point);
    }

    /** The table of P(r, x_2, ..., x_n) (always in the extension): binds x_1, in parallel, branch-free. */
    public MultilinearTable fold(Ext3 r) {
        if (size() < 2) {
            throw new IllegalStateException("no variable left to bind");
        }
        return ext(Folding.fold(values, extension, size() / 2, r));
    }

    /** The table as an interleaved extension vector (a copy when the table is in the base field). */
    long[] asExtension() {
        return extension ? values : Ext3Vec.fromBase(values);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MultilinearTable t && t.extension == extension && java.util.Arrays.equals(t.values, values);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(values) * 2 + (extension ? 1 : 0);
    }

    @Override
    public String toString() {
        return "MultilinearTable[" + (extension ? "ext" : "base") + ", size=" + size() + "]";
    }
}
