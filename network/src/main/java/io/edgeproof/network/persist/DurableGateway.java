package io.edgeproof.network.persist;

import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.EventType;
import io.edgeproof.ledger.Fault;
import io.edgeproof.ledger.JobState;
import io.edgeproof.ledger.JobView;
import io.edgeproof.ledger.Ledger;
import io.edgeproof.ledger.LedgerEvent;
import io.edgeproof.ledger.LedgerException;
import io.edgeproof.ledger.ModelId;
import io.edgeproof.ledger.NodeResources;
import io.edgeproof.ledger.Settlement;
import io.edgeproof.ledger.crypto.Secp256k1;
import io.edgeproof.ledger.device.DeviceId;
import io.edgeproof.ledger.embedded.EmbeddedLedger;
import io.edgeproof.ledger.zkml.ZkmlProofVerifier;
import io.edgeproof.network.Assignment;
import io.edgeproof.network.ContentHash;
import io.edgeproof.network.ContentStore;
import io.edgeproof.network.Gateway;
import io.edgeproof.network.JobMatcher;
import io.edgeproof.network.JobOrder;
import io.edgeproof.network.JobResult;
import io.edgeproof.network.persist.GatewayStore.Published;
import io.edgeproof.network.persist.GatewayStore.Submission;
import io.edgeproof.zkml.proof.VerifierKey;
import io.edgeproof.zkml.quant.ModelCodec;
import io.edgeproof.zkml.quant.QuantizedModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * A {@link Gateway} that survives kill -9: the ledger (ledger.db), the content store (content/) and
 * everything else the gateway knows (gateway.db) live in one data directory, and {@link #open} rebuilds the
 * in-memory gateway from them. Two files cannot commit together, so every operation that touches both
 * writes its intent to gateway.db first, then calls the ledger, then records the outcome; on restart the
 * intents are settled against the ledger, which is the truth for money:
 * <ul>
 *   <li>a job intake is posted as the next job id (the gateway is the ledger's only writer and posts one job
 *       at a time), so an intake in flight is either that ledger job or was never posted;</li>
 *   <li>a result is recorded before the ledger sees it, so the outputs of a job paid just before a crash are
 *       still published; a result the ledger did not pay is dropped (the node retries or was faulted);</li>
 *   <li>a model or device registration in flight is completed (registration is idempotent by id);</li>
 *   <li>nodes, and which node failed which job, are read back from the ledger's event log; assignments
 *       (the outboxes) from the ledger's assigned jobs.</li>
 * </ul>
 * Nothing is paid twice: payment happens only inside the ledger, which pays a job once.
 */
public final class DurableGateway implements AutoCloseable {
    private final GatewaySettings settings;
    private final GatewayStore store;
    private final Ledger ledger;
    private final ContentStore content;
    private final Gateway gateway;
    private final InstantSource clock;
    private final ZkmlProofVerifier verifier = new ZkmlProofVerifier();
    /** Assignments handed to each node and not yet settled: a poll returns them until the job leaves the node. */
    private final Map<Address, TreeMap<Long, Assignment>> held = new HashMap<>();
    private final Recovery recovery;

    /** What {@link #open} found and settled. */
    public record Recovery(int openJobs, int assignedJobs, int nodes, int outputsRecovered, boolean intakeRecovered,
                           long lastEventSeq) {}

    private DurableGateway(GatewaySettings settings, GatewayStore store, Ledger ledger, ContentStore content,
                           ContentStore sealed, InstantSource clock) {
        this.settings = settings;
        this.store = store;
        this.ledger = ledger;
        this.content = content;
        this.clock = clock;
        this.gateway = new Gateway(ledger, content, sealed, new JobMatcher(settings.rules(), settings.minimumWindow()),
                clock);
        this.recovery = GatewayRecovery.run(store, ledger, gateway, clock.instant().getEpochSecond());
    }

    /**
     * Opens (or creates) the gateway in {@code dir}. A directory created with other settings refuses to open,
     * as does one another gateway process holds.
     */
    public static DurableGateway open(Path dir, GatewaySettings settings, InstantSource clock) {
        return open(dir, settings, clock, UnaryOperator.identity());
    }

    /** Opens the ledger a gateway settles on, from its data directory and settings. */
    @FunctionalInterface
    public interface LedgerOpener {
        Ledger open(Path dir, GatewaySettings settings, InstantSource clock);
    }

    /** The default: the embedded ledger in {@code dir/ledger.db}, verifying proofs itself. */
    public static final LedgerOpener EMBEDDED = (dir, settings, clock) -> EmbeddedLedger.open(dir.resolve("ledger.db"),
            settings.chainId(), settings.rules(), clock, new ZkmlProofVerifier());

    /** As {@link #open(Path, GatewaySettings, InstantSource)}, with the ledger wrapped (tests inject crashes). */
    static DurableGateway open(Path dir, GatewaySettings settings, InstantSource clock, UnaryOperator<Ledger> wrap) {
        return open(dir, settings, clock, (d, s, c) -> wrap.apply(EMBEDDED.open(d, s, c)));
    }

    /**
     * As {@link #open(Path, GatewaySettings, InstantSource)}, settling on the ledger {@code opener} opens (e.g.
     * the EVM contracts). The ledger must be safe to call from several threads (the API reads it unlocked).
     */
    public static DurableGateway open(Path dir, GatewaySettings settings, InstantSource clock, LedgerOpener opener) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dir, e);
        }
        GatewayStore store = new GatewayStore(dir.resolve("gateway.db"));
        Ledger ledger = null;
        try {
            Optional<GatewaySettings> stored = store.settings();
            if (stored.isPresent() && !stored.get().equals(settings)) {
                throw new IllegalStateException("the data directory " + dir + " was created with " + stored.get()
                        + "; restart it with the same settings");
            }
            if (stored.isEmpty()) {
                store.putSettings(settings);
            }
            ledger = opener.open(dir, settings, clock);
            return new DurableGateway(settings, store, ledger, ContentStore.onDisk(dir.resolve("content")),
                    ContentStore.onDisk(dir.resolve("sealed")), clock);
        } catch (RuntimeException e) {
            if (ledger != null) {
                ledger.close();
            }
            store.close();
            throw e;
        }
    }

    /** The settings a data directory was created with, if it was. */
    public static Optional<GatewaySettings> storedSettings(Path dir) {
        if (!Files.isRegularFile(dir.resolve("gateway.db"))) {
            return Optional.empty();
        }
        try (GatewayStore store = new GatewayStore(dir.resolve("gateway.db"))) {
            return store.settings();
        }
    }

    public GatewaySettings settings() {
        return settings;
    }

    public Recovery recovery() {
        return recovery;
    }

    /** The ledger, for reads (views, events, audit); writes go through the gateway. */
    public Ledger ledger() {
        return ledger;
    }

    public SeenNonces nonces() {
        return store;
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    // --- operator ------------------------------------------------------------------------------------------

    /** Mints each allocation once: an address the ledger already minted to is skipped (restarts, re-runs). */
    public synchronized Map<Address, Long> mintGenesis(Map<Address, Long> allocations) {
        Set<Address> minted = new HashSet<>();
        GatewayRecovery.forEachEvent(ledger, e -> {
            if (e.type() == EventType.MINTED) {
                minted.add(e.address());
            }
        });
        Map<Address, Long> done = new LinkedHashMap<>();
        allocations.forEach((a, amount) -> {
            if (!minted.contains(a)) {
                ledger.mint(a, amount);
                done.put(a, amount);
            }
        });
        return done;
    }

    /**
     * Applies time on the ledger (offline nodes, missed deadlines, refunds) and forgets request nonces
     * recorded before {@code nonceHorizon}.
     */
    public synchronized List<LedgerEvent> applyTime(long nonceHorizon) {
        List<LedgerEvent> events = gateway.tick();
        store.forgetBefore(nonceHorizon);
        return events;
    }

    /** Assigns open jobs to eligible nodes; returns how many were assigned. */
    public synchronized int dispatch() {
        return gateway.dispatch();
    }

    // --- model owners and device owners --------------------------------------------------------------------

    /** Registers a model by its verifier key, with the .epm nodes will fetch; returns its id. */
    public synchronized ModelId registerModel(Address owner, byte[] verifierKey, byte[] modelBytes) {
        ModelId id = verifier.modelIdOf(verifierKey);
        int inputSize = checkedInputSize(verifierKey, modelBytes);
        if (store.models().stream().anyMatch(m -> m.id().equals(id))) {
            throw new LedgerException(Fault.ALREADY_REGISTERED, "model " + id);
        }
        ContentHash stored = content.put(modelBytes);
        store.putModel(new GatewayStore.Model(id, owner, verifierKey, stored, inputSize, true));
        try {
            gateway.registerModel(owner, verifierKey, modelBytes);
        } catch (LedgerException e) {
            store.dropModel(id);
            throw e;
        }
        store.confirmModel(id);
        return id;
    }

    /** The .epm must decode and take the input the verifier key expects (the node checks the model id itself). */
    private static int checkedInputSize(byte[] verifierKey, byte[] modelBytes) {
        int expected;
        try {
            expected = VerifierKey.fromBytes(verifierKey).inputSize();
        } catch (MalformedProofException | RuntimeException e) {
            throw new LedgerException(Fault.MALFORMED_VERIFIER_KEY, String.valueOf(e.getMessage()));
        }
        QuantizedModel m;
        try {
            m = ModelCodec.decode(modelBytes);
        } catch (RuntimeException e) {
            throw new LedgerException(Fault.INVALID_REQUEST, "the model is not a readable .epm: " + e.getMessage());
        }
        if (m.inputSize() != expected) {
            throw new LedgerException(Fault.INVALID_REQUEST, "the model takes " + m.inputSize()
                    + " inputs, its verifier key " + expected);
        }
        return expected;
    }

    /** A model the gateway serves: its id, the content hash of its .epm, and its input size. */
    public record ModelInfo(ModelId id, ContentHash content, int inputSize, Address owner) {}

    public List<ModelInfo> models() {
        List<ModelInfo> out = new ArrayList<>();
        for (GatewayStore.Model m : store.models()) {
            if (!m.pending()) {
                out.add(new ModelInfo(m.id(), m.content(), m.inputSize(), m.owner()));
            }
        }
        return out;
    }

    public synchronized void registerDevice(Address owner, DeviceId device, byte[] publicKey) {
        byte[] key;
        try {
            key = Secp256k1.uncompressed(publicKey);
        } catch (IllegalArgumentException e) {
            throw new LedgerException(Fault.BAD_PUBLIC_KEY, e.getMessage());
        }
        if (devicePublicKey(device).isPresent()) {
            throw new LedgerException(Fault.ALREADY_REGISTERED, "device " + device);
        }
        store.putDevice(new GatewayStore.Device(device, owner, key, true));
        try {
            gateway.registerDevice(owner, device, key);
        } catch (LedgerException e) {
            store.dropDevice(device);
            throw e;
        }
        store.confirmDevice(device);
    }

    public Optional<byte[]> devicePublicKey(DeviceId device) {
        return store.devices().stream().filter(d -> d.id().equals(device)).findFirst()
                .map(GatewayStore.Device::publicKey);
    }

    // --- requesters ----------------------------------------------------------------------------------------

    /** Posts a job (escrowing its price); returns the job id. Throws {@link LedgerException}, having escrowed nothing. */
    public synchronized long postJob(Address requester, JobOrder order) {
        Gateway.Intake intake = gateway.checkIntake(order);
        ContentHash input = gateway.storeInput(order);
        store.putIntake(new StoredJob(0, requester, order.model(), input, order.reading(),
                intake.commitment().orElse(null), order.price(), order.deadline()));
        long id;
        try {
            id = gateway.submitJob(requester, intake);
        } catch (LedgerException e) {
            store.dropIntake();
            throw e;
        }
        store.acceptIntake(id);
        return id;
    }

    /**
     * A job as the ledger sees it, with the published outputs once paid, the nodes' refusals, and for a
     * hidden input its commitment (the input itself is never part of a status).
     */
    public record JobStatus(JobView job, Optional<int[]> outputs, List<String> refusals, Optional<byte[]> inputCommitment) {}

    public Optional<JobStatus> status(long jobId) {
        return ledger.job(jobId).map(v -> new JobStatus(v, store.published(jobId).map(GatewayStore.Published::outputs),
                store.refusals(jobId).stream().map(r -> r.node() + ": " + r.reason()).toList(),
                store.job(jobId).map(StoredJob::commitment)));
    }

    /** A hidden job's sealed input, for the node it is assigned to only (else NOT_ASSIGNED_NODE). */
    public synchronized byte[] sealedInput(Address node, long jobId) {
        return gateway.fetchSealedInput(node, jobId);
    }

    public Optional<byte[]> content(ContentHash hash) {
        return content.get(hash);
    }

    // --- provider nodes ------------------------------------------------------------------------------------

    public synchronized void registerNode(Address node, long stake, NodeResources resources) {
        gateway.registerNode(node, stake, resources);
    }

    public synchronized void heartbeat(Address node) {
        gateway.heartbeat(node);
    }

    /** Every job the node holds and has not settled, oldest first: the same list until the job leaves it. */
    public synchronized List<Assignment> assignments(Address node) {
        TreeMap<Long, Assignment> mine = held.computeIfAbsent(node, a -> new TreeMap<>());
        gateway.pollAssignments(node).forEach(a -> mine.put(a.jobId(), a));
        mine.values().removeIf(a -> !heldBy(a.jobId(), node));
        return List.copyOf(mine.values());
    }

    private boolean heldBy(long jobId, Address node) {
        Optional<JobView> v = ledger.job(jobId);
        return v.isPresent() && v.get().state() == JobState.ASSIGNED && node.equals(v.get().node());
    }

    /**
     * Settles a node's result on the ledger: the outputs are recorded first, published if the ledger pays.
     * Throws {@link LedgerException} (not the assigned node, already paid, ...) having changed nothing.
     */
    public synchronized Settlement submit(Address node, long jobId, byte[] proof, int[] outputs) {
        store.putSubmission(new Submission(jobId, node, outputs));
        Settlement s;
        try {
            s = gateway.submit(new JobResult.Proved(jobId, node, proof, outputs));
        } catch (LedgerException e) {
            store.dropSubmission(jobId);
            throw e;
        }
        switch (s) {
            case Settlement.Paid p -> store.publish(new Published(jobId, node, p.outputs(), p.amount(), now()));
            case Settlement.Faulted f -> store.dropSubmission(jobId);
        }
        return s;
    }

    /** Releases a job its node will not prove (the ledger reopens it at once, without slash) and records why. */
    public synchronized void refuse(Address node, long jobId, String reason) {
        if (!heldBy(jobId, node)) {
            throw new LedgerException(Fault.NOT_ASSIGNED_NODE, "job " + jobId + " is not held by " + node);
        }
        gateway.refuse(new JobResult.Refused(jobId, node, reason));
        store.putRefusal(new GatewayStore.Refusal(jobId, node, reason, now()));
    }

    @Override
    public synchronized void close() {
        try {
            ledger.close();
        } finally {
            store.close();
        }
    }
}
