package io.edgeproof.network.sim;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.Fault;
import io.edgeproof.ledger.Ledger;
import io.edgeproof.ledger.LedgerException;
import io.edgeproof.ledger.LedgerRules;
import io.edgeproof.ledger.ManualClock;
import io.edgeproof.ledger.ModelId;
import io.edgeproof.ledger.NodeResources;
import io.edgeproof.ledger.crypto.Secp256k1Key;
import io.edgeproof.ledger.device.DeviceId;
import io.edgeproof.network.Behaviour;
import io.edgeproof.network.ContentHash;
import io.edgeproof.network.ContentStore;
import io.edgeproof.network.Device;
import io.edgeproof.network.Gateway;
import io.edgeproof.network.JobMatcher;
import io.edgeproof.network.JobOrder;
import io.edgeproof.network.JobResult;
import io.edgeproof.network.ModelKeys;
import io.edgeproof.network.ProviderNode;
import io.edgeproof.zkml.graph.ModelException;
import io.edgeproof.zkml.io.Dataset;
import io.edgeproof.zkml.io.ModelFiles;
import io.edgeproof.zkml.proof.ProverKey;
import io.edgeproof.zkml.proof.ZkmlProver;
import io.edgeproof.zkml.quant.ModelCodec;
import io.edgeproof.zkml.quant.QuantizedModel;
import io.edgeproof.zkml.zk.InputLayout;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The whole network in one process: a ledger (embedded, or EVM on anvil) on simulated time, a gateway,
 * provider nodes (one dishonest), meter cameras signing frames — a share of them hidden: committed, the
 * commitment signed, proved in zero knowledge — and a requester posting one job per frame. Time moves in
 * rounds (post, heartbeat, dispatch, prove in parallel, settle in job order, tick), so a run's verdicts depend
 * only on its seed; only the wall time and the hidden frames' commitments (fresh secret seeds) vary. At the
 * end the run's epochs are closed and the nodes claim their rewards.
 */
public final class Simulation {
    /** Told after every round how many posted jobs are settled (paid or refunded). */
    public interface Progress {
        void update(int settled, int total);
    }

    private final SimulationConfig config;
    private final ManualClock clock = new ManualClock(SimulationConfig.START);
    private final SplittableRandom random;
    private int posted;
    private int rejectedAtIntake;
    private final List<Fault> intakeFaults = new ArrayList<>();
    private final Set<Long> hiddenJobs = new HashSet<>();
    /** The cameras' source of commitment seeds: secret, so not derived from the run's seed. */
    private final SecureRandom commitmentSeeds = new SecureRandom();
    /** How hidden frames are committed for the model; null when the run hides none. */
    private InputLayout layout;

    private Simulation(SimulationConfig config) {
        this.config = config;
        this.random = new SplittableRandom(config.seed());
    }

    public static SimulationReport run(SimulationConfig config, Progress progress) {
        return new Simulation(config).run(progress);
    }

