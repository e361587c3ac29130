package io.edgeproof.ledger;

/** The ledger refused an operation; nothing was changed. */
public final class LedgerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Fault fault;

    public LedgerException(Fault fault, String detail) {
        super(fault.name() + ": " + detail);
        this.fault = fault;
    }

    public Fault fault() {
        return fault;
    }
}
