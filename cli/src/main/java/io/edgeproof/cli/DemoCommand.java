package io.edgeproof.cli;

import io.edgeproof.ledger.Fault;
import io.edgeproof.network.sim.LedgerBackend;
import io.edgeproof.network.sim.Simulation;
import io.edgeproof.network.sim.SimulationConfig;
import io.edgeproof.network.sim.SimulationReport;
import io.edgeproof.network.sim.SimulationReport.NodeReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code edgeproof demo}: the network in one process on the embedded ledger (a temporary file) or, with
 * {@code --chain anvil}, on the EVM contracts on a local anvil; real digits-cnn proofs, one dishonest node,
 * meter cameras signing frames; prints the books at the end (and the gas per operation on anvil).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the network in one process: ledger, gateway, provider nodes (one dishonest), "
                + "meter cameras, real proofs; ends with jobs, earnings, rewards, stakes, slashes and fault codes.")
public final class DemoCommand implements Callable<Integer> {
    private static final int BAR = 30;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--nodes", defaultValue = "3", description = "provider nodes, one of them dishonest (default ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = "--jobs", defaultValue = "20", description = "jobs to post, one per camera frame (default ${DEFAULT-VALUE})")
    int jobs;

    @Option(names = "--hidden-share", defaultValue = "0.25", description = "share of the frames the cameras hide "
            + "(commit, sign the commitment; proved in zero knowledge), spread evenly; 0 hides none (default ${DEFAULT-VALUE})")
    double hiddenShare;

    @Option(names = "--seed", defaultValue = "1", description = "fixes keys, frames, the cheater and its forgeries (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--model", defaultValue = "digits-cnn", description = "shared model the cameras' frames feed (default ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--threads", defaultValue = "2", description = "threads the nodes prove on (default ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--chain", defaultValue = "embedded", description = "where jobs settle: embedded (SQLite in a "
            + "temporary directory) or anvil (the EVM contracts on a local anvil; needs node/npm) (default ${DEFAULT-VALUE})")
    String chain;

    @Option(names = "--json", description = "print one JSON object as the last stdout line")
    boolean json;

    @Override
    public Integer call() throws IOException {
        boolean anvil = switch (chain) {
            case "embedded" -> false;
            case "anvil" -> true;
            default -> throw new ParameterException(spec.commandLine(), "--chain is embedded or anvil, not '" + chain + "'");
        };
        if (!(hiddenShare >= 0 && hiddenShare <= 1)) {
            throw new ParameterException(spec.commandLine(), "--hidden-share is between 0 and 1, not " + hiddenShare);
        }
        if (anvil && nodes <= AnvilBackend.QUORUM) {
            throw new ParameterException(spec.commandLine(), "--chain anvil needs at least " + (AnvilBackend.QUORUM + 1)
                    + " nodes: " + AnvilBackend.QUORUM + " of them attest each result besides its prover");
        }
        Path models = SharedModelDir.find();
        Path dir = Files.createTempDirectory("edgeproof-demo");
        PrintWriter err = spec.commandLine().getErr();
        AnvilBackend evm = null;
        try {
            if (anvil) {
                evm = AnvilBackend.compiled(SharedModelDir.repositoryRoot(), dir);
            }
            LedgerBackend backend = anvil ? evm : LedgerBackend.embedded(dir.resolve("ledger.db"));
            SimulationConfig config = new SimulationConfig(nodes, jobs, hiddenShare, seed, SharedModelDir.network(models, model),
                    models.resolve("digits-test.json"), threads, backend);
            if (!json) {
                err.printf("demo: %d nodes, %d jobs (%d hidden), seed %d, model %s, %s%n", nodes, jobs,
                        hiddenCount(config), seed, model, anvil ? "EVM ledger on a local anvil" : backend.describe());
            }
            long t0 = System.nanoTime();
            SimulationReport r = Simulation.run(config, (settled, total) -> progress(err, settled, total));
            err.println();
            double seconds = (System.nanoTime() - t0) / 1e9;
            PrintWriter out = spec.commandLine().getOut();
            Map<String, LongSummaryStatistics> gas = anvil ? evm.gas().snapshot() : Map.of();
            if (json) {
                Map<String, Object> o = toJson(r, seconds);
                o.put("chain", chain);
                if (anvil) {
                    o.put("gas", gasJson(gas));
                }
                out.println(ModelArgs.json(o));
            } else {
                printTable(out, r, seconds);
                if (anvil) {
                    out.println();
                    out.println("gas per operation (anvil, " + AnvilBackend.QUORUM + " attestations per result):");
                    out.print(evm.gas().table());
                    out.flush();
                }
            }
            return r.escrowInvariantOk() ? 0 : 1;
        } finally {
            if (evm != null) {
                evm.close();
            }
            deleteTree(dir);
        }
    }

    private static int hiddenCount(SimulationConfig config) {
        int n = 0;
        for (int k = 0; k < config.jobs(); k++) {
            n += config.hides(k) ? 1 : 0;
        }
        return n;
    }

