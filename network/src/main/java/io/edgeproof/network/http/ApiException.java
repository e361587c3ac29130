package io.edgeproof.network.http;

/**
 * A refused API request: the HTTP status, a stable machine-readable code (an API code such as
 * {@code BAD_SIGNATURE}, or a ledger {@link io.edgeproof.ledger.Fault} name) and a sentence for people.
 * The gateway sends it as {@code {"error": message, "code": code}}; the client throws it back.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    static ApiException malformed(String message) {
        return new ApiException(400, "MALFORMED_REQUEST", message);
    }

    static ApiException unauthenticated(String code, String message) {
        return new ApiException(401, code, message);
    }

    @Override
    public String toString() {
        return code + " (" + status + "): " + getMessage();
    }
}
