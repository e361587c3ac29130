package io.edgeproof.ledger;

/** A proof failed verification; {@code fault} is INVALID_PROOF, MALFORMED_PROOF or WRONG_MODEL. */
public final class ProofRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final Fault fault;

    public ProofRejectedException(Fault fault, String detail) {
        super(fault.name() + ": " + detail);
        this.fault = fault;
    }

    public Fault fault() {
        return fault;
    }
}