    private static Map<String, Object> gasJson(Map<String, LongSummaryStatistics> gas) {
        Map<String, Object> o = new LinkedHashMap<>();
        gas.forEach((op, s) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("txs", s.getCount());
            m.put("min", s.getMin());
            m.put("mean", Math.round(s.getAverage()));
            m.put("max", s.getMax());
            o.put(op, m);
        });
        return o;
    }

    private static void progress(PrintWriter err, int settled, int total) {
        int filled = total == 0 ? BAR : settled * BAR / total;
        err.printf("\r[%s%s] %d/%d jobs settled", "#".repeat(filled), ".".repeat(BAR - filled), settled, total);
        err.flush();
    }

    private static void printTable(PrintWriter out, SimulationReport r, double seconds) {
        out.printf("model %s, %d simulated s, %.1f s wall%n%n", r.modelId(), r.simulatedSeconds(), seconds);
        out.printf("%-22s %6s %8s%n", "jobs", "posted", "verified");
        out.printf("%-22s %6d %8d%n", "public input", r.jobsPosted() - r.hiddenPosted(), r.jobsVerified() - r.hiddenVerified());
        out.printf("%-22s %6d %8d%n", "hidden input (zk)", r.hiddenPosted(), r.hiddenVerified());
        out.printf("%-22s %6d %8d   reassigned %d   refunded %d   rejected at intake %d%n%n", "all", r.jobsPosted(),
                r.jobsVerified(), r.jobsReassigned(), r.jobsRefunded(), r.rejectedAtIntake());
        out.printf("%-44s %-9s %6s %6s %8s %6s %7s %8s %8s  %s%n", "node", "", "paid", "hidden", "earned", "fees", "reward",
                "stake", "slashed", "faults");
        for (NodeReport n : r.nodes()) {
            out.printf("%-44s %-9s %6d %6d %8d %6d %7d %8d %8d  %s%n", n.address(), n.dishonest() ? "dishonest" : "honest",
                    n.jobsPaid(), n.hiddenPaid(), n.earned(), n.fees(), n.reward(), n.stake(), n.slashed(),
                    faultList(n.faults()));
        }
        out.println();
        out.println("fault codes seen (of them on hidden-input jobs):");
        if (r.faults().isEmpty()) {
            out.println("  none");
        }
        sorted(r.faults()).forEach(e -> out.printf("  %-22s %3d (%d)  %s%n", e.getKey(), e.getValue(),
                r.hiddenFaults().getOrDefault(e.getKey(), 0), e.getKey().description()));
        out.println();
        out.printf("escrow: posted %d = paid %d + refunded %d + held %d; slashed to pool %d -> %s%n",
                r.audit().escrowPosted(), r.audit().paid(), r.audit().refunded(), r.audit().escrowHeld(),
                r.audit().slashedPool(), r.escrowInvariantOk() ? "invariant ok" : "INVARIANT BROKEN");
        long claimed = r.nodes().stream().mapToLong(NodeReport::reward).sum();
        out.printf("epoch rewards: minted %d, claimed %d, left in the reward pool %d (rounding)%n", r.rewardsMinted(),
                claimed, r.audit().rewardPool());
    }

    private static Map<String, Object> toJson(SimulationReport r, double seconds) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("jobs_posted", r.jobsPosted());
        o.put("jobs_verified", r.jobsVerified());
        o.put("hidden_posted", r.hiddenPosted());
        o.put("hidden_verified", r.hiddenVerified());
        o.put("jobs_reassigned", r.jobsReassigned());
        o.put("jobs_refunded", r.jobsRefunded());
        o.put("rejected_at_intake", r.rejectedAtIntake());
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (NodeReport n : r.nodes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("address", n.address().hex());
            m.put("dishonest", n.dishonest());
            m.put("jobs_paid", n.jobsPaid());
            m.put("hidden_paid", n.hiddenPaid());
            m.put("earned", n.earned());
            m.put("fees", n.fees());
            m.put("reward", n.reward());
            m.put("stake", n.stake());
            m.put("slashed", n.slashed());
            m.put("faults", names(n.faults()));
            nodes.add(m);
        }
        o.put("nodes", nodes);
        o.put("faults", names(r.faults()));
        o.put("hidden_faults", names(r.hiddenFaults()));
        o.put("rewards_minted", r.rewardsMinted());
        o.put("escrow_invariant_ok", r.escrowInvariantOk());
        o.put("model_id", r.modelId());
        o.put("wall_seconds", Math.round(seconds * 10) / 10.0);
        return o;
    }

    private static Stream<Map.Entry<Fault, Integer>> sorted(Map<Fault, Integer> faults) {
        return faults.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.comparing(Fault::name)));
    }

    private static Map<String, Integer> names(Map<Fault, Integer> faults) {
        Map<String, Integer> m = new LinkedHashMap<>();
        sorted(faults).forEach(e -> m.put(e.getKey().name(), e.getValue()));
        return m;
    }

    private static String faultList(Map<Fault, Integer> faults) {
        return faults.isEmpty() ? "-" : String.join(", ", sorted(faults).map(e -> e.getKey() + " x" + e.getValue()).toList());
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
