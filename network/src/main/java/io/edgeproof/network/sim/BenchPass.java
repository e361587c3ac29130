package io.edgeproof.network.sim;

import io.edgeproof.ledger.LedgerException;
import io.edgeproof.ledger.LedgerRules;
import io.edgeproof.ledger.ManualClock;
import io.edgeproof.ledger.ModelId;
import io.edgeproof.ledger.NodeResources;
import io.edgeproof.ledger.Settlement;
import io.edgeproof.ledger.embedded.EmbeddedLedger;
import io.edgeproof.ledger.zkml.ZkmlProofVerifier;
import io.edgeproof.network.Assignment;
import io.edgeproof.network.ContentStore;
import io.edgeproof.network.Device;
import io.edgeproof.network.Gateway;
import io.edgeproof.network.JobMatcher;
import io.edgeproof.network.JobOrder;
import io.edgeproof.network.JobResult;
import io.edgeproof.network.ProviderNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One pass of the network bench on a fresh embedded ledger: rounds of 15 simulated seconds in which the
 * requester posts one job per node through the gateway, nodes heartbeat (every other round), the gateway
 * dispatches, nodes work their assignments, their results are submitted from several threads at once, and
 * the ledger ticks. The run depends only on the seed: each node holds at most one job (one core), so the
 * order in which a round's results settle cannot change what the next round sees.
 */
final class BenchPass {
    enum Phase { POST, HEARTBEAT, DISPATCH, WORK, SETTLE, TICK }

    /** What a pass measured; latencies are sorted, in milliseconds, one per paid job. */
    record Result(SimulationReport books, long[] phaseNanos, double setupSeconds, double runSeconds,
                  double cpuSeconds, int rounds, double[] latenciesMs, int provedLive, int fromBank, int rejected,
                  int refused, long verifications, double verifyMillis, long proofBytes) {}

    private final NetworkBench.Setup setup;
    private final NetworkBenchConfig config;
    private final ProofBank bank;
    private final ExecutorService workers;
    private final ExecutorService submitters;
    private final ManualClock clock = new ManualClock(NetworkBenchConfig.START);
    private final long[] phaseNanos = new long[Phase.values().length];
    private final AtomicInteger provedLive = new AtomicInteger();
    private final AtomicInteger fromBank = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();
    private int refused;
    private long proofBytes;

    BenchPass(NetworkBench.Setup setup, ProofBank bank, ExecutorService workers, ExecutorService submitters) {
        this.setup = setup;
        this.config = setup.config();
        this.bank = bank;
        this.workers = workers;
        this.submitters = submitters;
    }

    Result run(Path ledgerFile, NetworkBench.Progress progress) {
        long setupStart = System.nanoTime();
        deleteLedger(ledgerFile);
        LedgerRules rules = LedgerRules.standard();
        TimedVerifier verifier = new TimedVerifier(new ZkmlProofVerifier());
        try (EmbeddedLedger ledger = EmbeddedLedger.open(ledgerFile, NetworkBenchConfig.CHAIN_ID, rules, clock, verifier)) {
            Gateway gateway = new Gateway(ledger, new ContentStore(),
                    new JobMatcher(rules, 2 * NetworkBenchConfig.ROUND_SECONDS), clock);
            ledger.mint(setup.requester(), config.jobs() * SimulationConfig.PRICE);
            ModelId model = gateway.registerModel(setup.owner(), setup.verifierKey(), setup.modelBytes());
            for (Device s : setup.sensors()) {
                gateway.registerDevice(setup.owner(), s.id(), s.publicKey());
            }
            for (BenchNode n : setup.nodes()) {
                ledger.mint(n.address(), SimulationConfig.STAKE);
                n.node().join(gateway, SimulationConfig.STAKE, new NodeResources(1, 2_048, 0, 10, Set.of(model)));
            }
            double setupSeconds = (System.nanoTime() - setupStart) / 1e9;
            long[] postedAt = new long[config.jobs() + 1];
            long[] paidAt = new long[config.jobs() + 1];
            long runStart = System.nanoTime();
            long cpuStart = processCpuNanos();
            int posted = 0;
            int round = 0;
            int maxRounds = config.jobs() / config.nodes() + (int) (NetworkBenchConfig.JOB_LIFETIME
                    / NetworkBenchConfig.ROUND_SECONDS) + 2;
            while (posted < config.jobs() || !gateway.idle()) {
                if (++round > maxRounds) {
                    throw new IllegalStateException("jobs still open after " + maxRounds + " rounds");
                }
                posted = post(gateway, model, posted, postedAt);
                heartbeats(gateway, round);
                timed(Phase.DISPATCH, gateway::dispatch);
                List<JobResult> results = work(gateway, round);
                settle(gateway, results, paidAt);
                timed(Phase.TICK, gateway::tick);
                clock.advance(NetworkBenchConfig.ROUND_SECONDS);
                progress.round(round, posted, posted - gateway.openJobs(), config.jobs(),
                        (System.nanoTime() - runStart) / 1e9);
            }
            double runSeconds = (System.nanoTime() - runStart) / 1e9;
            double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
            List<ProviderNode> providers = setup.nodes().stream().map(BenchNode::node).toList();
            SimulationReport books = Books.read(ledger, providers, posted, Set.of(), 0, List.of(),
                    clock.now() - NetworkBenchConfig.START, model);
            return new Result(books, phaseNanos.clone(), setupSeconds, runSeconds, cpuSeconds, round,
                    latencies(postedAt, paidAt),
                    provedLive.get(), fromBank.get(), rejected.get(), refused, verifier.calls(),
                    verifier.totalMillis(), proofBytes);
        }
    }

