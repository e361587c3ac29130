package io.edgeproof.ledger.embedded;

import static io.edgeproof.ledger.embedded.LedgerCore.require;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.ChallengeView;
import io.edgeproof.ledger.EpochShare;
import io.edgeproof.ledger.EpochView;
import io.edgeproof.ledger.EventType;
import io.edgeproof.ledger.Fault;
import io.edgeproof.ledger.FeedRequest;
import io.edgeproof.ledger.FeedView;
import io.edgeproof.ledger.JobInput;
import io.edgeproof.ledger.JobRequest;
import io.edgeproof.ledger.JobState;
import io.edgeproof.ledger.JobView;
import io.edgeproof.ledger.Ledger;
import io.edgeproof.ledger.LedgerAudit;
import io.edgeproof.ledger.LedgerEvent;
import io.edgeproof.ledger.LedgerException;
import io.edgeproof.ledger.LedgerRules;
import io.edgeproof.ledger.ModelId;
import io.edgeproof.ledger.NodeResources;
import io.edgeproof.ledger.NodeStatus;
import io.edgeproof.ledger.NodeView;
import io.edgeproof.ledger.ProofVerifier;
import io.edgeproof.ledger.Settlement;
import io.edgeproof.ledger.VerifiedResult;
import io.edgeproof.ledger.crypto.Keccak256;
import io.edgeproof.ledger.crypto.Secp256k1;
import io.edgeproof.ledger.device.DeviceId;
import io.edgeproof.ledger.device.SignedReading;
import io.edgeproof.ledger.embedded.LedgerCore.Totals;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The ledger in one SQLite file, for one machine and for tests. Every operation is one transaction on the
 * store; rules read time only from the injected clock (whole seconds), so a run is reproducible.
 */
public final class EmbeddedLedger implements Ledger {
    /** Reputation: +1 per verified result, -10 per fault (never below 0). */
    static final long REPUTATION_GAIN = 1;
    static final long REPUTATION_PENALTY = 10;

    /** Reputation lost for releasing a job: less than a fault, so a declared inability costs less. */
    static final long RELEASE_REPUTATION_PENALTY = 1;

    private final LedgerStore store;
    private final long chainId;
    private final LedgerRules rules;
    private final LedgerCore core;
    private final EpochBook epochs;
    private final ChallengeDesk challenges;
    private final FeedBook feeds;

    private EmbeddedLedger(LedgerStore store, long chainId, LedgerRules rules, InstantSource clock,
                           ProofVerifier verifier) {
        this.store = store;
        this.chainId = chainId;
        this.rules = rules;
        this.core = new LedgerCore(store, rules, chainId, clock, verifier);
        this.epochs = new EpochBook(core);
        this.challenges = new ChallengeDesk(core);
        this.feeds = new FeedBook(core);
    }

