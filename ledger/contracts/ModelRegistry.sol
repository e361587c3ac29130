// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {LedgerLog, Codes} from "./Ledger.sol";

/// Model id -> verifier key hash and owner. The key itself is published in the VerifierKey event, where the
/// verifier nodes fetch it; they check that its hash matches before they verify against it.
contract ModelRegistry is LedgerLog {
    struct Model {
        address owner;
        bytes32 keyHash;
        uint64 registeredAt;
    }

    event VerifierKey(bytes32 indexed modelId, bytes key);

    mapping(bytes32 => Model) public models;

    function register(bytes32 modelId, bytes calldata verifierKey) external {
        _require(models[modelId].owner == address(0), Codes.ALREADY_REGISTERED);
        models[modelId] = Model(msg.sender, keccak256(verifierKey), uint64(block.timestamp));
        emit VerifierKey(modelId, verifierKey);
        _log(Codes.MODEL_REGISTERED, 0, msg.sender, 0, Codes.NONE);
    }

    function exists(bytes32 modelId) external view returns (bool) {
        return models[modelId].owner != address(0);
    }
}
