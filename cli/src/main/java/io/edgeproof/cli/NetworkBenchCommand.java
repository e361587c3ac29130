package io.edgeproof.cli;

import io.edgeproof.ledger.Fault;
import io.edgeproof.network.sim.NetworkBench;
import io.edgeproof.network.sim.NetworkBenchConfig;
import io.edgeproof.network.sim.NetworkBenchReport;
import io.edgeproof.network.sim.SimulationReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code edgeproof bench network}: {@link NetworkBench} from the command line. Progress on stderr; stdout
 * gets a summary, or with {@code --json} one JSON object as the last line. Exit 0 when the bench's checks
 * hold (no job lost, audit, slashing, reassignment), 1 when one breaks, 2 for unusable options.
 */
@Command(name = "network",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Provider nodes and jobs through one gateway onto the embedded ledger, every proof verified by "
                + "the ledger; proofs are proved once and kept in a proof bank. Reports throughput and post-to-"
                + "settlement latency, and checks that no job is lost and the books balance.")
final class NetworkBenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--nodes", defaultValue = "1000", description = "provider nodes, one core each (default ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = "--jobs", defaultValue = "10000", description = "jobs posted through the gateway (default ${DEFAULT-VALUE})")
    int jobs;

    @Option(names = "--seed", defaultValue = "1", description = "fixes keys, readings, roles and outages (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--model", defaultValue = "ezkl/1l_batch_norm",
            description = "shared model the jobs run (default ${DEFAULT-VALUE}: the cheapest to prove and verify)")
    String model;

    @Option(names = "--dishonest", defaultValue = "0.02", description = "share of nodes cheating on half their jobs (default ${DEFAULT-VALUE})")
    double dishonest;

    @Option(names = "--offline", defaultValue = "0.02", description = "share of nodes going silent for 90 s once (default ${DEFAULT-VALUE})")
    double offline;

    @Option(names = "--submit-threads", defaultValue = "4", description = "threads submitting results at once (default ${DEFAULT-VALUE})")
    int submitThreads;

    @Option(names = "--proof-cache", paramLabel = "DIR",
            description = "proof bank directory (default $XDG_CACHE_HOME/edgeproof/network-bench or ~/.cache/edgeproof/network-bench)")
    Path proofCache;

    @Option(names = "--json", description = "print one JSON object as the last stdout line")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Path models = SharedModelDir.find();
        Path work = Files.createTempDirectory("edgeproof-netbench");
        PrintWriter err = spec.commandLine().getErr();
        try {
            NetworkBenchConfig config = config(SharedModelDir.network(models, model), work);
            err.printf(Locale.ROOT, "bench network: %d nodes (%d dishonest, %d going offline), %d jobs, seed %d, model %s%n",
                    nodes, config.dishonestNodes(), config.offlineNodes(), jobs, seed, model);
            NetworkBenchReport r = NetworkBench.run(config, new NetworkBench.Progress() {
                @Override
                public void round(int round, int posted, int settled, int total, double seconds) {
                    err.printf(Locale.ROOT, "\rround %d: posted %d/%d, settled %d, %.0f jobs/s   ", round, posted,
                            total, settled, settled / Math.max(seconds, 1e-9));
                    err.flush();
                }

                @Override
                public void note(String line) {
                    err.println();
                    err.println(line);
                    err.flush();
                }
            });
            err.println();
            r.failures().forEach(f -> err.println("bench network: FAILED: " + f));
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(ModelArgs.json(toJson(r)));
            } else {
                printSummary(out, r);
            }
            out.flush();
            return r.ok() ? 0 : 1;
        } finally {
            deleteTree(work);
        }
    }

    private NetworkBenchConfig config(Path onnx, Path work) {
        Path cache = proofCache != null ? proofCache : defaultCache();
        try {
            return new NetworkBenchConfig(nodes, jobs, seed, onnx, work, cache, submitThreads, dishonest, offline);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private static Path defaultCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("edgeproof").resolve("network-bench");
    }

    private Map<String, Object> toJson(NetworkBenchReport r) {
        SimulationReport b = r.books();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("nodes", r.nodes());
        o.put("jobs", r.jobs());
        o.put("jobs_per_sec", round1(r.jobsPerSec()));
        o.put("p50_ms", round1(r.p50Ms()));
        o.put("p99_ms", round1(r.p99Ms()));
        o.put("lost_jobs", r.lostJobs());
        o.put("verified", b.jobsVerified());
        o.put("reassigned", b.jobsReassigned());
        o.put("refunded", b.jobsRefunded());
        o.put("slashed_nodes", b.nodes().stream().filter(n -> n.slashed() > 0).count());
        o.put("slashed_total", b.audit().slashedPool());
        o.put("faults", faults(b.faults()));
        o.put("dishonest_nodes", r.dishonestNodes());
        o.put("offline_nodes", r.offlineNodes());
        o.put("ledger", "embedded (SQLite, WAL, synchronous=FULL)");
        o.put("audit", auditLine(r));
        Map<String, Object> settle = new LinkedHashMap<>();
        r.phaseSeconds().forEach((phase, s) -> settle.put(phase + "_s", round1(s)));
        settle.put("verifications", r.verifications());
        settle.put("verify_cpu_ms_mean", round2(r.verifyMillis() / Math.max(1, r.verifications())));
        o.put("settle_breakdown", settle);
        o.put("proofs_from_bank", r.proofsFromBank());
        o.put("proofs_proved_live", r.proofsProvedLive());
        o.put("proof_bytes_mean", r.meanProofBytes());
        o.put("cold_passes", r.coldPasses());
        o.put("setup_s", round1(r.setupSeconds()));
        o.put("run_s", round1(r.runSeconds()));
        o.put("cpu_s", round1(r.cpuSeconds()));
        o.put("cpu_ms_per_job", round2(r.cpuSeconds() * 1000 / Math.max(1, r.jobs())));
        o.put("rounds", r.rounds());
        o.put("simulated_s", b.simulatedSeconds());
        o.put("submit_threads", r.submitThreads());
        o.put("model", model);
        o.put("seed", seed);
        o.put("failures", r.failures());
        return o;
    }

    private static String auditLine(NetworkBenchReport r) {
        var a = r.books().audit();
        return String.format(Locale.ROOT, "escrow posted %d = paid %d + refunded %d + held %d; minted %d = balances %d"
                        + " + stakes %d + escrow %d + slashed %d: %s", a.escrowPosted(), a.paid(), a.refunded(),
                a.escrowHeld(), a.minted(), a.balances(), a.stakes(), a.escrowHeld(), a.slashedPool(),
                a.escrowBalances() && a.supplyConserved() ? "ok" : "BROKEN");
    }

    private void printSummary(PrintWriter out, NetworkBenchReport r) {
        SimulationReport b = r.books();
        out.printf(Locale.ROOT, "%d nodes, %d jobs through the gateway in %.1f s (%d rounds, %d simulated s); setup %.1f s%n",
                r.nodes(), r.jobs(), r.runSeconds(), r.rounds(), b.simulatedSeconds(), r.setupSeconds());
        out.printf(Locale.ROOT, "throughput %.1f jobs/s, latency post -> settlement p50 %.1f ms, p99 %.1f ms%n",
                r.jobsPerSec(), r.p50Ms(), r.p99Ms());
        out.printf(Locale.ROOT, "verified %d, reassigned %d, refunded %d, lost %d%n", b.jobsVerified(), b.jobsReassigned(),
                b.jobsRefunded(), r.lostJobs());
        out.printf(Locale.ROOT, "faults %s; slashed %d from %d nodes%n", faults(b.faults()), b.audit().slashedPool(),
                b.nodes().stream().filter(n -> n.slashed() > 0).count());
        out.printf(Locale.ROOT, "process CPU %.1f s over the run, %.2f ms per job%n", r.cpuSeconds(),
                r.cpuSeconds() * 1000 / Math.max(1, r.jobs()));
        StringBuilder phases = new StringBuilder();
        r.phaseSeconds().forEach((phase, sec) -> phases.append(String.format(Locale.ROOT, "%s%s %.1f s",
                phases.isEmpty() ? "" : ", ", phase, sec)));
        out.printf(Locale.ROOT, "wall time by phase: %s; %d proofs verified, %.2f ms CPU each%n", phases,
                r.verifications(), r.verifyMillis() / Math.max(1, r.verifications()));
        out.printf(Locale.ROOT, "proofs: %d from the bank, %d proved in this pass, %d B mean; cold passes %d%n",
                r.proofsFromBank(), r.proofsProvedLive(), r.meanProofBytes(), r.coldPasses());
        out.println("books: " + auditLine(r));
        out.println(r.ok() ? "checks: ok" : "checks: FAILED " + r.failures());
    }

    private static Map<String, Integer> faults(Map<Fault, Integer> faults) {
        Map<String, Integer> m = new TreeMap<>();
        faults.forEach((f, n) -> m.put(f.name(), n));
        return m;
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
