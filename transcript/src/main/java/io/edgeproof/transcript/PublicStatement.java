package io.edgeproof.transcript;

/**
 * Everything the verifier knows before the proof starts: commitments, claimed values, shapes, scales,
 * flags, caller context. A {@link Transcript} can only be opened on a statement, and the statement is
 * bound in full before the transcript is handed out, so no challenge can be drawn before the public
 * values are absorbed ("frozen heart" attacks).
 */
@FunctionalInterface
public interface PublicStatement {
    void bindTo(StatementBinder binder);

    /** A statement with no public values beyond the domain separator (for tests and sub-protocol benches). */
    static PublicStatement none() {
        return binder -> binder.u64("empty-statement", 0);
    }
}
