package io.edgeproof.network.keys;

/** A key file that cannot be written or opened: wrong password, altered or unreadable file, weak password. */
public final class KeyFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KeyFileException(String message) {
        super(message);
    }
}
