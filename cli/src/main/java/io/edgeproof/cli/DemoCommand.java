package io.edgeproof.cli;

import io.edgeproof.ledger.Fault;
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
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code edgeproof demo}: the network in one process on the embedded ledger (a temporary file), with real
 * digits-cnn proofs, one dishonest node, and meter cameras signing frames; prints the books at the end.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the network in one process: embedded ledger, gateway, provider nodes (one dishonest), "
                + "meter cameras, real proofs; ends with jobs, earnings, stakes, slashes and fault codes.")
public final class DemoCommand implements Callable<Integer> {
    private static final int BAR = 30;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--nodes", defaultValue = "3", description = "provider nodes, one of them dishonest (default ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = "--jobs", defaultValue = "20", description = "jobs to post, one per camera frame (default ${DEFAULT-VALUE})")
    int jobs;

    @Option(names = "--seed", defaultValue = "1", description = "fixes keys, frames, the cheater and its forgeries (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--model", defaultValue = "digits-cnn", description = "shared model the cameras' frames feed (default ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--threads", defaultValue = "2", description = "threads the nodes prove on (default ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--json", description = "print one JSON object as the last stdout line")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Path models = SharedModelDir.find();
        Path dir = Files.createTempDirectory("edgeproof-demo");
        PrintWriter err = spec.commandLine().getErr();
        try {
            SimulationConfig config = new SimulationConfig(nodes, jobs, seed, SharedModelDir.network(models, model),
                    models.resolve("digits-test.json"), threads, dir.resolve("ledger.db"));
            if (!json) {
                err.printf("demo: %d nodes, %d jobs, seed %d, model %s, ledger %s%n", nodes, jobs, seed, model,
                        config.ledgerFile());
            }
            long t0 = System.nanoTime();
            SimulationReport r = Simulation.run(config, (settled, total) -> progress(err, settled, total));
            err.println();
            double seconds = (System.nanoTime() - t0) / 1e9;
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(ModelArgs.json(toJson(r, seconds)));
            } else {
                printTable(out, r, seconds);
            }
            return r.escrowInvariantOk() ? 0 : 1;
        } finally {
            deleteTree(dir);
        }
    }

    private static void progress(PrintWriter err, int settled, int total) {
        int filled = total == 0 ? BAR : settled * BAR / total;
        err.printf("\r[%s%s] %d/%d jobs settled", "#".repeat(filled), ".".repeat(BAR - filled), settled, total);
        err.flush();
    }

    private static void printTable(PrintWriter out, SimulationReport r, double seconds) {
        out.printf("model %s, %d simulated s, %.1f s wall%n%n", r.modelId(), r.simulatedSeconds(), seconds);
        out.printf("jobs posted %d   verified %d   reassigned %d   refunded %d   rejected at intake %d%n%n",
                r.jobsPosted(), r.jobsVerified(), r.jobsReassigned(), r.jobsRefunded(), r.rejectedAtIntake());
        out.printf("%-44s %-9s %6s %8s %8s %8s  %s%n", "node", "", "paid", "earned", "stake", "slashed", "faults");
        for (NodeReport n : r.nodes()) {
            out.printf("%-44s %-9s %6d %8d %8d %8d  %s%n", n.address(), n.dishonest() ? "dishonest" : "honest",
                    n.jobsPaid(), n.earned(), n.stake(), n.slashed(), faultList(n.faults()));
        }
        out.println();
        out.println("fault codes seen:");
        if (r.faults().isEmpty()) {
            out.println("  none");
        }
        sorted(r.faults()).forEach(e -> out.printf("  %-22s %3d  %s%n", e.getKey(), e.getValue(), e.getKey().description()));
        out.println();
        out.printf("escrow: posted %d = paid %d + refunded %d + held %d; slashed to pool %d -> %s%n",
                r.audit().escrowPosted(), r.audit().paid(), r.audit().refunded(), r.audit().escrowHeld(),
                r.audit().slashedPool(), r.escrowInvariantOk() ? "invariant ok" : "INVARIANT BROKEN");
    }

    private static Map<String, Object> toJson(SimulationReport r, double seconds) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("jobs_posted", r.jobsPosted());
        o.put("jobs_verified", r.jobsVerified());
        o.put("jobs_reassigned", r.jobsReassigned());
        o.put("jobs_refunded", r.jobsRefunded());
        o.put("rejected_at_intake", r.rejectedAtIntake());
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (NodeReport n : r.nodes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("address", n.address().hex());
            m.put("dishonest", n.dishonest());
            m.put("jobs_paid", n.jobsPaid());
            m.put("earned", n.earned());
            m.put("stake", n.stake());
            m.put("slashed", n.slashed());
            m.put("faults", names(n.faults()));
            nodes.add(m);
        }
        o.put("nodes", nodes);
        o.put("faults", names(r.faults()));
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