    /**
     * Opens (or creates) the ledger at {@code file}. A ledger created with another chain id or other rules
     * refuses to open: its history was settled under those.
     */
    public static EmbeddedLedger open(Path file, long chainId, LedgerRules rules, InstantSource clock,
                                      ProofVerifier verifier) {
        LedgerStore store = new LedgerStore(file);
        try {
            store.inTransaction(() -> {
                checkOrStore(store, Totals.CHAIN_ID, chainId);
                checkOrStore(store, "rule_min_stake", rules.minStake());
                checkOrStore(store, "rule_slash_bps", rules.slashBasisPoints());
                checkOrStore(store, "rule_heartbeat_timeout", rules.heartbeatTimeout());
                checkOrStore(store, "rule_assignment_window", rules.assignmentWindow());
                checkOrStore(store, "rule_unbonding_period", rules.unbondingPeriod());
                checkOrStore(store, "rule_epoch_length", rules.epochLength());
                checkOrStore(store, "rule_epoch_emission", rules.epochEmission());
                checkOrStore(store, "rule_work_reward_bps", rules.workRewardBasisPoints());
                checkOrStore(store, "rule_challenge_window", rules.challengeWindow());
                checkOrStore(store, "rule_challenge_bond", rules.challengeBond());
                return null;
            });
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return new EmbeddedLedger(store, chainId, rules, clock, verifier);
    }

    private static void checkOrStore(LedgerStore store, String key, long value) throws SQLException {
        Optional<Long> stored = store.meta(key);
        if (stored.isEmpty()) {
            store.putMeta(key, value);
        } else if (stored.get() != value) {
            throw new IllegalStateException("this ledger was created with " + key + " = " + stored.get()
                    + ", not " + value);
        }
    }

    private long now() {
        return core.now();
    }

    @Override
    public long chainId() {
        return chainId;
    }

    @Override
    public LedgerRules rules() {
        return rules;
    }

    /** Every operation is one transaction under the store's lock; submitResult verifies outside it. */
    @Override
    public boolean settlesConcurrently() {
        return true;
    }

    /** One store transaction around the calls; each call inside is a savepoint of it. */
    @Override
    public <T> T batch(Supplier<T> calls) {
        return store.inTransaction(calls::get);
    }

    @Override
    public void mint(Address to, long amount) {
        require(amount > 0, Fault.INVALID_REQUEST, "mint a positive amount");
        store.inTransaction(() -> {
            credit(to, amount);
            store.addTotal(Totals.MINTED, amount);
            event(EventType.MINTED, 0, to, amount, null, "minted " + amount);
            return null;
        });
    }

    @Override
    public void registerNode(Address node, long stake, NodeResources resources) {
        require(stake >= rules.minStake(), Fault.STAKE_TOO_LOW, stake + " < minimum " + rules.minStake());
        store.inTransaction(() -> {
            require(store.node(node).isEmpty(), Fault.ALREADY_REGISTERED, "node " + node);
            require(store.balance(node) >= stake, Fault.INSUFFICIENT_BALANCE, "balance " + store.balance(node));
            store.setBalance(node, store.balance(node) - stake);
            NodeRow n = new NodeRow(node, resources);
            n.stake = stake;
            n.status = NodeStatus.ONLINE;
            n.lastHeartbeat = now();
            store.insertNode(n);
            epochs.recordUptime(n);
            event(EventType.NODE_REGISTERED, 0, node, stake, null, "staked " + stake);
            return null;
        });
    }

    @Override
    public void heartbeat(Address node) {
        store.inTransaction(() -> {
            NodeRow n = existingNode(node);
            require(n.status != NodeStatus.EXITED, Fault.NODE_NOT_ELIGIBLE, "the node exited");
            n.lastHeartbeat = now();
            if (n.status == NodeStatus.OFFLINE) {
                n.status = NodeStatus.ONLINE;
                event(EventType.NODE_HEARTBEAT_RESTORED, 0, node, 0, null, "back online");
            }
            store.updateNode(n);
            epochs.recordUptime(n);
            return null;
        });
    }

    @Override
    public void unbond(Address node) {
        store.inTransaction(() -> {
            NodeRow n = existingNode(node);
            require(n.status == NodeStatus.ONLINE || n.status == NodeStatus.OFFLINE, Fault.NODE_NOT_ELIGIBLE,
                    "the node is " + n.status);
            n.status = NodeStatus.UNBONDING;
            n.unbondAt = Math.addExact(now(), rules.unbondingPeriod());
            store.updateNode(n);
            event(EventType.NODE_UNBONDING, 0, node, n.stake, null, "withdrawable at " + n.unbondAt);
            return null;
        });
    }

    @Override
    public void withdrawStake(Address node) {
        store.inTransaction(() -> {
            NodeRow n = existingNode(node);
            require(n.status == NodeStatus.UNBONDING && now() >= n.unbondAt && n.activeJobs == 0,
                    Fault.UNBONDING_NOT_FINISHED, "status " + n.status + ", withdrawable at " + n.unbondAt
                            + ", jobs held " + n.activeJobs);
            long stake = n.stake;
            credit(node, stake);
            n.stake = 0;
            n.status = NodeStatus.EXITED;
            store.updateNode(n);
            event(EventType.STAKE_WITHDRAWN, 0, node, stake, null, "withdrew " + stake);
            return null;
        });
    }

    @Override
    public ModelId registerModel(Address owner, byte[] verifierKey) {
        ModelId id = core.verifier().modelIdOf(verifierKey);
        return store.inTransaction(() -> {
            require(store.verifierKey(id).isEmpty(), Fault.ALREADY_REGISTERED, "model " + id);
            store.insertModel(id, owner, verifierKey.clone(), now());
            event(EventType.MODEL_REGISTERED, 0, owner, 0, null, "model " + id);
            return id;
        });
    }

    @Override
    public void registerDevice(Address owner, DeviceId device, byte[] publicKey) {
        byte[] key;
        try {
            key = Secp256k1.uncompressed(publicKey);
        } catch (IllegalArgumentException e) {
            throw new LedgerException(Fault.BAD_PUBLIC_KEY, e.getMessage());
        }
        store.inTransaction(() -> {
            require(store.device(device).isEmpty(), Fault.ALREADY_REGISTERED, "device " + device);
            store.insertDevice(device, owner, key);
            event(EventType.DEVICE_REGISTERED, 0, owner, 0, null, "device " + device);
            return null;
        });
    }

    @Override
    public long postJob(Address requester, JobRequest request) {
        require(request.price() > 0, Fault.INVALID_REQUEST, "the price must be positive");
        return store.inTransaction(() -> {
            long now = now();
            require(request.deadline() > now, Fault.INVALID_REQUEST, "the deadline " + request.deadline()
                    + " is not after now (" + now + ")");
            require(store.verifierKey(request.model()).isPresent(), Fault.UNKNOWN_MODEL, "model " + request.model());
            if (request.input() instanceof JobInput.Device d) {
                core.acceptReading(d.reading());
            }
            long balance = store.balance(requester);
            require(balance >= request.price(), Fault.INSUFFICIENT_ESCROW, "balance " + balance + " < price "
                    + request.price());
            store.setBalance(requester, balance - request.price());
            store.addTotal(Totals.ESCROW_POSTED, request.price());
            return core.newJob(requester, request.model(), request.input().digest(), request.price(),
                    request.deadline(), "escrowed " + request.price());
        });
    }

    @Override
    public void assign(long jobId, Address node) {
        store.inTransaction(() -> {
            long now = now();
            JobRow j = existingJob(jobId);
            require(j.state.open() && now <= j.deadline, Fault.JOB_NOT_OPEN, "job " + jobId + " is " + j.state
                    + (j.state.open() ? " and past its deadline" : ""));
            require(j.state != JobState.ASSIGNED, Fault.JOB_ALREADY_ASSIGNED, "job " + jobId + " is held by " + j.node);
            NodeRow n = existingNode(node);
            require(!store.excluded(jobId, node), Fault.NODE_EXCLUDED, node + " already failed job " + jobId);
            require(n.status == NodeStatus.ONLINE && now - n.lastHeartbeat <= rules.heartbeatTimeout(),
                    Fault.NODE_NOT_ELIGIBLE, node + " is " + n.status + ", last heartbeat " + n.lastHeartbeat);
            require(n.stake >= rules.minStake(), Fault.NODE_NOT_ELIGIBLE, node + " stake " + n.stake + " < minimum");
            require(n.serves(j.model), Fault.NODE_NOT_ELIGIBLE, node + " does not serve model " + j.model);
            boolean again = j.state == JobState.FAULTED;
            j.state = JobState.ASSIGNED;
            j.node = node;
            j.attempts++;
            j.assignmentDeadline = Math.min(Math.addExact(now, rules.assignmentWindow()), j.deadline);
            store.updateJob(j);
            n.activeJobs++;
            store.updateNode(n);
            event(again ? EventType.JOB_REASSIGNED : EventType.JOB_ASSIGNED, jobId, node, 0, null,
                    "attempt " + j.attempts + ", due " + j.assignmentDeadline);
            return null;
        });
    }

    /**
     * Three steps, so that verification (milliseconds to tens of milliseconds) never holds the store: admit
     * under the lock (who may submit; deadline and replay faults), verify outside it, then commit under the
     * lock only if the job is still in the attempt that was admitted; otherwise the submission is rejected.
     */
    @Override
    public Settlement submitResult(long jobId, Address node, byte[] proof, int[] outputs) {
        byte[] proofHash = Keccak256.hash(proof);
        Admission admitted = store.inTransaction(() -> {
            long now = now();
            JobRow j = assignedTo(jobId, node);
            NodeRow n = existingNode(node);
            if (now > j.assignmentDeadline) {
                return new Admission(j, null, fault(j, n, Fault.DEADLINE_MISSED, "submitted at " + now + ", due "
                        + j.assignmentDeadline));
            }
            long replayedFrom = store.acceptedProofJob(proofHash);
            if (replayedFrom >= 0) {
                return new Admission(j, null, fault(j, n, Fault.REPLAYED_RESULT, "the proof of job " + replayedFrom));
            }
            return new Admission(j, store.verifierKey(j.model).orElseThrow(), null);
        });
        if (admitted.outcome() != null) {
            return admitted.outcome();
        }
        LedgerCore.Check check = core.check(admitted.job(), admitted.verifierKey(), node, proof, outputs);
        return store.inTransaction(() -> {
            JobRow j = assignedTo(jobId, node);
            require(j.attempts == admitted.job().attempts, Fault.NOT_ASSIGNED_NODE,
                    "job " + jobId + " was reassigned while the proof was verified");
            NodeRow n = existingNode(node);
            long replayedFrom = store.acceptedProofJob(proofHash);
            if (replayedFrom >= 0) {
                return fault(j, n, Fault.REPLAYED_RESULT, "the proof of job " + replayedFrom);
            }
            if (check.fault() != null) {
                return fault(j, n, check.fault(), check.detail());
            }
            return pay(j, n, check.result(), proof, proofHash);
        });
    }

    /** The job as admitted; a key to verify with, or the outcome already committed (a fault). */
    private record Admission(JobRow job, byte[] verifierKey, Settlement outcome) {}

    /** The job, open and assigned to {@code node}; anything else is a rejection. */
    private JobRow assignedTo(long jobId, Address node) throws SQLException {
        JobRow j = existingJob(jobId);
        require(j.state != JobState.PAID && j.state != JobState.OVERTURNED, Fault.DUPLICATE_SUBMISSION,
                "job " + jobId + " was already paid");
        require(j.state != JobState.REFUNDED, Fault.JOB_NOT_OPEN, "job " + jobId + " was refunded");
        require(j.state == JobState.ASSIGNED && node.equals(j.node), Fault.NOT_ASSIGNED_NODE,
                "job " + jobId + " is " + j.state + (j.node == null ? "" : " to " + j.node));
        return j;
    }

    private Settlement pay(JobRow j, NodeRow n, VerifiedResult result, byte[] proof, byte[] proofHash)
            throws SQLException {
        long amount = j.escrowHeld;
        credit(n.address, amount);
        store.addTotal(Totals.PAID, amount);
        j.escrowHeld = 0;
        j.state = JobState.PAID;
        store.updateJob(j);
        n.activeJobs--;
        n.reputation += REPUTATION_GAIN;
        n.earnedTotal = Math.addExact(n.earnedTotal, amount);
        store.updateNode(n);
        store.acceptProof(proofHash, j.id);
        epochs.recordVerifiedJob(n.address);
        challenges.recordPaid(j, n.address, proof, result.outputs());
        event(EventType.JOB_PAID, j.id, n.address, amount, null, "verified on attempt " + j.attempts);
        return new Settlement.Paid(j.id, n.address, amount, result.outputs());
    }

    /** Slashes (if the fault slashes), excludes the node from the job and reopens the job as FAULTED. */
    private Settlement.Faulted fault(JobRow j, NodeRow n, Fault fault, String detail) throws SQLException {
        long slash = fault.slashes() ? core.slash(n) : 0;
        n.reputation = Math.max(0, n.reputation - REPUTATION_PENALTY);
        reopen(j, n, fault);
        event(EventType.NODE_FAULTED, j.id, n.address, slash, fault, detail);
        return new Settlement.Faulted(j.id, n.address, fault, slash, detail);
    }

    /** Takes the job back from its node, excludes the node from it and leaves it FAULTED for another node. */
    private void reopen(JobRow j, NodeRow n, Fault fault) throws SQLException {
        n.activeJobs--;
        store.updateNode(n);
        store.exclude(j.id, n.address);
        j.state = JobState.FAULTED;
        j.node = null;
        j.assignmentDeadline = 0;
        j.lastFault = fault;
        store.updateJob(j);
    }

    @Override
    public void releaseJob(long jobId, Address node) {
        store.inTransaction(() -> {
            JobRow j = assignedTo(jobId, node);
            require(now() <= j.assignmentDeadline, Fault.RELEASE_TOO_LATE, "due " + j.assignmentDeadline);
            NodeRow n = existingNode(node);
            n.reputation = Math.max(0, n.reputation - RELEASE_REPUTATION_PENALTY);
            reopen(j, n, Fault.JOB_RELEASED);
            event(EventType.JOB_RELEASED, jobId, node, 0, Fault.JOB_RELEASED, "released on attempt " + j.attempts
                    + "; escrow " + j.escrowHeld + " stays");
            return null;
        });
    }

    @Override
    public List<LedgerEvent> tick() {
        return store.inTransaction(() -> {
            long now = now();
            long before = store.lastEventSeq();
            for (NodeRow n : store.nodesWithStatus(NodeStatus.ONLINE)) {
                if (now - n.lastHeartbeat > rules.heartbeatTimeout()) {
                    n.status = NodeStatus.OFFLINE;
                    store.updateNode(n);
                    event(EventType.NODE_OFFLINE, 0, n.address, 0, null, "last heartbeat " + n.lastHeartbeat);
                }
            }
            for (JobRow j : store.openJobs()) {
                if (j.state == JobState.ASSIGNED) {
                    NodeRow n = existingNode(j.node);
                    if (now > j.assignmentDeadline) {
                        fault(j, n, Fault.DEADLINE_MISSED, "no valid result by " + j.assignmentDeadline);
                    } else if (now - n.lastHeartbeat > rules.heartbeatTimeout()) {
                        fault(j, n, Fault.NODE_OFFLINE, "last heartbeat " + n.lastHeartbeat);
                    }
                }
                if (now > j.deadline) {
                    refund(j);
                }
            }
            return store.events(before, Integer.MAX_VALUE);
        });
    }

    private void refund(JobRow j) throws SQLException {
        long amount = j.escrowHeld;
        credit(j.requester, amount);
        store.addTotal(Totals.REFUNDED, amount);
        j.escrowHeld = 0;
        j.state = JobState.REFUNDED;
        store.updateJob(j);
        event(EventType.JOB_REFUNDED, j.id, j.requester, amount, j.lastFault, "no verified result by " + j.deadline);
    }

    @Override
    public EpochView closeEpoch(long epoch) {
        return store.inTransaction(() -> epochs.close(epoch));
    }

    @Override
    public long claimReward(Address node, long epoch) {
        return store.inTransaction(() -> epochs.claim(node, epoch));
    }

    @Override
    public EpochView epoch(long epoch) {
        return store.inTransaction(() -> epochs.view(epoch));
    }

    @Override
    public EpochShare epochShare(long epoch, Address node) {
        return store.inTransaction(() -> epochs.share(epoch, node));
    }

    /** Re-verifies at once, under the store's lock (challenges are rare); see {@link ChallengeDesk}. */
    @Override
    public ChallengeView challenge(Address challenger, long jobId, long bond) {
        return store.inTransaction(() -> challenges.challenge(challenger, jobId, bond));
    }

    @Override
    public ChallengeView resolveChallenge(Address arbiter, long jobId, boolean upheld) {
        return store.inTransaction(() -> challenges.resolve(jobId));
    }

    @Override
    public Optional<ChallengeView> challengeOf(long jobId) {
        return store.inTransaction(() -> challenges.view(jobId));
    }

    @Override
    public long openFeed(Address requester, FeedRequest request) {
        return store.inTransaction(() -> feeds.open(requester, request));
    }

    @Override
    public long postFeedJob(long feedId, SignedReading reading) {
        return store.inTransaction(() -> feeds.postJob(feedId, reading));
    }

    @Override
    public long closeFeed(Address requester, long feedId) {
        return store.inTransaction(() -> feeds.close(requester, feedId));
    }

    @Override
    public Optional<FeedView> feed(long feedId) {
        return store.inTransaction(() -> feeds.view(feedId));
    }

    @Override
    public long balanceOf(Address account) {
        return store.inTransaction(() -> store.balance(account));
    }

    @Override
    public Optional<NodeView> node(Address node) {
        return store.inTransaction(() -> store.node(node).map(NodeRow::view));
    }

    @Override
    public Optional<JobView> job(long jobId) {
        return store.inTransaction(() -> store.job(jobId).map(JobRow::view));
    }

    @Override
    public List<LedgerEvent> events(long afterSeq, int limit) {
        return store.inTransaction(() -> store.events(afterSeq, limit));
    }

    @Override
    public LedgerAudit audit() {
        return store.inTransaction(() -> new LedgerAudit(store.total(Totals.MINTED),
                store.sum("SELECT COALESCE(SUM(balance), 0) FROM accounts"),
                store.sum("SELECT COALESCE(SUM(stake), 0) FROM nodes"),
                Math.addExact(store.sum("SELECT COALESCE(SUM(escrow_held), 0) FROM jobs"), feeds.budgetsHeld()),
                store.total(Totals.SLASHED_POOL), store.total(Totals.REWARD_POOL), 0,
                store.total(Totals.ESCROW_POSTED), store.total(Totals.PAID), store.total(Totals.REFUNDED)));
    }

    @Override
    public void close() {
        store.close();
    }

    private NodeRow existingNode(Address node) throws SQLException {
        return core.existingNode(node);
    }

    private JobRow existingJob(long id) throws SQLException {
        return core.existingJob(id);
    }

    private void credit(Address a, long amount) throws SQLException {
        core.credit(a, amount);
    }

    private void event(EventType type, long jobId, Address a, long amount, Fault fault, String detail)
            throws SQLException {
        core.event(type, jobId, a, amount, fault, detail);
    }
}
