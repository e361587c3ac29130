// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// Codes shared with the Java side: a fault's number is its ordinal in io.edgeproof.ledger.Fault, an event's
/// kind its ordinal in io.edgeproof.ledger.EventType (EvmCodesTest checks both lists against the enums).
library Codes {
    uint8 constant INVALID_PROOF = 0;
    uint8 constant MALFORMED_PROOF = 1;
    uint8 constant WRONG_MODEL = 2;
    uint8 constant WRONG_INPUT_BINDING = 3;
    uint8 constant OUTPUT_MISMATCH = 4;
    uint8 constant REPLAYED_RESULT = 5;
    uint8 constant DEADLINE_MISSED = 6;
    uint8 constant NODE_OFFLINE = 7;
    uint8 constant NOT_ASSIGNED_NODE = 8;
    uint8 constant DUPLICATE_SUBMISSION = 9;
    uint8 constant JOB_NOT_OPEN = 10;
    uint8 constant JOB_ALREADY_ASSIGNED = 11;
    uint8 constant NODE_EXCLUDED = 12;
    uint8 constant NODE_NOT_ELIGIBLE = 13;
    uint8 constant UNKNOWN_JOB = 14;
    uint8 constant UNKNOWN_NODE = 15;
    uint8 constant UNKNOWN_MODEL = 16;
    uint8 constant UNKNOWN_DEVICE = 17;
    uint8 constant BAD_DEVICE_SIGNATURE = 18;
    uint8 constant REPLAYED_READING = 19;
    uint8 constant INSUFFICIENT_ESCROW = 20;
    uint8 constant INSUFFICIENT_BALANCE = 21;
    uint8 constant STAKE_TOO_LOW = 22;
    uint8 constant ALREADY_REGISTERED = 23;
    uint8 constant MALFORMED_VERIFIER_KEY = 24;
    uint8 constant BAD_PUBLIC_KEY = 25;
    uint8 constant UNBONDING_NOT_FINISHED = 26;
    uint8 constant INVALID_REQUEST = 27;
    /// Not a fault: "none" in logs and "the proof verifies" in attestations.
    uint8 constant NONE = 255;

    uint8 constant MINTED = 0;
    uint8 constant NODE_REGISTERED = 1;
    uint8 constant NODE_HEARTBEAT_RESTORED = 2;
    uint8 constant NODE_OFFLINE_EVENT = 3;
    uint8 constant NODE_UNBONDING = 4;
    uint8 constant STAKE_WITHDRAWN = 5;
    uint8 constant MODEL_REGISTERED = 6;
    uint8 constant DEVICE_REGISTERED = 7;
    uint8 constant JOB_POSTED = 8;
    uint8 constant JOB_ASSIGNED = 9;
    uint8 constant JOB_REASSIGNED = 10;
    uint8 constant JOB_PAID = 11;
    uint8 constant NODE_FAULTED = 12;
    uint8 constant NODE_SLASHED = 13;
    uint8 constant JOB_REFUNDED = 14;
}

/// A refused operation: nothing changed. The Java side turns it into LedgerException(fault).
error Rejected(uint8 fault);

/// The one log every contract writes; the Java side numbers these entries in chain order.
abstract contract LedgerLog {
    event Logged(uint8 kind, uint64 jobId, address account, uint64 amount, uint8 fault, uint64 time);

    function _log(uint8 kind, uint64 jobId, address account, uint64 amount, uint8 fault) internal {
        emit Logged(kind, jobId, account, amount, fault, uint64(block.timestamp));
    }

    function _require(bool ok, uint8 fault) internal pure {
        if (!ok) revert Rejected(fault);
    }
}
