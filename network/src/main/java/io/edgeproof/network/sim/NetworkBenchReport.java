package io.edgeproof.network.sim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the network bench measured on its reported pass, and the books it checked.
 *
 * @param jobsPerSec     paid jobs per wall second, from the first post to the end of the last round
 * @param p50Ms          median latency of a job, from its post to its settlement (paid), wall milliseconds
 * @param p99Ms          99th percentile of the same
 * @param lostJobs       jobs posted but not verified and paid
 * @param books          jobs, nodes, faults and the ledger's audit, read back from the ledger
 * @param phaseSeconds   wall seconds spent in each phase of the rounds (post, heartbeat, dispatch, work, settle, tick)
 * @param verifications  proofs the ledger verified; {@code verifyMillis} their summed time over all threads
 * @param coldPasses     passes that proved missing proofs first (not reported); 0 when the bank was warm
 * @param cpuSeconds     CPU time of the whole process over the reported run (all threads, GC included)
 * @param failures       breached checks; the run is sound when empty
 */
public record NetworkBenchReport(int nodes, int jobs, double jobsPerSec, double p50Ms, double p99Ms, int lostJobs,
                                 SimulationReport books, Map<String, Double> phaseSeconds,
                                 long verifications, double verifyMillis, int proofsFromBank, int proofsProvedLive,
                                 long meanProofBytes, int coldPasses, double setupSeconds, double runSeconds,
                                 double cpuSeconds,
                                 int rounds, int dishonestNodes, int offlineNodes, int submitThreads,
                                 List<String> failures) {
    public NetworkBenchReport {
        phaseSeconds = Collections.unmodifiableMap(new LinkedHashMap<>(phaseSeconds));
        failures = List.copyOf(failures);
    }

    static NetworkBenchReport of(NetworkBenchConfig c, BenchPass.Result r, int coldPasses, List<String> failures) {
        Map<String, Double> phases = new LinkedHashMap<>();
        for (BenchPass.Phase p : BenchPass.Phase.values()) {
            phases.put(p.name().toLowerCase(Locale.ROOT), r.phaseNanos()[p.ordinal()] / 1e9);
        }
        double[] lat = r.latenciesMs();
        int submissions = r.provedLive() + r.fromBank();
        return new NetworkBenchReport(c.nodes(), c.jobs(), r.books().jobsVerified() / r.runSeconds(),
                percentile(lat, 50), percentile(lat, 99), r.books().jobsPosted() - r.books().jobsVerified(), r.books(),
                phases, r.verifications(), r.verifyMillis(), r.fromBank(), r.provedLive(),
                submissions == 0 ? 0 : r.proofBytes() / submissions, coldPasses, r.setupSeconds(), r.runSeconds(),
                r.cpuSeconds(),
                r.rounds(), c.dishonestNodes(), c.offlineNodes(), c.submitThreads(), failures);
    }

    public boolean ok() {
        return failures.isEmpty();
    }

    /** Nearest rank: the smallest value with at least {@code p}% of the values at or below it. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
