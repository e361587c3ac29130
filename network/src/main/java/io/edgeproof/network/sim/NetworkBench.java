package io.edgeproof.network.sim;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.Fault;
import io.edgeproof.ledger.crypto.Secp256k1Key;
import io.edgeproof.ledger.device.DeviceId;
import io.edgeproof.network.Behaviour;
import io.edgeproof.network.ContentHash;
import io.edgeproof.network.Device;
import io.edgeproof.network.ModelKeys;
import io.edgeproof.network.ProviderNode;
import io.edgeproof.zkml.io.ModelFiles;
import io.edgeproof.zkml.proof.ProverKey;
import io.edgeproof.zkml.proof.ZkmlProver;
import io.edgeproof.zkml.quant.ModelCodec;
import io.edgeproof.zkml.quant.QuantizedModel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * The network under load in one process: {@code nodes} provider nodes (a share dishonest, a share going
 * offline for a while) and {@code jobs} jobs through one gateway onto the embedded ledger, every result
 * verified by the ledger's zkml verifier. Proving ~10,000 proofs would take this machine most of an hour,
 * so proofs are made once and kept in a {@link ProofBank}: a pass that had to prove (a cold bank) is
 * followed by a second pass on a fresh ledger that takes every proof from the bank, and only that pass is
 * reported. The schedule depends only on the seed, so the second pass needs exactly the proofs the first made.
 *
 * <p>After the run the bench checks its own books: no job lost (every posted job verified and paid), the
 * ledger's escrow and supply equations, honest nodes never slashed, dishonest nodes slashed, jobs of
 * offline nodes reassigned; any breach is listed in {@link NetworkBenchReport#failures()}.
 */
public final class NetworkBench {
    /** Told after every round, and given a line when something worth saying happens. */
    public interface Progress {
        void round(int round, int posted, int settled, int total, double seconds);

        void note(String line);
    }

    /** What every pass shares: the model and its keys, the actors, the nodes and the pre-signed readings. */
    record Setup(NetworkBenchConfig config, byte[] modelBytes, byte[] verifierKey, byte[] verifierKeyDigest,
                 Address owner, Address requester, List<Device> sensors, List<BenchNode> nodes,
                 List<Device.SignedFrame> frames) {}

    private NetworkBench() {}

    public static NetworkBenchReport run(NetworkBenchConfig config, Progress progress) {
        ExecutorService workers = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
        ExecutorService submitters = Executors.newFixedThreadPool(config.submitThreads());
        try (ProofBank bank = ProofBank.open(config.proofCache())) {
            Setup setup = prepare(config, workers);
            progress.note("proof bank " + config.proofCache() + ": " + bank.size() + " proofs");
            BenchPass.Result r = new BenchPass(setup, bank, workers, submitters)
                    .run(config.workDir().resolve("ledger-1.db"), progress);
            int coldPasses = 0;
            if (r.provedLive() > 0) {
                coldPasses = 1;
                progress.note("pass 1 proved " + r.provedLive() + " proofs and banked them; pass 2 measures the"
                        + " network with every proof from the bank");
                r = new BenchPass(setup, bank, workers, submitters).run(config.workDir().resolve("ledger-2.db"), progress);
            }
            Set<Address> offline = setup.nodes().stream().filter(BenchNode::goesOffline).map(BenchNode::address)
                    .collect(Collectors.toSet());
            return NetworkBenchReport.of(config, r, coldPasses, failures(config, r, offline));
        } finally {
            workers.shutdownNow();
            submitters.shutdownNow();
        }
    }

    private static Setup prepare(NetworkBenchConfig config, ExecutorService pool) {
        // the sensors' readings are raw int16 values at the model's calibrated input resolution
        double resolution = ModelFiles.compile(config.model(), null).model().inputScale();
        QuantizedModel model = ModelFiles.compile(config.model(), null, resolution).model();
        byte[] modelBytes = ModelCodec.encode(model);
        ProverKey key = ZkmlProver.setup(model);
        ModelKeys keys = new ModelKeys();
        keys.add(ContentHash.of(modelBytes), key);
        byte[] vk = key.verifierKey().toBytes();
        List<Device> sensors = new ArrayList<>();
        for (int s = 0; s < NetworkBenchConfig.SENSORS; s++) {
            sensors.add(new Device(new DeviceId("sensor-" + s), actorKey(config, "sensor-" + s)));
        }
        return new Setup(config, modelBytes, vk, sha256(vk), address(actorKey(config, "owner")),
                address(actorKey(config, "requester")), sensors, nodes(config, keys),
                frames(config, key.verifierKey().inputSize(), sensors, pool));
    }

    /** Nodes with roles from a seeded shuffle: the first dishonest, the next offline once, the rest honest. */
    private static List<BenchNode> nodes(NetworkBenchConfig config, ModelKeys keys) {
        SplittableRandom random = new SplittableRandom(config.seed() ^ 0x6E6F_6465_7321L);
        int[] order = new int[config.nodes()];
        Arrays.setAll(order, i -> i);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] role = new int[config.nodes()];
        for (int k = 0; k < config.dishonestNodes(); k++) {
            role[order[k]] = 1;
        }
        for (int k = config.dishonestNodes(); k < config.dishonestNodes() + config.offlineNodes(); k++) {
            role[order[k]] = 2;
        }
        int postingRounds = (config.jobs() + config.nodes() - 1) / config.nodes();
        List<BenchNode> nodes = new ArrayList<>();
        for (int i = 0; i < config.nodes(); i++) {
            Behaviour b = role[i] == 1 ? Behaviour.dishonest(config.seed() + i, NetworkBenchConfig.CHEAT_RATE)
                    : Behaviour.HONEST;
            int downFrom = role[i] == 2 ? 2 + random.nextInt(Math.max(1, postingRounds - 1)) : -1;
            nodes.add(new BenchNode(new ProviderNode(actorKey(config, "node-" + i), keys, b), i, downFrom,
                    downFrom < 0 ? -1 : downFrom + NetworkBenchConfig.OFFLINE_ROUNDS));
        }
        return nodes;
    }

    /**
     * One signed reading per job, signed before the run (signing is the sensors' work, not the network's):
     * seeded int16 readings, sensor k mod SENSORS, stamped with the round the job will be posted in. Each
     * sensor signs its own readings in order (its sequence numbers rise), sensors in parallel.
     */
    private static List<Device.SignedFrame> frames(NetworkBenchConfig config, int inputSize, List<Device> sensors,
                                                   ExecutorService pool) {
        Device.SignedFrame[] frames = new Device.SignedFrame[config.jobs()];
        List<Future<?>> tasks = new ArrayList<>();
        for (int s = 0; s < sensors.size(); s++) {
            int sensor = s;
            tasks.add(pool.submit(() -> {
                for (int k = sensor; k < frames.length; k += sensors.size()) {
                    SplittableRandom r = new SplittableRandom(config.seed() * 0x9E37_79B9_7F4A_7C15L + k);
                    int[] input = new int[inputSize];
                    for (int i = 0; i < inputSize; i++) {
                        input[i] = r.nextInt(-300, 300);
                    }
                    long at = NetworkBenchConfig.START + (long) (k / config.nodes()) * NetworkBenchConfig.ROUND_SECONDS;
                    frames[k] = sensors.get(sensor).capture(input, at);
                }
            }));
        }
        try {
            for (Future<?> f : tasks) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sensors signed readings", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a sensor failed to sign: " + e.getCause(), e.getCause());
        }
        return List.of(frames);
    }

    /**
     * The bench's own assertions on the reported pass; empty when the run is sound. Dishonest nodes are the
     * books' own; {@code offline} are the nodes that went down.
     */
    static List<String> failures(NetworkBenchConfig config, BenchPass.Result r, Set<Address> offline) {
        List<String> out = new ArrayList<>();
        SimulationReport books = r.books();
        if (books.jobsPosted() != config.jobs()) {
            out.add("posted " + books.jobsPosted() + " of " + config.jobs() + " jobs");
        }
        int lost = books.jobsPosted() - books.jobsVerified();
        if (lost != 0) {
            out.add(lost + " jobs lost: posted but never verified and paid (" + books.jobsRefunded() + " refunded)");
        }
        try {
            books.audit().check();
        } catch (IllegalStateException e) {
            out.add("ledger audit: " + e.getMessage());
        }
        if (!books.escrowInvariantOk()) {
            out.add("escrow: paid " + books.audit().paid() + " is not verified jobs x price, or escrow is still held ("
                    + books.audit().escrowHeld() + ")");
        }
        long slashed = 0;
        int offlineFaults = 0;
        for (SimulationReport.NodeReport n : books.nodes()) {
            slashed += n.slashed();
            boolean wentDown = offline.contains(n.address());
            for (Map.Entry<Fault, Integer> f : n.faults().entrySet()) {
                boolean expected = f.getKey() == Fault.NODE_OFFLINE ? wentDown : n.dishonest();
                if (!expected) {
                    out.add("node " + n.address() + " (" + (n.dishonest() ? "dishonest" : wentDown ? "went offline"
                            : "honest") + ") faulted " + f.getKey() + " x" + f.getValue());
                }
                if (f.getKey() == Fault.NODE_OFFLINE) {
                    offlineFaults += f.getValue();
                }
            }
            if (!n.dishonest() && n.slashed() != 0) {
                out.add("honest node " + n.address() + " was slashed " + n.slashed());
            }
        }
        if (config.dishonestNodes() > 0 && slashed == 0) {
            out.add("no dishonest node was slashed");
        }
        if (config.offlineNodes() > 0 && offlineFaults == 0) {
            out.add("no job was taken back from an offline node");
        }
        if (r.rejected() + r.refused() > 0) {
            out.add(r.rejected() + " submissions rejected and " + r.refused() + " assignments refused");
        }
        return out;
    }

    private static Address address(Secp256k1Key key) {
        return Address.ofPublicKey(key.publicKey());
    }

    /** A key derived from the seed and a role name: the same actors in every pass and run with this seed. */
    private static Secp256k1Key actorKey(NetworkBenchConfig config, String name) {
        return Secp256k1Key.fromSecret(sha256(("edgeproof-network-bench/" + config.seed() + "/" + name)
                .getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
