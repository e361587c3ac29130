package io.edgeproof.transcript;

/** Rejections raised by the transcript itself. */
public enum TranscriptReason implements VerificationException.Reason {
    /** The proof-of-work nonce does not reach the required number of leading zero bits. */
    INSUFFICIENT_WORK
}
