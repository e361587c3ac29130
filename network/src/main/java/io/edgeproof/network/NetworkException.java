package io.edgeproof.network;

/** A request the network cannot serve: missing content, unknown device or node, data that does not check out. */
public class NetworkException extends RuntimeException {
    public NetworkException(String message) {
        super(message);
    }
}