    private SimulationReport run(Progress progress) {
        QuantizedModel model = ModelFiles.compile(config.model(), null, SimulationConfig.CAMERA_RESOLUTION).model();
        byte[] modelBytes = ModelCodec.encode(model);
        ProverKey key = ZkmlProver.setup(model);
        ModelKeys keys = new ModelKeys();
        keys.add(ContentHash.of(modelBytes), key);
        List<double[]> frames = Dataset.read(config.frames()).inputs();
        if (frames.getFirst().length != key.verifierKey().inputSize()) {
            throw new ModelException("frames of " + frames.getFirst().length + " values do not fit the model's "
                    + key.verifierKey().inputSize() + " inputs");
        }
        if (config.hiddenShare() > 0) {
            layout = hiddenLayout(key);
        }
        LedgerRules rules = LedgerRules.standard();
        ExecutorService pool = Executors.newFixedThreadPool(config.threads());
        try (Ledger ledger = config.ledger().open(SimulationConfig.CHAIN_ID, rules, clock)) {
            Gateway gateway = new Gateway(ledger, new ContentStore(),
                    new JobMatcher(rules, 2 * SimulationConfig.ROUND_SECONDS), clock);
            Address owner = actor("owner");
            Address requester = actor("requester");
            ledger.mint(requester, config.jobs() * SimulationConfig.PRICE);
            ModelId modelId = gateway.registerModel(owner, key.verifierKey().toBytes(), modelBytes);
            List<Device> cameras = new ArrayList<>();
            for (int c = 1; c <= SimulationConfig.CAMERAS; c++) {
                Device cam = new Device(new DeviceId("meter-cam-" + c), actorKey("meter-cam-" + c));
                gateway.registerDevice(owner, cam.id(), cam.publicKey());
                cameras.add(cam);
            }
            List<ProviderNode> nodes = startNodes(gateway, keys, modelId);
            int round = 0;
            int maxRounds = config.jobs() + (int) (SimulationConfig.JOB_LIFETIME / SimulationConfig.ROUND_SECONDS) + 2;
            while (posted < config.jobs() || !gateway.idle()) {
                if (++round > maxRounds) {
                    throw new IllegalStateException("jobs still open after " + maxRounds + " rounds");
                }
                postJobs(gateway, requester, modelId, key.model(), cameras, frames, nodes.size());
                for (ProviderNode n : nodes) {
                    n.heartbeat(gateway);
                }
                gateway.dispatch();
                settle(gateway, prove(pool, gateway, nodes));
                gateway.tick();
                clock.advance(SimulationConfig.ROUND_SECONDS);
                progress.update(posted - gateway.openJobs(), config.jobs());
            }
            long simulated = clock.now() - SimulationConfig.START;
            closeEpochs(ledger, rules, nodes);
            return Books.read(ledger, nodes, posted, hiddenJobs, rejectedAtIntake, intakeFaults, simulated, modelId);
        } finally {
            pool.shutdownNow();
        }
    }

    private static InputLayout hiddenLayout(ProverKey key) {
        try {
            return InputLayout.of(key.verifierKey());
        } catch (RuntimeException e) {
            throw new ModelException("the model cannot take hidden frames (" + e.getMessage()
                    + "): run with a hidden share of 0");
        }
    }

    /**
     * After the last round: time moves to the end of the current epoch, every epoch of the run is closed and
     * every node claims its reward (a node with none is skipped).
     */
    private void closeEpochs(Ledger ledger, LedgerRules rules, List<ProviderNode> nodes) {
        long last = rules.epochOf(clock.now());
        clock.advance(rules.epochEnd(last) - clock.now());
        for (long e = rules.epochOf(SimulationConfig.START); e <= last; e++) {
            ledger.closeEpoch(e);
            for (ProviderNode n : nodes) {
                if (ledger.epochShare(e, n.address()).reward() > 0) {
                    ledger.claimReward(n.address(), e);
                }
            }
        }
    }

    private List<ProviderNode> startNodes(Gateway gateway, ModelKeys keys, ModelId model) {
        int cheater = config.nodes() > 1 ? new SplittableRandom(config.seed()).nextInt(config.nodes()) : -1;
        List<ProviderNode> nodes = new ArrayList<>();
        for (int i = 0; i < config.nodes(); i++) {
            Behaviour b = i == cheater ? Behaviour.dishonest(config.seed(), SimulationConfig.CHEAT_RATE) : Behaviour.HONEST;
            ProviderNode node = new ProviderNode(actorKey("node-" + i), keys, b);
            gateway.ledger().mint(node.address(), SimulationConfig.STAKE);
            node.join(gateway, SimulationConfig.STAKE, new NodeResources(1, 2_048, 0, 10, Set.of(model)));
            nodes.add(node);
        }
        return nodes;
    }

