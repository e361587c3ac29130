package io.edgeproof.transcript;

/**
 * Names the protocol and its version at the start of every transcript, so that a proof made for one
 * protocol (or one version of it) can never be accepted by another.
 */
public record DomainSeparator(String protocol, int version) {
    public DomainSeparator {
        if (protocol == null || protocol.isBlank() || protocol.length() > 128) {
            throw new IllegalArgumentException("domain separator needs a protocol name of 1..128 characters");
        }
        if (version < 0) {
            throw new IllegalArgumentException("domain separator version must be non-negative");
        }
    }
}
