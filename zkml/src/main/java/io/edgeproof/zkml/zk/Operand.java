package io.edgeproof.zkml.zk;

/**
 * Something a check's forms read, over some axes of its cube:
 * <ul>
 *   <li>{@code HIDDEN}: a committed column read through its one-time masked extension
 *       f*(x, b) = (1 - b) f(x) + b sigma; the prover reveals f*(rho, c), a claim on the column's polynomial;
 *   <li>{@code CLEAR}: a committed public column (public weights), revealed in the clear at rho;
 *   <li>{@code PUBLIC}: a {@link PublicTable} the verifier evaluates itself.
 * </ul>
 * Column ids index the plan's columns; the column's own table is indexed by its axes in cube order.
 */
record Operand(Kind kind, int column, int axes, PublicTable table) {
    enum Kind { HIDDEN, CLEAR, PUBLIC }

    static Operand hidden(int column, int axes) {
        return new Operand(Kind.HIDDEN, column, axes, null);
    }

    static Operand clear(int column, int axes) {
        return new Operand(Kind.CLEAR, column, axes, null);
    }

    static Operand publicTable(PublicTable table) {
        return new Operand(Kind.PUBLIC, -1, table.axes(), table);
    }

    /** Whether the proof carries a value for this operand. */
    boolean revealed() {
        return kind != Kind.PUBLIC;
    }
}
