package io.edgeproof.transcript;

/**
 * A proof was rejected. Verifiers never return {@code false}: they return what they proved or throw this,
 * with a machine-readable {@link Reason} that tests assert on and a detail for people.
 */
public final class VerificationException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a proof was rejected; each protocol has an enum of its reasons. */
    public interface Reason {
        String name();
    }

    private final transient Reason reason;

    public VerificationException(Reason reason, String detail) {
        super(reason.name() + ": " + detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
