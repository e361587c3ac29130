package io.edgeproof.zkml.zk;

import java.util.Arrays;

/**
 * The variables of one masked zero-check: axes of {@code vars[a]} variables each, low to high (e.g. the inner
 * index k, the output channel n, the row), then the mask variable b on top. A table over a set of axes
 * (a bit mask, axis a = bit a) is indexed by those axes' bits in axis order, so a tensor laid out as
 * (col, row) is a table over (channel axis, row axis) without reshuffling.
 */
record Cube(int[] vars) {
    /** Structured provers never tabulate the cube, so it may be larger than any table. */
    static final int MAX_VARIABLES = 60;

    Cube {
        vars = vars.clone();
        for (int v : vars) {
            if (v < 0) {
                throw new IllegalArgumentException("negative axis size");
            }
        }
        if (Arrays.stream(vars).sum() > MAX_VARIABLES) {
            throw new IllegalArgumentException("a check over more than 2^" + MAX_VARIABLES + " points");
        }
    }

    static Cube of(int... vars) {
        return new Cube(vars);
    }

    int axes() {
        return vars.length;
    }

    /** Variables without the mask variable. */
    int numVariables() {
        return Arrays.stream(vars).sum();
    }

    /** Variables of a table over the axes in {@code mask}. */
    int vars(int mask) {
        int n = 0;
        for (int a = 0; a < vars.length; a++) {
            if ((mask & (1 << a)) != 0) {
                n += vars[a];
            }
        }
        return n;
    }

    /** The index, in a table over {@code mask}, of cube point {@code i} (mask variable excluded). */
    int project(int i, int mask) {
        int out = 0;
        int at = 0;
        int from = 0;
        for (int a = 0; a < vars.length; a++) {
            if ((mask & (1 << a)) != 0) {
                out |= ((i >>> from) & ((1 << vars[a]) - 1)) << at;
                at += vars[a];
            }
            from += vars[a];
        }
        return out;
    }

    /**
     * The index, in a table whose bits are the fields of the axes {@code order} (low to high, in any order),
     * of cube point {@code i}: a column laid out in another order than the cube's.
     */
    int projectOrdered(int i, int[] order) {
        int out = 0;
        int at = 0;
        for (int a : order) {
            out |= ((i >>> offset(a)) & ((1 << vars[a]) - 1)) << at;
            at += vars[a];
        }
        return out;
    }

    /** The coordinates of an interleaved point for a table laid out as the fields of {@code order}. */
    long[] restrictOrdered(long[] point, int[] order) {
        int n = 0;
        for (int a : order) {
            n += vars[a];
        }
        long[] out = new long[3 * n];
        int at = 0;
        for (int a : order) {
            System.arraycopy(point, 3 * offset(a), out, 3 * at, 3 * vars[a]);
            at += vars[a];
        }
        return out;
    }

    /** Entry {@code u} of a table over {@code axes} in cube order, as an index in the fields of {@code order}. */
    int reorder(int u, int axes, int[] order) {
        int[] field = new int[vars.length];
        int from = 0;
        for (int a = 0; a < vars.length; a++) {
            if ((axes & (1 << a)) != 0) {
                field[a] = (u >>> from) & ((1 << vars[a]) - 1);
                from += vars[a];
            }
        }
        int out = 0;
        int at = 0;
        for (int a : order) {
            out |= field[a] << at;
            at += vars[a];
        }
        return out;
    }

    private int offset(int axis) {
        int o = 0;
        for (int a = 0; a < axis; a++) {
            o += vars[a];
        }
        return o;
    }

    /** The coordinates of an interleaved point (of numVariables() or more) that belong to {@code mask}. */
    long[] restrict(long[] point, int mask) {
        long[] out = new long[3 * vars(mask)];
        int at = 0;
        int from = 0;
        for (int a = 0; a < vars.length; a++) {
            if ((mask & (1 << a)) != 0) {
                System.arraycopy(point, 3 * from, out, 3 * at, 3 * vars[a]);
                at += vars[a];
            }
            from += vars[a];
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cube c && Arrays.equals(c.vars, vars);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(vars);
    }

    @Override
    public String toString() {
        return "Cube" + Arrays.toString(vars);
    }
}
