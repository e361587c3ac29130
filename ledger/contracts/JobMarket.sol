// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {LedgerLog, Codes} from "./Ledger.sol";
import {NodeRegistry} from "./NodeRegistry.sol";
import {ModelRegistry} from "./ModelRegistry.sol";

/// Jobs: escrow at posting, assignment by the gateway's key, results settled by k-of-n attestations of staked
/// verifier nodes (never the prover), faults slash and reopen, expired jobs refund, paid results can be
/// challenged with a bond during a window and the deployment's arbiter decides. Proofs are verified off
/// chain by the verifier nodes; this contract only counts their verdicts (see ledger/README.md).
contract JobMarket is LedgerLog {
    uint8 constant POSTED = 0;
    uint8 constant ASSIGNED = 1;
    uint8 constant FAULTED = 2;
    uint8 constant PAID = 3;
    uint8 constant REFUNDED = 4;
    uint256 constant HALF_ORDER = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0;

    struct Job {
        address requester;
        uint8 state;
        uint8 lastFault;
        bool submitted;
        uint32 attempts;
        uint64 price;
        uint64 escrowHeld;
        uint64 postedAt;
        uint64 deadline;
        uint64 assignmentDeadline;
        uint64 acceptedAt;
        address node;
        bytes32 model;
        bytes32 inputDigest;
        bytes32 proofHash;
        bytes32 resultHash;
    }

    struct Device {
        address owner;
        address key;
        uint64 nextSequence;
    }

    struct Challenge {
        address challenger;
        bool open;
    }

    event ResultSubmitted(uint64 indexed jobId, address node, uint32 attempt, bytes32 proofHash, bytes32 resultHash);
    event Attested(uint64 indexed jobId, address verifier, uint32 attempt, uint8 verdict);
    event ChallengeResolved(uint64 indexed jobId, address challenger, bool upheld, uint64 slashed);

    IERC20 public immutable token;
    NodeRegistry public immutable registry;
    ModelRegistry public immutable modelRegistry;
    address public immutable assigner;
    address public immutable arbiter;
    uint64 public immutable assignmentWindow;
    uint8 public immutable quorum;
    uint64 public immutable challengeWindow;
    uint64 public immutable challengeBond;

    uint64 public jobCount;
    uint64 private firstOpenJob = 1;
    uint64 public escrowPosted;
    uint64 public paid;
    uint64 public refunded;
    uint64 public bondsHeld;
    mapping(uint64 => Job) private jobs;
    mapping(uint64 => mapping(address => bool)) public excluded;
    mapping(bytes32 => uint64) public acceptedProof;
    mapping(bytes32 => Device) public devices;
    mapping(uint64 => mapping(uint32 => mapping(address => bool))) private attested;
    mapping(uint64 => mapping(uint32 => mapping(uint8 => uint8))) private votes;
    mapping(uint64 => Challenge) public challenges;

    constructor(IERC20 token_, NodeRegistry registry_, ModelRegistry models_, address assigner_, address arbiter_,
                uint64 assignmentWindow_, uint8 quorum_, uint64 challengeWindow_, uint64 challengeBond_) {
        token = token_;
        registry = registry_;
        modelRegistry = models_;
        assigner = assigner_;
        arbiter = arbiter_;
        assignmentWindow = assignmentWindow_;
        quorum = quorum_;
        challengeWindow = challengeWindow_;
        challengeBond = challengeBond_;
    }

    // --- devices and posting --------------------------------------------------------------------------------

    /// Registers a device by the address of its secp256k1 key (the client checks the key itself).
    function registerDevice(string calldata id, address key) external {
        bytes32 slot = keccak256(bytes(id));
        _require(devices[slot].key == address(0), Codes.ALREADY_REGISTERED);
        _require(key != address(0) && bytes(id).length < 256, Codes.BAD_PUBLIC_KEY);
        devices[slot] = Device(msg.sender, key, 0);
        _log(Codes.DEVICE_REGISTERED, 0, msg.sender, 0, Codes.NONE);
    }

    function postPublicJob(bytes32 model, bytes32 inputDigest, uint64 price, uint64 deadline)
            external returns (uint64) {
        _checkRequest(model, price, deadline);
        return _escrow(model, inputDigest, price, deadline);
    }

    /// The device signed keccak256("edgeproof/device-reading/v1" || len || id || timestamp || sequence ||
    /// readingHash) with low s; the job's input digest is the reading hash.
    function postDeviceJob(bytes32 model, uint64 price, uint64 deadline, string calldata deviceId, uint64 timestamp,
                           uint64 sequence, bytes32 readingHash, bytes32 r, bytes32 s) external returns (uint64) {
        _checkRequest(model, price, deadline);
        Device storage d = devices[keccak256(bytes(deviceId))];
        _require(d.key != address(0), Codes.UNKNOWN_DEVICE);
        bytes32 digest = keccak256(abi.encodePacked("edgeproof/device-reading/v1", uint8(bytes(deviceId).length),
                                                    deviceId, timestamp, sequence, readingHash));
        _require(uint256(s) <= HALF_ORDER && (ecrecover(digest, 27, r, s) == d.key
                 || ecrecover(digest, 28, r, s) == d.key), Codes.BAD_DEVICE_SIGNATURE);
        _require(sequence >= d.nextSequence, Codes.REPLAYED_READING);
        d.nextSequence = sequence + 1;
        return _escrow(model, readingHash, price, deadline);
    }

    function _checkRequest(bytes32 model, uint64 price, uint64 deadline) private view {
        _require(price > 0 && deadline > block.timestamp, Codes.INVALID_REQUEST);
        _require(modelRegistry.exists(model), Codes.UNKNOWN_MODEL);
    }

    function _escrow(bytes32 model, bytes32 inputDigest, uint64 price, uint64 deadline) private returns (uint64 id) {
        _require(token.balanceOf(msg.sender) >= price && token.allowance(msg.sender, address(this)) >= price,
                 Codes.INSUFFICIENT_ESCROW);
        token.transferFrom(msg.sender, address(this), price);
        escrowPosted += price;
        id = ++jobCount;
        Job storage j = jobs[id];
        j.requester = msg.sender;
        j.state = POSTED;
        j.lastFault = Codes.NONE;
        j.price = price;
        j.escrowHeld = price;
        j.postedAt = uint64(block.timestamp);
        j.deadline = deadline;
        j.model = model;
        j.inputDigest = inputDigest;
        _log(Codes.JOB_POSTED, id, msg.sender, price, Codes.NONE);
    }

    // --- assignment, submission, attestation ----------------------------------------------------------------

    function assign(uint64 jobId, address node) external {
        require(msg.sender == assigner, "assigner only");
        Job storage j = _existing(jobId);
        _require(_open(j) && block.timestamp <= j.deadline, Codes.JOB_NOT_OPEN);
        _require(j.state != ASSIGNED, Codes.JOB_ALREADY_ASSIGNED);
        _require(registry.exists(node), Codes.UNKNOWN_NODE);
        _require(!excluded[jobId][node], Codes.NODE_EXCLUDED);
        _require(registry.assignable(node, j.model), Codes.NODE_NOT_ELIGIBLE);
        bool again = j.state == FAULTED;
        j.state = ASSIGNED;
        j.node = node;
        j.attempts++;
        j.submitted = false;
        uint64 due = uint64(block.timestamp) + assignmentWindow;
        j.assignmentDeadline = due < j.deadline ? due : j.deadline;
        registry.onAssigned(node);
        _log(again ? Codes.JOB_REASSIGNED : Codes.JOB_ASSIGNED, jobId, node, 0, Codes.NONE);
    }

    /// The assigned node commits to its proof and outputs; a late or replayed proof is a fault at once,
    /// anything else waits for the verifiers' attestations. Returns the fault committed, or NONE.
    function submitResult(uint64 jobId, bytes32 proofHash, bytes32 resultHash) external returns (uint8) {
        Job storage j = _existing(jobId);
        _require(j.state != PAID, Codes.DUPLICATE_SUBMISSION);
        _require(j.state != REFUNDED, Codes.JOB_NOT_OPEN);
        _require(j.state == ASSIGNED && j.node == msg.sender, Codes.NOT_ASSIGNED_NODE);
        _require(!j.submitted, Codes.DUPLICATE_SUBMISSION);
        if (block.timestamp > j.assignmentDeadline) return _fault(jobId, j, Codes.DEADLINE_MISSED);
        if (acceptedProof[proofHash] != 0) return _fault(jobId, j, Codes.REPLAYED_RESULT);
        j.submitted = true;
        j.proofHash = proofHash;
        j.resultHash = resultHash;
        emit ResultSubmitted(jobId, msg.sender, j.attempts, proofHash, resultHash);
        return Codes.NONE;
    }

    /// A staked verifier node other than the prover gives its verdict: NONE (the proof verifies under the
    /// job's context, input and claimed outputs) or the fault it found. The first verdict to reach the
    /// quorum settles the attempt.
    function attest(uint64 jobId, uint8 verdict) external {
        Job storage j = _existing(jobId);
        _require(j.state == ASSIGNED && j.submitted, Codes.NOT_ASSIGNED_NODE);
        _require(registry.canAttest(msg.sender) && msg.sender != j.node, Codes.NODE_NOT_ELIGIBLE);
        _require(!attested[jobId][j.attempts][msg.sender], Codes.DUPLICATE_SUBMISSION);
        _require(verdict == Codes.NONE || verdict <= Codes.OUTPUT_MISMATCH, Codes.INVALID_REQUEST);
        attested[jobId][j.attempts][msg.sender] = true;
        emit Attested(jobId, msg.sender, j.attempts, verdict);
        if (++votes[jobId][j.attempts][verdict] < quorum) return;
        if (verdict != Codes.NONE) {
            _fault(jobId, j, verdict);
        } else if (acceptedProof[j.proofHash] != 0) {
            _fault(jobId, j, Codes.REPLAYED_RESULT);
        } else {
            _pay(jobId, j);
        }
    }

    function _pay(uint64 jobId, Job storage j) private {
        uint64 amount = j.escrowHeld;
        acceptedProof[j.proofHash] = jobId;
        j.escrowHeld = 0;
        j.state = PAID;
        j.acceptedAt = uint64(block.timestamp);
        paid += amount;
        registry.onPaid(j.node, amount);
        token.transfer(j.node, amount);
        _log(Codes.JOB_PAID, jobId, j.node, amount, Codes.NONE);
    }

    /// Slashes (if the fault slashes), excludes the node from the job and reopens it as FAULTED.
    function _fault(uint64 jobId, Job storage j, uint8 fault) private returns (uint8) {
        address node = j.node;
        uint64 slash = registry.onFault(node, fault <= Codes.DEADLINE_MISSED);
        excluded[jobId][node] = true;
        j.state = FAULTED;
        j.node = address(0);
        j.assignmentDeadline = 0;
        j.submitted = false;
        j.lastFault = fault;
        _log(Codes.NODE_FAULTED, jobId, node, slash, fault);
        return fault;
    }

    // --- time -----------------------------------------------------------------------------------------------

    /// Anyone may apply time: silent nodes go offline and lose unsubmitted jobs (not slashed), late nodes are
    /// slashed, jobs past their deadline are refunded. Submitted jobs wait for their attestations.
    function tick() external {
        registry.markSilentOffline();
        while (firstOpenJob <= jobCount && !_open(jobs[firstOpenJob])) firstOpenJob++;
        for (uint64 id = firstOpenJob; id <= jobCount; id++) {
            Job storage j = jobs[id];
            if (!_open(j)) continue;
            if (j.state == ASSIGNED && !j.submitted) {
                if (block.timestamp > j.assignmentDeadline) {
                    _fault(id, j, Codes.DEADLINE_MISSED);
                } else if (registry.silent(j.node)) {
                    _fault(id, j, Codes.NODE_OFFLINE);
                }
            }
            if (block.timestamp > j.deadline) _refund(id, j);
        }
    }

    function _refund(uint64 jobId, Job storage j) private {
        if (j.state == ASSIGNED) {
            registry.onReleased(j.node);
            j.node = address(0);
        }
        uint64 amount = j.escrowHeld;
        j.escrowHeld = 0;
        j.state = REFUNDED;
        refunded += amount;
        token.transfer(j.requester, amount);
        _log(Codes.JOB_REFUNDED, jobId, j.requester, amount, j.lastFault);
    }

    // --- challenges -----------------------------------------------------------------------------------------

    /// Anyone may dispute a paid result within the window by posting the bond; the arbiter decides.
    function challenge(uint64 jobId) external {
        Job storage j = _existing(jobId);
        _require(j.state == PAID && block.timestamp <= j.acceptedAt + challengeWindow
                 && challenges[jobId].challenger == address(0), Codes.JOB_NOT_OPEN);
        _require(token.balanceOf(msg.sender) >= challengeBond
                 && token.allowance(msg.sender, address(this)) >= challengeBond, Codes.INSUFFICIENT_BALANCE);
        token.transferFrom(msg.sender, address(this), challengeBond);
        bondsHeld += challengeBond;
        challenges[jobId] = Challenge(msg.sender, true);
    }

    /// Upheld: the prover is slashed and the bond returned. Rejected: the bond joins the slashed pool.
    function resolveChallenge(uint64 jobId, bool upheld) external {
        require(msg.sender == arbiter, "arbiter only");
        Challenge storage c = challenges[jobId];
        _require(c.open, Codes.JOB_NOT_OPEN);
        c.open = false;
        bondsHeld -= challengeBond;
        uint64 slash = 0;
        if (upheld) {
            address node = jobs[jobId].node;
            slash = registry.onChallengeUpheld(node);
            token.transfer(c.challenger, challengeBond);
            _log(Codes.NODE_SLASHED, jobId, node, slash, Codes.INVALID_PROOF);
        } else {
            token.transfer(address(registry), challengeBond);
            registry.addToPool(challengeBond);
        }
        emit ChallengeResolved(jobId, c.challenger, upheld, slash);
    }

    // --- views ----------------------------------------------------------------------------------------------

    function jobOf(uint64 jobId) external view returns (Job memory) {
        return _existing(jobId);
    }

    /// Running totals next to sums over the current tables (see LedgerAudit).
    function audit() external view returns (uint256 minted, uint256 balances, uint256 stakes, uint256 held,
                                            uint256 slashedPool, uint256 posted, uint256 paidOut,
                                            uint256 refundedOut, uint256 bonds) {
        for (uint64 id = 1; id <= jobCount; id++) held += jobs[id].escrowHeld;
        minted = EdgeTokenView(address(token)).totalMinted();
        balances = EdgeTokenView(address(token)).balancesExcept(address(this), address(registry));
        return (minted, balances, registry.sumStakes(), held, registry.slashedPool(), escrowPosted, paid, refunded,
                bondsHeld);
    }

    function _existing(uint64 jobId) private view returns (Job storage j) {
        j = jobs[jobId];
        _require(j.requester != address(0), Codes.UNKNOWN_JOB);
    }

    function _open(Job storage j) private view returns (bool) {
        return j.state != PAID && j.state != REFUNDED;
    }
}

interface EdgeTokenView {
    function totalMinted() external view returns (uint256);
    function balancesExcept(address a, address b) external view returns (uint256);
}
