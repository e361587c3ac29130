package io.edgeproof.network;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.EventType;
import io.edgeproof.ledger.Fault;
import io.edgeproof.ledger.InputDigest;
import io.edgeproof.ledger.JobInput;
import io.edgeproof.ledger.JobRequest;
import io.edgeproof.ledger.JobState;
import io.edgeproof.ledger.JobView;
import io.edgeproof.ledger.Ledger;
import io.edgeproof.ledger.LedgerEvent;
import io.edgeproof.ledger.LedgerException;
import io.edgeproof.ledger.ModelId;
import io.edgeproof.ledger.NodeResources;
import io.edgeproof.ledger.NodeView;
import io.edgeproof.ledger.Settlement;
import io.edgeproof.ledger.device.DeviceId;
import io.edgeproof.ledger.device.SignedReading;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Job intake, the content store, matching and tracking, in front of the {@link Ledger}. The ledger holds
 * the money and the rules (it re-checks device signatures, escrow and every proof); the gateway holds what
 * the ledger does not: the models' and inputs' bytes, device keys for nodes to check readings, which node
 * failed which job, the nodes' outboxes, and the published results.
 *
 * <p>One monitor guards the gateway's maps; ledger calls are made under it, so operations are serialised
 * as they would be on one chain, except {@link #submit} on a ledger that {@linkplain
 * Ledger#settlesConcurrently settles concurrently}: there the ledger verifies each proof outside every lock
 * and commits atomically, so results from different nodes verify in parallel. Proving happens on the
 * nodes, outside.
 */
public final class Gateway implements GatewayPort {
    private final Ledger ledger;
    private final ContentStore store;
    /** Hidden inputs ({@link SealedInput}s), apart from the public store: never served by {@link #fetch}. */
    private final ContentStore sealed;
    private final JobMatcher matcher;
    private final InstantSource clock;
    private final Map<ModelId, ContentHash> models = new HashMap<>();
    private final Map<ModelId, ModelTraits> traits = new HashMap<>();
    private final Map<DeviceId, byte[]> devices = new HashMap<>();
    private final Set<Address> nodes = new HashSet<>();
    private final Map<Address, ArrayDeque<Assignment>> outboxes = new HashMap<>();
    /** Open jobs by id, in posting order: the order in which they are matched. */
    private final TreeMap<Long, Ticket> open = new TreeMap<>();
    private final Map<Long, int[]> published = new LinkedHashMap<>();
    private final List<JobResult.Refused> refusals = new ArrayList<>();

    /**
     * What the gateway keeps about an open job beyond the ledger's view; {@code reading} is null for a public
     * input, {@code commitment} null unless the input is hidden (then {@code input} names a sealed input).
     */
    private record Ticket(long jobId, ModelId model, ContentHash input, SignedReading reading, byte[] commitment,
                          Set<Address> failed) {}

    public Gateway(Ledger ledger, ContentStore store, JobMatcher matcher, InstantSource clock) {
        this(ledger, store, new ContentStore(), matcher, clock);
    }

    /** With hidden inputs kept in {@code sealed} (e.g. on disk, beside the public store). */
    public Gateway(Ledger ledger, ContentStore store, ContentStore sealed, JobMatcher matcher, InstantSource clock) {
        this.ledger = ledger;
        this.store = store;
        this.sealed = sealed;
        this.matcher = matcher;
        this.clock = clock;
    }

    public Ledger ledger() {
        return ledger;
    }

    /** Stores the model (.epm bytes) for nodes to fetch and registers its verifier key on the ledger. */
    public synchronized ModelId registerModel(Address owner, byte[] verifierKey, byte[] modelBytes) {
        ModelTraits t = ModelTraits.of(verifierKey, modelBytes);
        ModelId id = ledger.registerModel(owner, verifierKey);
        models.put(id, store.put(modelBytes));
        traits.put(id, t);
        return id;
    }

    public synchronized void registerDevice(Address owner, DeviceId device, byte[] publicKey) {
        ledger.registerDevice(owner, device, publicKey);
        devices.put(device, publicKey.clone());
    }

    /**
     * Posts the job on the ledger (which checks the device, its signature and sequence, and escrows the
     * price) after checking the input is the one the device signed; stores the input for the nodes. A
     * public input (no reading) is posted by its digest. A device reading needs a raw-scale model (the proof
     * starts from the raw reading); a hidden input also needs a model with zero-knowledge proofs, and its
     * reading must sign the commitment its sealed input makes. Throws {@link LedgerException} with the fault,
     * having escrowed nothing.
     */
    public synchronized long submitJob(Address requester, JobOrder order) {
        return submitJob(requester, checkIntake(order));
    }

    /** Posts an order that passed {@link #checkIntake} (e.g. checked before a write-ahead record). */
    public synchronized long submitJob(Address requester, Intake intake) {
        JobOrder order = intake.order;
        SignedReading reading = order.reading();
        JobInput input = reading != null ? new JobInput.Device(reading) : new JobInput.Public(InputDigest.of(order.input()));
        long id = ledger.postJob(requester, new JobRequest(order.model(), input, order.price(), order.deadline()));
        ContentHash stored = storeInput(order);
        open.put(id, new Ticket(id, order.model(), stored, reading, intake.commitment, new HashSet<>()));
        return id;
    }

    /** An order that passed intake's checks, with the input commitment of a hidden input (null otherwise). */
    public static final class Intake {
        private final JobOrder order;
        private final byte[] commitment;

        private Intake(JobOrder order, byte[] commitment) {
            this.order = order;
            this.commitment = commitment;
        }

        public Optional<byte[]> commitment() {
            return Optional.ofNullable(commitment).map(byte[]::clone);
        }
    }

    /** Stores the order's input for the nodes, a hidden one in the sealed store; returns its content hash. */
    public ContentHash storeInput(JobOrder order) {
        return order.inputHidden() ? sealed.put(order.sealed().toBytes()) : store.put(InputBytes.encode(order.input()));
    }

    /**
     * Checks the order against its model and reading (the ledger checks the device, signature, sequence and
     * escrow): UNKNOWN_MODEL, or INVALID_REQUEST for a wrong input size, a device reading on a model without a
     * raw scale, a hidden input on a model without zero-knowledge proofs, or a reading that does not sign the
     * input (its digest, or its commitment's).
     */
    public synchronized Intake checkIntake(JobOrder order) {
        ModelTraits t = traits.get(order.model());
        if (t == null) {
            throw new LedgerException(Fault.UNKNOWN_MODEL, "the gateway does not hold model " + order.model());
        }
        if (order.input().length != t.inputSize()) {
            throw new LedgerException(Fault.INVALID_REQUEST, "the input has " + order.input().length
                    + " values, model " + order.model() + " takes " + t.inputSize());
        }
        SignedReading reading = order.reading();
        if (reading != null) {
            t.requireRawInput(order.model());
        }
        if (!order.inputHidden()) {
            if (reading != null && !Arrays.equals(InputDigest.of(order.input()), reading.reading().readingHash())) {
                throw new LedgerException(Fault.INVALID_REQUEST, "the input is not the one reading #"
                        + reading.reading().sequence() + " of " + reading.reading().deviceId() + " signs");
            }
            return new Intake(order, null);
        }
        if (reading == null) {
            throw new LedgerException(Fault.INVALID_REQUEST, "a hidden input is a device's signed commitment: the"
                    + " job needs the reading");
        }
        byte[] commitment = t.commit(order.model(), order.sealed());
        if (!Arrays.equals(InputDigest.ofCommitment(commitment), reading.reading().readingHash())) {
            throw new LedgerException(Fault.INVALID_REQUEST, "the hidden input and seed do not make the commitment"
                    + " reading #" + reading.reading().sequence() + " of " + reading.reading().deviceId() + " signs");
        }
        return new Intake(order, commitment);
    }

    /** The input commitment of a hidden job the gateway tracks (empty for a public input or an unknown job). */
    public synchronized Optional<byte[]> inputCommitment(long jobId) {
        Ticket t = open.get(jobId);
        return t == null || t.commitment == null ? Optional.empty() : Optional.of(t.commitment.clone());
    }

    /**
     * Matches every open, unassigned job to a node (in job order) and queues the assignment in the node's
     * outbox; returns how many were assigned. The pass is one {@linkplain Ledger#batch ledger batch} (one
     * fsync on the embedded ledger, not one per assignment), and nodes are told only once it committed.
     */
    public synchronized int dispatch() {
        long now = clock.instant().getEpochSecond();
        Map<Address, List<Assignment>> made = new LinkedHashMap<>();
        try {
            ledger.batch(() -> assignOpenJobs(now, made));
        } catch (RuntimeException e) {
            // A back end that runs a batch call by call keeps what it assigned before the failure: tell those nodes.
            made.forEach((node, list) -> list.removeIf(a -> !ledger.job(a.jobId()).map(j ->
                    j.state() == JobState.ASSIGNED && node.equals(j.node())).orElse(false)));
            queue(made);
            throw e;
        }
        queue(made);
        return made.values().stream().mapToInt(List::size).sum();
    }

    private void queue(Map<Address, List<Assignment>> made) {
        made.forEach((node, list) -> outboxes.computeIfAbsent(node, a -> new ArrayDeque<>()).addAll(list));
    }

    /** Assigns the open, unassigned jobs on the ledger, adding each assignment made to {@code made} by node. */
    private Void assignOpenJobs(long now, Map<Address, List<Assignment>> made) {
        // Nodes are read once per dispatch, not once per job: N nodes and M open jobs cost N + M reads, not N x M.
        List<NodeView> views = nodes.stream().map(a -> ledger.node(a).orElseThrow()).toList();
        JobMatcher.Candidates candidates = matcher.candidates(views, now);
        for (Ticket t : open.values()) {
            JobView job = ledger.job(t.jobId).orElseThrow();
            if (job.state() != JobState.POSTED && job.state() != JobState.FAULTED) {
                continue;
            }
            Optional<Address> node = assign(t, job, candidates);
            if (node.isPresent()) {
                JobView held = ledger.job(t.jobId).orElseThrow();
                made.computeIfAbsent(node.get(), a -> new ArrayList<>()).add(assignment(t, held));
            }
        }
        return null;
    }

    private Assignment assignment(Ticket t, JobView held) {
        Assignment.Hidden hidden = t.commitment == null ? null : new Assignment.Hidden(t.commitment, held.attempts() - 1);
        return new Assignment(ledger.chainId(), t.jobId, t.model, models.get(t.model), t.input, t.reading,
                held.assignmentDeadline(), hidden);
    }

    /**
     * Assigns the job to the best candidate the ledger accepts. A settlement committed on another thread
     * since the nodes were read may have excluded a candidate from the job or slashed it below the minimum
     * stake: the ledger refuses it (NODE_EXCLUDED, NODE_NOT_ELIGIBLE), and the next candidate is tried.
     */
    private Optional<Address> assign(Ticket t, JobView job, JobMatcher.Candidates candidates) {
        for (Optional<Address> node = candidates.match(job, t.failed); node.isPresent();
             node = candidates.match(job, t.failed)) {
            try {
                ledger.assign(t.jobId, node.get());
                candidates.update(ledger.node(node.get()).orElseThrow());
                return node;
            } catch (LedgerException e) {
                switch (e.fault()) {
                    case NODE_EXCLUDED -> t.failed.add(node.get());
                    case NODE_NOT_ELIGIBLE -> candidates.remove(node.get());
                    default -> throw e;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Applies the ledger's time rules, remembers which nodes they faulted (the ledger excludes them from the
     * job), and stops tracking jobs that are paid or refunded.
     */
    public synchronized List<LedgerEvent> tick() {
        List<LedgerEvent> events = ledger.tick();
        for (LedgerEvent e : events) {
            Ticket t = e.type() == EventType.NODE_FAULTED ? open.get(e.jobId()) : null;
            if (t != null) {
                t.failed.add(e.address());
            }
        }
        open.values().removeIf(t -> !ledger.job(t.jobId).orElseThrow().state().open());
        return events;
    }

    /** True when no posted job is still open. */
    public synchronized boolean idle() {
        return open.isEmpty();
    }

    /** Posted jobs neither paid nor refunded yet. */
    public synchronized int openJobs() {
        return open.size();
    }

    public synchronized Optional<JobView> job(long jobId) {
        return ledger.job(jobId);
    }

    /** The verified outputs of a paid job. */
    public synchronized Optional<int[]> result(long jobId) {
        return Optional.ofNullable(published.get(jobId)).map(int[]::clone);
    }

    public synchronized List<JobResult.Refused> refusals() {
        return List.copyOf(refusals);
    }

    // --- GatewayPort: what nodes call ------------------------------------------------------------------------

    @Override
    public synchronized void registerNode(Address node, long stake, NodeResources resources) {
        ledger.registerNode(node, stake, resources);
        nodes.add(node);
    }

    @Override
    public synchronized void heartbeat(Address node) {
        ledger.heartbeat(node);
    }

    @Override
    public synchronized List<Assignment> pollAssignments(Address node) {
        ArrayDeque<Assignment> box = outboxes.remove(node);
        return box == null ? List.of() : List.copyOf(box);
    }

    @Override
    public byte[] fetch(ContentHash hash) {
        return store.get(hash).orElseThrow(() -> new NetworkException("no stored object " + hash));
    }

    @Override
    public synchronized byte[] fetchSealedInput(Address node, long jobId) {
        Ticket t = open.get(jobId);
        JobView job = ledger.job(jobId).orElseThrow(() -> new LedgerException(Fault.UNKNOWN_JOB, "job " + jobId));
        if (t == null || t.commitment == null) {
            throw new LedgerException(Fault.INVALID_REQUEST, "job " + jobId + " has no hidden input the gateway holds");
        }
        if (job.state() != JobState.ASSIGNED || !node.equals(job.node())) {
            throw new LedgerException(Fault.NOT_ASSIGNED_NODE, "job " + jobId + "'s hidden input goes to its assigned"
                    + " node only, not " + node);
        }
        return sealed.get(t.input).orElseThrow(() -> new NetworkException("no sealed input " + t.input));
    }

    @Override
    public synchronized byte[] devicePublicKey(DeviceId device) {
        byte[] key = devices.get(device);
        if (key == null) {
            throw new NetworkException("no device " + device + " registered through this gateway");
        }
        return key.clone();
    }

    @Override
    public Settlement submit(JobResult.Proved result) {
        Settlement s;
        if (ledger.settlesConcurrently()) {
            s = ledger.submitResult(result.jobId(), result.node(), result.proof(), result.outputs());
        } else {
            synchronized (this) {
                s = ledger.submitResult(result.jobId(), result.node(), result.proof(), result.outputs());
            }
        }
        return record(s);
    }

    /** What the gateway keeps of a settlement: a paid job's outputs, or the node that failed the job. */
    private synchronized Settlement record(Settlement s) {
        switch (s) {
            case Settlement.Paid p -> {
                published.put(p.jobId(), p.outputs());
                open.remove(p.jobId());
            }
            case Settlement.Faulted f -> {
                Ticket t = open.get(f.jobId());
                if (t != null) {
                    t.failed.add(f.node());
                }
            }
        }
        return s;
    }

    /** Gives the job back on the ledger (reopened at once, no slash) and never matches the node to it again. */
    @Override
    public synchronized void refuse(JobResult.Refused refusal) {
        ledger.releaseJob(refusal.jobId(), refusal.node());
        refusals.add(refusal);
        Ticket t = open.get(refusal.jobId());
        if (t != null) {
            t.failed.add(refusal.node());
        }
    }

    /**
     * Tracks a job the ledger opened from a standing feed ({@link FeedRelay}): stores its input for the
     * nodes to fetch and matches it like any other job. The caller has checked the input against the reading.
     */
    public synchronized void track(long jobId, ModelId model, int[] input, SignedReading reading) {
        if (!models.containsKey(model)) {
            throw new LedgerException(Fault.UNKNOWN_MODEL, "the gateway does not hold model " + model);
        }
        ContentHash stored = store.put(InputBytes.encode(input));
        open.put(jobId, new Ticket(jobId, model, stored, reading, null, new HashSet<>()));
    }

    /** Throws INVALID_REQUEST unless the model takes raw device readings (a feed checks this when it opens). */
    public synchronized void requireRawInput(ModelId model) {
        ModelTraits t = traits.get(model);
        if (t == null) {
            throw new LedgerException(Fault.UNKNOWN_MODEL, "the gateway does not hold model " + model);
        }
        t.requireRawInput(model);
    }

    // --- Recovery: what a restarted gateway reloads (network.persist) -----------------------------------------

    /** A model whose bytes the gateway stored before a restart. */
    public synchronized void restoreModel(ModelId id, byte[] verifierKey, ContentHash content) {
        byte[] bytes = store.get(content).orElseThrow(() -> new IllegalStateException("the content store lost model "
                + id + " (" + content + ")"));
        traits.put(id, ModelTraits.of(verifierKey, bytes));
        models.put(id, content);
    }

    public synchronized void restoreDevice(DeviceId device, byte[] publicKey) {
        devices.put(device, publicKey.clone());
    }

    public synchronized void restoreNode(Address node) {
        nodes.add(node);
    }

    /**
     * An open job accepted before a restart, with the nodes that already failed it ({@code reading} null for
     * a public input, {@code commitment} null unless the input is hidden). If the ledger shows it assigned,
     * the assignment goes back into that node's outbox: a node that polled it before the restart is handed it
     * again and must ignore a job it already works on.
     */
    public synchronized void restoreJob(long jobId, ModelId model, ContentHash input, SignedReading reading,
                                        byte[] commitment, Set<Address> failed) {
        Ticket t = new Ticket(jobId, model, input, reading, commitment, new HashSet<>(failed));
        open.put(jobId, t);
        JobView job = ledger.job(jobId).orElseThrow();
        if (job.state() == JobState.ASSIGNED) {
            outboxes.computeIfAbsent(job.node(), a -> new ArrayDeque<>()).add(assignment(t, job));
        }
    }
}
