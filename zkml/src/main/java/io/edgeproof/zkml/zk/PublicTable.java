package io.edgeproof.zkml.zk;

import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;

/**
 * A table both sides know, over a set of axes of a check's cube (bit mask): eq tables of challenges,
 * per-channel requantization constants, selectors, the public input or outputs. The verifier evaluates its
 * multilinear extension itself, in O(size).
 */
record PublicTable(int axes, long[] values, boolean ext) {
    PublicTable {
        int size = ext ? values.length / 3 : values.length;
        if (Integer.bitCount(size) != 1 || (ext && values.length % 3 != 0)) {
            throw new IllegalArgumentException("a public table has a power-of-two number of entries");
        }
    }

    static PublicTable base(int axes, long[] values) {
        return new PublicTable(axes, values, false);
    }

    static PublicTable ext(int axes, long[] interleaved) {
        return new PublicTable(axes, interleaved, true);
    }

    /** The constant table over no axis. */
    static PublicTable scalar(Ext3 value) {
        return ext(0, new long[] {value.c0(), value.c1(), value.c2()});
    }

    int size() {
        return ext ? values.length / 3 : values.length;
    }

    Ext3 get(int index) {
        return ext ? Ext3.read(values, index) : Ext3.ofBase(values[index]);
    }

    /** The multilinear extension at a point over this table's own variables. */
    Ext3 evaluate(long[] point) {
        return ext ? Multilinear.evaluateExt(values, point) : Multilinear.evaluate(values, point);
    }
}
