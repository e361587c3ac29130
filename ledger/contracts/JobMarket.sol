// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {LedgerLog, Codes} from "./Ledger.sol";
import {NodeRegistry} from "./NodeRegistry.sol";
import {ModelRegistry} from "./ModelRegistry.sol";

/// Jobs: escrow at posting (or from a standing feed's budget), assignment by the gateway's key, results
/// settled by k-of-n attestations of staked verifier nodes (never the prover) who earn a fee for a verdict
/// that settles, faults slash and reopen, a node may release a job it cannot run, expired jobs refund, paid
/// results can be challenged with a bond during a window and the deployment's arbiter decides (an upheld
/// challenge slashes the prover and the attesters who vouched for it). Proofs are verified off chain by the
/// verifier nodes; this contract only counts their verdicts (see ledger/README.md).
contract JobMarket is LedgerLog {
    uint8 constant POSTED = 0;
    uint8 constant ASSIGNED = 1;
    uint8 constant FAULTED = 2;
    uint8 constant PAID = 3;
    uint8 constant REFUNDED = 4;
    uint8 constant OVERTURNED = 5;
    uint8 constant CHALLENGE_OPEN = 1;
    uint8 constant CHALLENGE_UPHELD = 2;
    uint8 constant CHALLENGE_REJECTED = 3;
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
        uint8 status;
        uint64 bond;
        uint64 openedAt;
        uint64 slashed;
        uint64 reward;
    }

    struct Feed {
        address owner;
        bool open;
        uint64 price;
        uint64 lifetime;
        uint64 budgetPosted;
        uint64 budgetLeft;
        uint64 jobs;
        uint64 nextSequence;
        bytes32 model;
        string deviceId;
    }

    event ResultSubmitted(uint64 indexed jobId, address node, uint32 attempt, bytes32 proofHash, bytes32 resultHash);
    event Attested(uint64 indexed jobId, address verifier, uint32 attempt, uint8 verdict);

    IERC20 public immutable token;
    NodeRegistry public immutable registry;
    ModelRegistry public immutable modelRegistry;
    address public immutable assigner;
    address public immutable arbiter;
    uint64 public immutable assignmentWindow;
    uint8 public immutable quorum;
    uint16 public immutable attestFeeBps;
    uint64 public immutable challengeWindow;
    uint64 public immutable challengeBond;

    uint64 public jobCount;
    uint64 private firstOpenJob = 1;
    uint64 public escrowPosted;
    uint64 public paid;
    uint64 public refunded;
    uint64 public bondsHeld;
    uint64 public feedCount;
    uint64 public feedsHeld;
    mapping(uint64 => Job) private jobs;
    mapping(uint64 => mapping(address => bool)) public excluded;
    mapping(bytes32 => uint64) public acceptedProof;
    mapping(bytes32 => Device) public devices;
    mapping(uint64 => mapping(uint32 => mapping(address => bool))) private attested;
    /// Who voted each verdict on each attempt: the quorum's voters earn the fee, and an upheld challenge
    /// slashes the ones who voted "verifies" on the paid attempt.
    mapping(uint64 => mapping(uint32 => mapping(uint8 => address[]))) private voters;
    mapping(uint64 => Challenge) private challenges;
    mapping(uint64 => Feed) private feeds;

    constructor(IERC20 token_, NodeRegistry registry_, ModelRegistry models_, address assigner_, address arbiter_,
                uint64 assignmentWindow_, uint8 quorum_, uint16 attestFeeBps_, uint64 challengeWindow_,
                uint64 challengeBond_) {
        token = token_;
        registry = registry_;
        modelRegistry = models_;
        assigner = assigner_;
        arbiter = arbiter_;
        assignmentWindow = assignmentWindow_;
        quorum = quorum_;
        attestFeeBps = attestFeeBps_;
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
        _takeEscrow(price);
        return _newJob(msg.sender, model, inputDigest, price, deadline);
    }

    function postDeviceJob(bytes32 model, uint64 price, uint64 deadline, string calldata deviceId, uint64 timestamp,
                           uint64 sequence, bytes32 readingHash, bytes32 r, bytes32 s) external returns (uint64) {
        _checkRequest(model, price, deadline);
        _acceptReading(deviceId, timestamp, sequence, readingHash, r, s);
        _takeEscrow(price);
        return _newJob(msg.sender, model, readingHash, price, deadline);
    }

    /// The device signed keccak256("edgeproof/device-reading/v1" || len || id || timestamp || sequence ||
    /// readingHash) with low s, and the sequence is fresh for the device. The job's input digest is the
    /// reading hash.
    function _acceptReading(string calldata deviceId, uint64 timestamp, uint64 sequence, bytes32 readingHash,
                            bytes32 r, bytes32 s) private {
        Device storage d = _signedDevice(deviceId, timestamp, sequence, readingHash, r, s);
        _require(sequence >= d.nextSequence, Codes.REPLAYED_READING);
        d.nextSequence = sequence + 1;
    }

    function _signedDevice(string calldata deviceId, uint64 timestamp, uint64 sequence, bytes32 readingHash,
                           bytes32 r, bytes32 s) private view returns (Device storage d) {
        d = devices[keccak256(bytes(deviceId))];
        _require(d.key != address(0), Codes.UNKNOWN_DEVICE);
        bytes32 digest = keccak256(abi.encodePacked("edgeproof/device-reading/v1", uint8(bytes(deviceId).length),
                                                    deviceId, timestamp, sequence, readingHash));
        _require(uint256(s) <= HALF_ORDER && (ecrecover(digest, 27, r, s) == d.key
                 || ecrecover(digest, 28, r, s) == d.key), Codes.BAD_DEVICE_SIGNATURE);
    }

    function _checkRequest(bytes32 model, uint64 price, uint64 deadline) private view {
        _require(price > 0 && deadline > block.timestamp, Codes.INVALID_REQUEST);
        _require(modelRegistry.exists(model), Codes.UNKNOWN_MODEL);
    }

    function _takeEscrow(uint64 amount) private {
        _require(token.balanceOf(msg.sender) >= amount && token.allowance(msg.sender, address(this)) >= amount,
                 Codes.INSUFFICIENT_ESCROW);
        token.transferFrom(msg.sender, address(this), amount);
        escrowPosted += amount;
    }

    /// A POSTED job holding {price} in escrow (already taken, from the caller or from a feed).
    function _newJob(address requester, bytes32 model, bytes32 inputDigest, uint64 price, uint64 deadline)
            private returns (uint64 id) {
        id = ++jobCount;
        Job storage j = jobs[id];
        j.requester = requester;
        j.state = POSTED;
        j.lastFault = Codes.NONE;
        j.price = price;
        j.escrowHeld = price;
        j.postedAt = uint64(block.timestamp);
        j.deadline = deadline;
        j.model = model;
        j.inputDigest = inputDigest;
        _log(Codes.JOB_POSTED, id, requester, price, Codes.NONE);
    }

    // --- feeds ----------------------------------------------------------------------------------------------

    /// Escrows the whole budget; every new signed reading of the device then opens a job paid from it. The
    /// feed keeps its own sequence (from the device's at opening): several feeds may follow one device.
    function openFeed(bytes32 model, string calldata deviceId, uint64 price, uint64 lifetime, uint64 budget)
            external returns (uint64 id) {
        _require(price > 0 && lifetime > 0 && budget >= price, Codes.INVALID_REQUEST);
        _require(modelRegistry.exists(model), Codes.UNKNOWN_MODEL);
        Device storage d = devices[keccak256(bytes(deviceId))];
        _require(d.key != address(0), Codes.UNKNOWN_DEVICE);
        _takeEscrow(budget);
        feedsHeld += budget;
        id = ++feedCount;
        feeds[id] = Feed(msg.sender, true, price, lifetime, budget, budget, 0, d.nextSequence, model, deviceId);
        _log(Codes.FEED_OPENED, 0, msg.sender, budget, Codes.NONE);
    }

    /// Anyone may relay a reading: the device's signature and fresh sequence authenticate it.
    function postFeedJob(uint64 feedId, string calldata deviceId, uint64 timestamp, uint64 sequence,
                         bytes32 readingHash, bytes32 r, bytes32 s) external returns (uint64) {
        Feed storage f = _existingFeed(feedId);
        _require(f.open, Codes.FEED_CLOSED);
        _require(keccak256(bytes(deviceId)) == keccak256(bytes(f.deviceId)), Codes.WRONG_FEED_DEVICE);
        _require(f.budgetLeft >= f.price, Codes.FEED_BUDGET_EXHAUSTED);
        _signedDevice(deviceId, timestamp, sequence, readingHash, r, s);
        _require(sequence >= f.nextSequence, Codes.REPLAYED_READING);
        f.nextSequence = sequence + 1;
        f.budgetLeft -= f.price;
        f.jobs++;
        feedsHeld -= f.price;
        return _newJob(f.owner, f.model, readingHash, f.price, uint64(block.timestamp) + f.lifetime);
    }

    /// The owner closes the feed; what is left of the budget is refunded.
    function closeFeed(uint64 feedId) external returns (uint64 left) {
        Feed storage f = _existingFeed(feedId);
        _require(f.owner == msg.sender, Codes.NOT_FEED_OWNER);
        _require(f.open, Codes.FEED_CLOSED);
        left = f.budgetLeft;
        f.open = false;
        f.budgetLeft = 0;
        feedsHeld -= left;
        refunded += left;
        token.transfer(msg.sender, left);
        _log(Codes.FEED_CLOSED_EVENT, 0, msg.sender, left, Codes.NONE);
    }

    function feedOf(uint64 feedId) external view returns (Feed memory) {
        return _existingFeed(feedId);
    }

    function _existingFeed(uint64 feedId) private view returns (Feed storage f) {
        f = feeds[feedId];
        _require(f.owner != address(0), Codes.UNKNOWN_FEED);
    }

    // --- assignment, submission, release, attestation -------------------------------------------------------

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
        Job storage j = _assignedToSender(jobId);
        _require(!j.submitted, Codes.DUPLICATE_SUBMISSION);
        if (block.timestamp > j.assignmentDeadline) {
            _fault(jobId, j, Codes.DEADLINE_MISSED);
            return Codes.DEADLINE_MISSED;
        }
        if (acceptedProof[proofHash] != 0) {
            _fault(jobId, j, Codes.REPLAYED_RESULT);
            return Codes.REPLAYED_RESULT;
        }
        j.submitted = true;
        j.proofHash = proofHash;
        j.resultHash = resultHash;
        emit ResultSubmitted(jobId, msg.sender, j.attempts, proofHash, resultHash);
        return Codes.NONE;
    }

    /// The assigned node gives back a job it cannot run, before its assignment deadline and before it
    /// submitted: the job reopens at once, the node loses one reputation point and no stake.
    function release(uint64 jobId) external {
        Job storage j = _assignedToSender(jobId);
        _require(!j.submitted, Codes.DUPLICATE_SUBMISSION);
        _require(block.timestamp <= j.assignmentDeadline, Codes.RELEASE_TOO_LATE);
        registry.onDeclined(msg.sender);
        _reopen(jobId, j, Codes.JOB_RELEASED);
        _log(Codes.JOB_RELEASED_EVENT, jobId, msg.sender, 0, Codes.JOB_RELEASED);
    }

    /// A staked verifier node other than the prover gives its verdict: NONE (the proof verifies under the
    /// job's context, input and claimed outputs) or the fault it found. The first verdict to reach the
    /// quorum settles the attempt and pays its voters.
    function attest(uint64 jobId, uint8 verdict) external {
        Job storage j = _existing(jobId);
        _require(j.state == ASSIGNED && j.submitted, Codes.NOT_ASSIGNED_NODE);
        _require(registry.canAttest(msg.sender) && msg.sender != j.node, Codes.NODE_NOT_ELIGIBLE);
        _require(!attested[jobId][j.attempts][msg.sender], Codes.DUPLICATE_SUBMISSION);
        _require(verdict == Codes.NONE || verdict <= Codes.OUTPUT_MISMATCH, Codes.INVALID_REQUEST);
        attested[jobId][j.attempts][msg.sender] = true;
        address[] storage vs = voters[jobId][j.attempts][verdict];
        vs.push(msg.sender);
        emit Attested(jobId, msg.sender, j.attempts, verdict);
        if (vs.length < quorum) return;
        if (verdict != Codes.NONE) {
            uint64 fee = _fee(j.price);
            uint64 slash = _fault(jobId, j, verdict);
            // The cheater funds the verifiers who caught it, from its slash.
            _payVoters(jobId, vs, fee < slash / quorum ? fee : slash / quorum, verdict, true);
        } else if (acceptedProof[j.proofHash] != 0) {
            _fault(jobId, j, Codes.REPLAYED_RESULT);
        } else {
            _pay(jobId, j, vs);
        }
    }

    function _fee(uint64 price) private view returns (uint64) {
        return uint64(uint256(price) * attestFeeBps / 10_000);
    }

    /// The price leaves escrow: each voter gets the fee, the node the rest.
    function _pay(uint64 jobId, Job storage j, address[] storage vs) private {
        uint64 amount = j.escrowHeld;
        uint64 fee = _fee(amount);
        uint64 share = amount - fee * uint64(vs.length);
        acceptedProof[j.proofHash] = jobId;
        j.escrowHeld = 0;
        j.state = PAID;
        j.acceptedAt = uint64(block.timestamp);
        paid += amount;
        registry.onPaid(j.node, share);
        token.transfer(j.node, share);
        _log(Codes.JOB_PAID, jobId, j.node, share, Codes.NONE);
        _payVoters(jobId, vs, fee, Codes.NONE, false);
    }

    function _payVoters(uint64 jobId, address[] storage vs, uint64 fee, uint8 verdict, bool fromPool) private {
        if (fee == 0) return;
        for (uint256 i = 0; i < vs.length; i++) {
            if (fromPool) {
                registry.payFromPool(vs[i], fee);
            } else {
                token.transfer(vs[i], fee);
            }
            _log(Codes.VERIFIER_PAID, jobId, vs[i], fee, verdict);
        }
    }

    /// Slashes (if the fault slashes), excludes the node from the job and reopens it; returns the slash.
    function _fault(uint64 jobId, Job storage j, uint8 fault) private returns (uint64 slash) {
        address node = j.node;
        slash = registry.onFault(node, fault <= Codes.DEADLINE_MISSED);
        _reopen(jobId, j, fault);
        _log(Codes.NODE_FAULTED, jobId, node, slash, fault);
    }

    function _reopen(uint64 jobId, Job storage j, uint8 fault) private {
        excluded[jobId][j.node] = true;
        j.state = FAULTED;
        j.node = address(0);
        j.assignmentDeadline = 0;
        j.submitted = false;
        j.lastFault = fault;
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

    /// Anyone may dispute a paid result within the window by posting at least the minimum bond.
    function challenge(uint64 jobId, uint64 bond) external {
        Job storage j = _existing(jobId);
        _require(j.state == PAID, Codes.NOT_CHALLENGEABLE);
        _require(block.timestamp <= j.acceptedAt + challengeWindow, Codes.CHALLENGE_WINDOW_CLOSED);
        _require(challenges[jobId].status == 0, Codes.ALREADY_CHALLENGED);
        _require(bond >= challengeBond, Codes.BOND_TOO_SMALL);
        _require(token.balanceOf(msg.sender) >= bond && token.allowance(msg.sender, address(this)) >= bond,
                 Codes.INSUFFICIENT_BALANCE);
        token.transferFrom(msg.sender, address(this), bond);
        bondsHeld += bond;
        challenges[jobId] = Challenge(msg.sender, CHALLENGE_OPEN, bond, uint64(block.timestamp), 0, 0);
        _log(Codes.CHALLENGE_OPENED, jobId, msg.sender, bond, Codes.NONE);
    }

    /// Upheld: the prover and every attester that voted "verifies" on the paid attempt are slashed, the
    /// challenger gets its bond back plus min(bond, slashed) from the slashes, the job is OVERTURNED.
    /// Rejected: the bond joins the slashed pool.
    function resolveChallenge(uint64 jobId, bool upheld) external {
        _require(msg.sender == arbiter, Codes.NOT_ARBITER);
        Job storage j = _existing(jobId);
        Challenge storage c = challenges[jobId];
        _require(c.status == CHALLENGE_OPEN, Codes.NO_OPEN_CHALLENGE);
        bondsHeld -= c.bond;
        if (!upheld) {
            c.status = CHALLENGE_REJECTED;
            token.transfer(address(registry), c.bond);
            registry.addToPool(c.bond);
            _log(Codes.CHALLENGE_REJECTED, jobId, c.challenger, c.bond, Codes.NONE);
            return;
        }
        c.status = CHALLENGE_UPHELD;
        uint64 slashed = registry.slashFor(j.node);
        _log(Codes.NODE_SLASHED, jobId, j.node, slashed, Codes.RESULT_OVERTURNED);
        address[] storage vs = voters[jobId][j.attempts][Codes.NONE];
        for (uint256 i = 0; i < vs.length; i++) {
            uint64 s = registry.slashFor(vs[i]);
            slashed += s;
            _log(Codes.NODE_SLASHED, jobId, vs[i], s, Codes.WRONG_ATTESTATION);
        }
        uint64 reward = c.bond < slashed ? c.bond : slashed;
        c.slashed = slashed;
        c.reward = reward;
        j.state = OVERTURNED;
        token.transfer(c.challenger, c.bond);
        registry.payFromPool(c.challenger, reward);
        _log(Codes.CHALLENGE_UPHELD, jobId, c.challenger, reward, Codes.NONE);
    }

    function challengeOf(uint64 jobId) external view returns (Challenge memory) {
        return challenges[jobId];
    }

    // --- views ----------------------------------------------------------------------------------------------

    function jobOf(uint64 jobId) external view returns (Job memory) {
        return _existing(jobId);
    }

    /// Running totals next to sums over the current tables (see LedgerAudit); held counts open jobs' escrow
    /// and the feeds' budgets.
    function audit() external view returns (uint256 minted, uint256 balances, uint256 stakes, uint256 held,
                                            uint256 slashedPool, uint256 rewardPool, uint256 bonds,
                                            uint256 posted, uint256 paidOut, uint256 refundedOut) {
        for (uint64 id = 1; id <= jobCount; id++) held += jobs[id].escrowHeld;
        for (uint64 id = 1; id <= feedCount; id++) held += feeds[id].budgetLeft;
        minted = EdgeTokenView(address(token)).totalMinted();
        balances = EdgeTokenView(address(token)).balancesExcept(address(this), address(registry));
        return (minted, balances, registry.sumStakes(), held, registry.slashedPool(), registry.rewardPool(),
                bondsHeld, escrowPosted, paid, refunded);
    }

    function _existing(uint64 jobId) private view returns (Job storage j) {
        j = jobs[jobId];
        _require(j.requester != address(0), Codes.UNKNOWN_JOB);
    }

    /// The job, open and assigned to the caller; anything else is a rejection (same order as the embedded ledger).
    function _assignedToSender(uint64 jobId) private view returns (Job storage j) {
        j = _existing(jobId);
        _require(j.state != PAID && j.state != OVERTURNED, Codes.DUPLICATE_SUBMISSION);
        _require(j.state != REFUNDED, Codes.JOB_NOT_OPEN);
        _require(j.state == ASSIGNED && j.node == msg.sender, Codes.NOT_ASSIGNED_NODE);
    }

    function _open(Job storage j) private view returns (bool) {
        return j.state == POSTED || j.state == ASSIGNED || j.state == FAULTED;
    }
}

interface EdgeTokenView {
    function totalMinted() external view returns (uint256);
    function balancesExcept(address a, address b) external view returns (uint256);
}