    /**
     * One job per node per round, each a fresh frame from a camera in turn, hidden as the config's share says
     * (the camera commits the frame for {@link SimulationConfig#HIDDEN_PROOFS} proofs and signs the
     * commitment; the gateway keeps the sealed frame for the assigned node). Halfway through, an impostor
     * posts a reading in a registered camera's name, which intake refuses (BAD_DEVICE_SIGNATURE).
     */
    private void postJobs(Gateway gateway, Address requester, ModelId model, QuantizedModel q, List<Device> cameras,
                          List<double[]> frames, int perRound) {
        for (int k = 0; k < perRound && posted < config.jobs(); k++) {
            Device cam = cameras.get(posted % cameras.size());
            int[] input = rawFrame(q, frames.get(random.nextInt(frames.size())));
            long deadline = clock.now() + SimulationConfig.JOB_LIFETIME;
            if (posted == config.jobs() / 2 && rejectedAtIntake == 0) {
                tryImpostor(gateway, requester, model, cam, input, deadline);
            }
            if (config.hides(posted)) {
                Device.HiddenFrame frame = cam.captureHidden(input, layout, SimulationConfig.HIDDEN_PROOFS, clock.now(),
                        commitmentSeeds);
                hiddenJobs.add(gateway.submitJob(requester, JobOrder.hidden(model, frame.sealed(), frame.reading(),
                        SimulationConfig.PRICE, deadline)));
            } else {
                Device.SignedFrame frame = cam.capture(input, clock.now());
                gateway.submitJob(requester, new JobOrder(model, frame.input(), frame.reading(), SimulationConfig.PRICE,
                        deadline));
            }
            posted++;
        }
    }

    /** What a camera reads: each pixel k/16 as the raw integer k (refused if a value is not on that grid). */
    private static int[] rawFrame(QuantizedModel q, double[] frame) {
        int[] raw = new int[frame.length];
        for (int i = 0; i < frame.length; i++) {
            double k = frame[i] / SimulationConfig.CAMERA_RESOLUTION;
            if (k != Math.rint(k)) {
                throw new ModelException("frame value " + frame[i] + " is not a multiple of the cameras' resolution "
                        + SimulationConfig.CAMERA_RESOLUTION);
            }
            raw[i] = (int) k;
        }
        return q.rawReading(raw);
    }

    private void tryImpostor(Gateway gateway, Address requester, ModelId model, Device victim, int[] input,
                             long deadline) {
        Device.SignedFrame forged = new Device(victim.id(), actorKey("impostor")).capture(input, clock.now());
        try {
            gateway.submitJob(requester, new JobOrder(model, input, forged.reading(), SimulationConfig.PRICE, deadline));
            throw new IllegalStateException("the gateway accepted a reading signed by an impostor");
        } catch (LedgerException e) {
            rejectedAtIntake++;
            intakeFaults.add(e.fault());
        }
    }

    /** Every node works its pending assignments on the pool; results come back in job order. */
    private static List<JobResult> prove(ExecutorService pool, Gateway gateway, List<ProviderNode> nodes) {
        List<Callable<JobResult>> work = new ArrayList<>();
        for (ProviderNode n : nodes) {
            gateway.pollAssignments(n.address()).forEach(a -> work.add(() -> n.work(a, gateway)));
        }
        List<JobResult> results = new ArrayList<>();
        try {
            for (Future<JobResult> f : pool.invokeAll(work)) {
                results.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while nodes were proving", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a node failed: " + e.getCause(), e.getCause());
        }
        results.sort(Comparator.comparingLong(JobResult::jobId));
        return results;
    }

    private static void settle(Gateway gateway, List<JobResult> results) {
        for (JobResult r : results) {
            switch (r) {
                case JobResult.Proved p -> gateway.submit(p);
                case JobResult.Refused f -> gateway.refuse(f);
            }
        }
    }

    private Address actor(String name) {
        return Address.ofPublicKey(actorKey(name).publicKey());
    }

    /** A key derived from the seed and a role name: the same actors on every run with this seed. */
    private Secp256k1Key actorKey(String name) {
        try {
            return Secp256k1Key.fromSecret(MessageDigest.getInstance("SHA-256")
                    .digest(("edgeproof-demo/" + config.seed() + "/" + name).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
