package io.edgeproof.network.http;

/** The gateway did not answer (refused connection, timeout, reset): worth retrying, unlike an {@link ApiException}. */
public final class GatewayUnreachableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GatewayUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
