package io.edgeproof.field.codec;

/**
 * Bytes that do not decode to a well-formed proof object: truncated, oversized, non-canonical, wrong
 * version or trailing garbage. The message says what was expected and at which offset, so a CLI can show
 * it as is.
 */
public final class MalformedProofException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedProofException(String message) {
        super(message);
    }
}
