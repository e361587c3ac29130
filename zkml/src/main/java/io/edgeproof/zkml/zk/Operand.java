package io.edgeproof.zkml.zk;

/**
 * Something a check's forms read, over some axes of its cube:
 * <ul>
 *   <li>{@code HIDDEN}: a committed column read through its one-time masked extension
 *       f*(x, b) = (1 - b) f(x) + b sigma; the prover reveals f*(rho, c), a claim on the column's polynomial;
 *   <li>{@code CLEAR}: a committed public column (public weights), revealed in the clear at rho;
 *   <li>{@code PUBLIC}: a {@link PublicTable} the verifier evaluates itself.
 * </ul>
 * Column ids index the plan's columns; the column's own table is indexed by its axes in cube order, or, with an
 * {@code order} (hidden columns of a tabulated check only), by the fields of the axes listed low to high.
 */
record Operand(Kind kind, int column, int axes, PublicTable table, int[] order) {
    enum Kind { HIDDEN, CLEAR, PUBLIC }

    Operand {
        order = order == null ? null : order.clone();
    }

    static Operand hidden(int column, int axes) {
        return new Operand(Kind.HIDDEN, column, axes, null, null);
    }

    /** A hidden column whose bits are the fields of {@code order}'s axes, low to high. */
    static Operand hidden(int column, int[] order) {
        int axes = 0;
        for (int a : order) {
            axes |= 1 << a;
        }
        return new Operand(Kind.HIDDEN, column, axes, null, order);
    }

    static Operand clear(int column, int axes) {
        return new Operand(Kind.CLEAR, column, axes, null, null);
    }

    static Operand publicTable(PublicTable table) {
        return new Operand(Kind.PUBLIC, -1, table.axes(), table, null);
    }

    /** The entry of this operand's table at cube point {@code i}. */
    int index(Cube cube, int i) {
        return order == null ? cube.project(i, axes) : cube.projectOrdered(i, order);
    }

    /** This operand's own point within a point of the cube. */
    long[] point(Cube cube, long[] point) {
        return order == null ? cube.restrict(point, axes) : cube.restrictOrdered(point, order);
    }

    /** Whether the proof carries a value for this operand. */
    boolean revealed() {
        return kind != Kind.PUBLIC;
    }
}
