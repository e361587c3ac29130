// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {LedgerLog, Codes} from "./Ledger.sol";

interface RewardMinter {
    function mintReward(address to, uint64 amount) external;
}

/// Provider and verifier nodes: stake, liveness, unbonding, epoch rewards. Only the job market (set once by
/// the deployer) moves jobs in and out of a node and slashes it; slashed tokens and unclaimed rewards stay
/// here (the slashed pool and the reward pool).
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

    /// A node's points in one epoch.
    struct Points {
        uint64 jobs;
        uint64 uptime;
        bool claimed;
    }

    /// An epoch's totals; the emissions are set when it is closed.
    struct Epoch {
        uint64 jobs;
        uint64 uptime;
        bool closed;
        uint64 workEmission;
        uint64 uptimeEmission;
    }

    IERC20 public immutable token;
    address public immutable deployer;
    uint64 public immutable minStake;
    uint16 public immutable slashBps;
    uint64 public immutable heartbeatTimeout;
    uint64 public immutable unbondingPeriod;
    uint64 public immutable epochLength;
    uint64 public immutable epochEmission;
    uint16 public immutable workRewardBps;
    address public market;
    uint64 public slashedPool;
    uint64 public rewardPool;

    mapping(address => Node) private nodes;
    mapping(address => bytes32[]) private served;
    mapping(address => mapping(bytes32 => bool)) private serves;
    address[] public nodeList;
    /// Uptime slot of the node's last counted heartbeat, plus one (0: none yet).
    mapping(address => uint64) private lastSlot;
    mapping(uint64 => mapping(address => Points)) private points;
    mapping(uint64 => Epoch) private epochs;

    constructor(IERC20 token_, uint64 minStake_, uint16 slashBps_, uint64 heartbeatTimeout_, uint64 unbondingPeriod_,
                uint64 epochLength_, uint64 epochEmission_, uint16 workRewardBps_) {
        token = token_;
        deployer = msg.sender;
        minStake = minStake_;
        slashBps = slashBps_;
        heartbeatTimeout = heartbeatTimeout_;
        unbondingPeriod = unbondingPeriod_;
        epochLength = epochLength_;
        epochEmission = epochEmission_;
        workRewardBps = workRewardBps_;
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
        _recordUptime(msg.sender, nodes[msg.sender]);
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
        _recordUptime(msg.sender, n);
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

    /// The node gave its job back (it could not run it): no slash, one reputation point.
    function onDeclined(address node) external onlyMarket {
        Node storage n = nodes[node];
        n.activeJobs--;
        n.reputation = n.reputation > 0 ? n.reputation - 1 : 0;
    }

    function onPaid(address node, uint64 amount) external onlyMarket {
        Node storage n = nodes[node];
        n.activeJobs--;
        n.reputation += 1;
        n.earnedTotal += amount;
        uint64 e = uint64(block.timestamp) / epochLength;
        points[e][node].jobs++;
        epochs[e].jobs++;
    }

    /// The node failed its job: it loses slashBps of its stake (if the fault slashes) and reputation.
    function onFault(address node, bool slashes) external onlyMarket returns (uint64 slash) {
        Node storage n = nodes[node];
        n.activeJobs--;
        slash = slashes ? uint64(uint256(n.stake) * slashBps / 10_000) : 0;
        _slash(n, slash);
        n.reputation = n.reputation > REPUTATION_PENALTY ? n.reputation - REPUTATION_PENALTY : 0;
    }

    /// An upheld challenge: the prover of the overturned result, or an attester who vouched for it, loses the
    /// same share as for a fault (and reputation); the job stays paid.
    function slashFor(address node) external onlyMarket returns (uint64 slash) {
        Node storage n = nodes[node];
        slash = uint64(uint256(n.stake) * slashBps / 10_000);
        _slash(n, slash);
        n.reputation = n.reputation > REPUTATION_PENALTY ? n.reputation - REPUTATION_PENALTY : 0;
    }

    /// A rejected challenge's bond, already transferred here by the market, joins the slashed pool.
    function addToPool(uint64 amount) external onlyMarket {
        slashedPool += amount;
    }

    /// Pays from the slashed pool: attesters' fees on a fault verdict, a successful challenger's reward.
    function payFromPool(address to, uint64 amount) external onlyMarket {
        slashedPool -= amount;
        token.transfer(to, amount);
    }

    // --- epoch rewards --------------------------------------------------------------------------------------

    /// Anyone may close an ended epoch: its emission is minted into the reward pool, the work part only if a
    /// job was verified in it, the uptime part only if an uptime point was earned.
    function closeEpoch(uint64 e) external {
        _require(block.timestamp >= uint256(e + 1) * epochLength, Codes.EPOCH_NOT_OVER);
        Epoch storage ep = epochs[e];
        _require(!ep.closed, Codes.EPOCH_ALREADY_CLOSED);
        uint64 work = uint64(uint256(epochEmission) * workRewardBps / 10_000);
        uint64 uptime = epochEmission - work;
        ep.closed = true;
        ep.workEmission = ep.jobs > 0 ? work : 0;
        ep.uptimeEmission = ep.uptime > 0 ? uptime : 0;
        uint64 minted = ep.workEmission + ep.uptimeEmission;
        rewardPool += minted;
        if (minted > 0) RewardMinter(address(token)).mintReward(address(this), minted);
        _log(Codes.EPOCH_CLOSED, 0, address(0), minted, Codes.NONE);
    }

    /// Pays the node its share of a closed epoch (anyone may trigger it; the node is paid).
    function claimReward(address node, uint64 e) external returns (uint64 reward) {
        Epoch storage ep = epochs[e];
        _require(ep.closed, Codes.EPOCH_NOT_CLOSED);
        Points storage p = points[e][node];
        _require(!p.claimed, Codes.REWARD_ALREADY_CLAIMED);
        reward = _rewardOf(ep, p);
        _require(reward > 0, Codes.NO_REWARD);
        p.claimed = true;
        rewardPool -= reward;
        token.transfer(node, reward);
        _log(Codes.REWARD_PAID, 0, node, reward, Codes.NONE);
    }

    function epochOf(uint64 e) external view returns (Epoch memory) {
        return epochs[e];
    }

    function shareOf(uint64 e, address node) external view returns (uint64 jobs, uint64 uptime, uint64 reward,
                                                                     bool claimed) {
        Points storage p = points[e][node];
        return (p.jobs, p.uptime, epochs[e].closed ? _rewardOf(epochs[e], p) : 0, p.claimed);
    }

    function _rewardOf(Epoch storage ep, Points storage p) private view returns (uint64) {
        uint256 work = ep.jobs == 0 ? 0 : uint256(ep.workEmission) * p.jobs / ep.jobs;
        uint256 uptime = ep.uptime == 0 ? 0 : uint256(ep.uptimeEmission) * p.uptime / ep.uptime;
        return uint64(work + uptime);
    }

    /// One uptime point per heartbeat slot, for a node that is ONLINE and staked at least the minimum.
    function _recordUptime(address node, Node storage n) private {
        if (n.status != ONLINE || n.stake < minStake) return;
        uint64 slot = uint64(block.timestamp) / heartbeatTimeout + 1;
        if (lastSlot[node] == slot) return;
        lastSlot[node] = slot;
        uint64 e = uint64(block.timestamp) / epochLength;
        points[e][node].uptime++;
        epochs[e].uptime++;
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
