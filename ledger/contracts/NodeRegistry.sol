// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {LedgerLog, Codes} from "./Ledger.sol";

/// Provider and verifier nodes: stake, liveness, unbonding. Only the job market (set once by the deployer)
/// moves jobs in and out of a node and slashes it; slashed tokens stay here in the slashed pool.
contract NodeRegistry is LedgerLog {
    uint8 constant ONLINE = 0;
    uint8 constant OFFLINE = 1;
    uint8 constant UNBONDING = 2;
    uint8 constant EXITED = 3;
    uint64 constant REPUTATION_PENALTY = 10;

    struct Node {
        bool exists;
        uint8 status;
        uint64 stake;
        uint64 reputation;
        uint64 lastHeartbeat;
        uint64 unbondAt;
        uint32 activeJobs;
        uint64 slashedTotal;
        uint64 earnedTotal;
        uint32 cores;
        uint64 memoryMb;
        uint32 gpus;
        uint64 storageGb;
    }

    IERC20 public immutable token;
    address public immutable deployer;
    uint64 public immutable minStake;
    uint16 public immutable slashBps;
    uint64 public immutable heartbeatTimeout;
    uint64 public immutable unbondingPeriod;
    address public market;
    uint64 public slashedPool;

    mapping(address => Node) private nodes;
    mapping(address => bytes32[]) private served;
    mapping(address => mapping(bytes32 => bool)) private serves;
    address[] public nodeList;

    constructor(IERC20 token_, uint64 minStake_, uint16 slashBps_, uint64 heartbeatTimeout_, uint64 unbondingPeriod_) {
        token = token_;
        deployer = msg.sender;
        minStake = minStake_;
        slashBps = slashBps_;
        heartbeatTimeout = heartbeatTimeout_;
        unbondingPeriod = unbondingPeriod_;
    }

    function setMarket(address market_) external {
        require(msg.sender == deployer && market == address(0), "set once by the deployer");
        market = market_;
    }

    modifier onlyMarket() {
        require(msg.sender == market, "market only");
        _;
    }

    function register(uint64 stake, uint32 cores, uint64 memoryMb, uint32 gpus, uint64 storageGb,
                      bytes32[] calldata models) external {
        _require(stake >= minStake, Codes.STAKE_TOO_LOW);
        _require(!nodes[msg.sender].exists, Codes.ALREADY_REGISTERED);
        _require(token.balanceOf(msg.sender) >= stake && token.allowance(msg.sender, address(this)) >= stake,
                 Codes.INSUFFICIENT_BALANCE);
        token.transferFrom(msg.sender, address(this), stake);
        nodes[msg.sender] = Node(true, ONLINE, stake, 0, uint64(block.timestamp), 0, 0, 0, 0, cores, memoryMb, gpus,
                                 storageGb);
        for (uint256 i = 0; i < models.length; i++) {
            if (!serves[msg.sender][models[i]]) {
                serves[msg.sender][models[i]] = true;
                served[msg.sender].push(models[i]);
            }
        }
        nodeList.push(msg.sender);
        _log(Codes.NODE_REGISTERED, 0, msg.sender, stake, Codes.NONE);
    }

    function heartbeat() external {
        Node storage n = _existing(msg.sender);
        _require(n.status != EXITED, Codes.NODE_NOT_ELIGIBLE);
        n.lastHeartbeat = uint64(block.timestamp);
        if (n.status == OFFLINE) {
            n.status = ONLINE;
            _log(Codes.NODE_HEARTBEAT_RESTORED, 0, msg.sender, 0, Codes.NONE);
        }
    }

    function unbond() external {
        Node storage n = _existing(msg.sender);
        _require(n.status == ONLINE || n.status == OFFLINE, Codes.NODE_NOT_ELIGIBLE);
        n.status = UNBONDING;
        n.unbondAt = uint64(block.timestamp) + unbondingPeriod;
        _log(Codes.NODE_UNBONDING, 0, msg.sender, n.stake, Codes.NONE);
    }

    /// Stake stays slashable until this call: after the unbonding period and with no job held.
    function withdraw() external {
        Node storage n = _existing(msg.sender);
        _require(n.status == UNBONDING && block.timestamp >= n.unbondAt && n.activeJobs == 0,
                 Codes.UNBONDING_NOT_FINISHED);
        uint64 stake = n.stake;
        n.stake = 0;
        n.status = EXITED;
        token.transfer(msg.sender, stake);
        _log(Codes.STAKE_WITHDRAWN, 0, msg.sender, stake, Codes.NONE);
    }

    /// Anyone may apply time: marks ONLINE nodes whose heartbeat is older than the timeout OFFLINE.
    function markSilentOffline() external {
        for (uint256 i = 0; i < nodeList.length; i++) {
            Node storage n = nodes[nodeList[i]];
            if (n.status == ONLINE && _silent(n)) {
                n.status = OFFLINE;
                _log(Codes.NODE_OFFLINE_EVENT, 0, nodeList[i], 0, Codes.NONE);
            }
        }
    }

    // --- the market's view of nodes -------------------------------------------------------------------------

    function exists(address node) external view returns (bool) {
        return nodes[node].exists;
    }

    function assignable(address node, bytes32 model) external view returns (bool) {
        Node storage n = nodes[node];
        return n.status == ONLINE && !_silent(n) && n.stake >= minStake && serves[node][model];
    }

    /// A verifier node: staked at least the minimum and neither unbonding nor exited.
    function canAttest(address node) external view returns (bool) {
        Node storage n = nodes[node];
        return n.exists && (n.status == ONLINE || n.status == OFFLINE) && n.stake >= minStake;
    }

    function silent(address node) external view returns (bool) {
        return _silent(nodes[node]);
    }

    function onAssigned(address node) external onlyMarket {
        nodes[node].activeJobs++;
    }

    function onReleased(address node) external onlyMarket {
        nodes[node].activeJobs--;
    }

    function onPaid(address node, uint64 amount) external onlyMarket {
        Node storage n = nodes[node];
        n.activeJobs--;
        n.reputation += 1;
        n.earnedTotal += amount;
    }

    /// The node failed its job: it loses slashBps of its stake (if the fault slashes) and reputation.
    function onFault(address node, bool slashes) external onlyMarket returns (uint64 slash) {
        Node storage n = nodes[node];
        n.activeJobs--;
        slash = slashes ? uint64(uint256(n.stake) * slashBps / 10_000) : 0;
        _slash(n, slash);
        n.reputation = n.reputation > REPUTATION_PENALTY ? n.reputation - REPUTATION_PENALTY : 0;
    }

    /// An upheld challenge against an already paid result: the same slash, the job stays paid.
    function onChallengeUpheld(address node) external onlyMarket returns (uint64 slash) {
        Node storage n = nodes[node];
        slash = uint64(uint256(n.stake) * slashBps / 10_000);
        _slash(n, slash);
    }

    /// A rejected challenge's bond, already transferred here by the market, joins the slashed pool.
    function addToPool(uint64 amount) external onlyMarket {
        slashedPool += amount;
    }

    function sumStakes() external view returns (uint256 sum) {
        for (uint256 i = 0; i < nodeList.length; i++) sum += nodes[nodeList[i]].stake;
    }

    function nodeCount() external view returns (uint256) {
        return nodeList.length;
    }

    function nodeOf(address node) external view returns (Node memory) {
        return nodes[node];
    }

    function modelsOf(address node) external view returns (bytes32[] memory) {
        return served[node];
    }

    function _slash(Node storage n, uint64 slash) private {
        n.stake -= slash;
        n.slashedTotal += slash;
        slashedPool += slash;
    }

    function _silent(Node storage n) private view returns (bool) {
        return block.timestamp - n.lastHeartbeat > heartbeatTimeout;
    }

    function _existing(address node) private view returns (Node storage n) {
        n = nodes[node];
        _require(n.exists, Codes.UNKNOWN_NODE);
    }
}
