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
    uint8 constant RESULT_OVERTURNED = 7;
    uint8 constant WRONG_ATTESTATION = 8;
    uint8 constant NODE_OFFLINE = 9;
    uint8 constant JOB_RELEASED = 10;
    uint8 constant NOT_ASSIGNED_NODE = 11;
    uint8 constant DUPLICATE_SUBMISSION = 12;
    uint8 constant JOB_NOT_OPEN = 13;
    uint8 constant JOB_ALREADY_ASSIGNED = 14;
    uint8 constant NODE_EXCLUDED = 15;
    uint8 constant NODE_NOT_ELIGIBLE = 16;
    uint8 constant UNKNOWN_JOB = 17;
    uint8 constant UNKNOWN_NODE = 18;
    uint8 constant UNKNOWN_MODEL = 19;
    uint8 constant UNKNOWN_DEVICE = 20;
    uint8 constant BAD_DEVICE_SIGNATURE = 21;
    uint8 constant REPLAYED_READING = 22;
    uint8 constant INSUFFICIENT_ESCROW = 23;
    uint8 constant INSUFFICIENT_BALANCE = 24;
    uint8 constant STAKE_TOO_LOW = 25;
    uint8 constant ALREADY_REGISTERED = 26;
    uint8 constant MALFORMED_VERIFIER_KEY = 27;
    uint8 constant BAD_PUBLIC_KEY = 28;
    uint8 constant UNBONDING_NOT_FINISHED = 29;
    uint8 constant INVALID_REQUEST = 30;
    uint8 constant RELEASE_TOO_LATE = 31;
    uint8 constant EPOCH_NOT_OVER = 32;
    uint8 constant EPOCH_ALREADY_CLOSED = 33;
    uint8 constant EPOCH_NOT_CLOSED = 34;
    uint8 constant NO_REWARD = 35;
    uint8 constant REWARD_ALREADY_CLAIMED = 36;
    uint8 constant NOT_CHALLENGEABLE = 37;
    uint8 constant CHALLENGE_WINDOW_CLOSED = 38;
    uint8 constant BOND_TOO_SMALL = 39;
    uint8 constant ALREADY_CHALLENGED = 40;
    uint8 constant NO_OPEN_CHALLENGE = 41;
    uint8 constant NOT_ARBITER = 42;
    uint8 constant UNKNOWN_FEED = 43;
    uint8 constant NOT_FEED_OWNER = 44;
    uint8 constant FEED_CLOSED = 45;
    uint8 constant FEED_BUDGET_EXHAUSTED = 46;
    uint8 constant WRONG_FEED_DEVICE = 47;
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
    uint8 constant JOB_RELEASED_EVENT = 15;
    uint8 constant EPOCH_CLOSED = 16;
    uint8 constant REWARD_PAID = 17;
    uint8 constant VERIFIER_PAID = 18;
    uint8 constant CHALLENGE_OPENED = 19;
    uint8 constant CHALLENGE_UPHELD = 20;
    uint8 constant CHALLENGE_REJECTED = 21;
    uint8 constant FEED_OPENED = 22;
    uint8 constant FEED_CLOSED_EVENT = 23;
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