    /** The requester posts one job per node, each on the next pre-signed reading. */
    private int post(Gateway gateway, ModelId model, int posted, long[] postedAt) {
        long t = System.nanoTime();
        int next = posted;
        for (int k = 0; k < config.nodes() && next < config.jobs(); k++, next++) {
            Device.SignedFrame f = setup.frames().get(next);
            long at = System.nanoTime();
            long id = gateway.submitJob(setup.requester(), new JobOrder(model, f.input(), f.reading(),
                    SimulationConfig.PRICE, clock.now() + NetworkBenchConfig.JOB_LIFETIME));
            postedAt[(int) id] = at;
        }
        phaseNanos[Phase.POST.ordinal()] += System.nanoTime() - t;
        return next;
    }

    /** Up nodes heartbeat on their turn; a node back from an outage first drops the assignments it lost. */
    private void heartbeats(Gateway gateway, int round) {
        long t = System.nanoTime();
        for (BenchNode n : setup.nodes()) {
            if (n.down(round)) {
                continue;
            }
            if (n.restarting(round)) {
                gateway.pollAssignments(n.address());
                n.node().heartbeat(gateway);
            } else if ((round + n.index()) % NetworkBenchConfig.HEARTBEAT_EVERY == 0) {
                n.node().heartbeat(gateway);
            }
        }
        phaseNanos[Phase.HEARTBEAT.ordinal()] += System.nanoTime() - t;
    }

    /** Up nodes poll their assignments and work them on the worker pool; results in job order. */
    private List<JobResult> work(Gateway gateway, int round) {
        long t = System.nanoTime();
        List<Callable<BenchNode.Outcome>> tasks = new ArrayList<>();
        for (BenchNode n : setup.nodes()) {
            if (n.down(round)) {
                continue;
            }
            for (Assignment a : gateway.pollAssignments(n.address())) {
                tasks.add(() -> n.work(a, gateway, bank, setup.verifierKeyDigest()));
            }
        }
        List<JobResult> results = new ArrayList<>();
        for (BenchNode.Outcome o : all(workers, tasks)) {
            (o.provedNow() ? provedLive : fromBank).incrementAndGet();
            results.add(o.result());
        }
        results.sort(Comparator.comparingLong(JobResult::jobId));
        phaseNanos[Phase.WORK.ordinal()] += System.nanoTime() - t;
        return results;
    }

    /** Submits every result at once from the submit pool; a paid job's settlement time is its latency's end. */
    private void settle(Gateway gateway, List<JobResult> results, long[] paidAt) {
        long t = System.nanoTime();
        List<Callable<Settlement>> tasks = new ArrayList<>();
        for (JobResult r : results) {
            switch (r) {
                case JobResult.Proved p -> {
                    proofBytes += p.proof().length;
                    tasks.add(() -> {
                        try {
                            Settlement s = gateway.submit(p);
                            if (s instanceof Settlement.Paid) {
                                paidAt[(int) s.jobId()] = System.nanoTime();
                            }
                            return s;
                        } catch (LedgerException e) {
                            rejected.incrementAndGet();
                            return null;
                        }
                    });
                }
                case JobResult.Refused f -> {
                    gateway.refuse(f);
                    refused++;
                }
            }
        }
        all(submitters, tasks);
        phaseNanos[Phase.SETTLE.ordinal()] += System.nanoTime() - t;
    }

    private void timed(Phase phase, Runnable r) {
        long t = System.nanoTime();
        r.run();
        phaseNanos[phase.ordinal()] += System.nanoTime() - t;
    }

    private static <T> List<T> all(ExecutorService pool, List<Callable<T>> tasks) {
        List<T> out = new ArrayList<>(tasks.size());
        try {
            for (Future<T> f : pool.invokeAll(tasks)) {
                out.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during a bench round", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a bench task failed: " + e.getCause(), e.getCause());
        }
        return out;
    }

    private static double[] latencies(long[] postedAt, long[] paidAt) {
        double[] ms = new double[paidAt.length];
        int n = 0;
        for (int id = 1; id < paidAt.length; id++) {
            if (paidAt[id] != 0) {
                ms[n++] = (paidAt[id] - postedAt[id]) / 1e6;
            }
        }
        double[] out = Arrays.copyOf(ms, n);
        Arrays.sort(out);
        return out;
    }

    /** CPU time of the whole process (every thread, GC included), in nanoseconds. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void deleteLedger(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace the ledger " + file + ": " + e.getMessage(), e);
        }
    }
}
