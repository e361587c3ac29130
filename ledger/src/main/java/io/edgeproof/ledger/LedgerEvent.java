package io.edgeproof.ledger;

/**
 * One entry of the ledger's append-only log, numbered from 1. {@code jobId} is 0 and {@code address},
 * {@code fault} null when not relevant; {@code detail} says what happened in words.
 */
public record LedgerEvent(long seq, long time, EventType type, long jobId, Address address, long amount,
                          Fault fault, String detail) {}
