package io.edgeproof.network.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.Fault;
import io.edgeproof.ledger.LedgerAudit;
import io.edgeproof.network.SharedModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The network bench's code path on a small network (24 nodes, 2 cheating, 2 going offline, 48 jobs) with
 * real 1l_batch_norm proofs: a cold bank (first pass proves, the reported pass takes every proof from the
 * bank), a rerun on the warm bank, and the bench's own checks catching broken books.
 */
class NetworkBenchTest {
    @TempDir
    static Path dir;

    private static NetworkBenchConfig config;
    private static NetworkBenchReport cold;

    private static NetworkBenchConfig config(String work) {
        return new NetworkBenchConfig(24, 48, 3, SharedModels.network("ezkl/1l_batch_norm"), dir.resolve(work),
                dir.resolve("bank"), 4, 0.05, 0.05);
    }

    private static NetworkBenchReport run(NetworkBenchConfig c) {
        return NetworkBench.run(c, new NetworkBench.Progress() {
            @Override
            public void round(int round, int posted, int settled, int total, double seconds) {}

            @Override
            public void note(String line) {}
        });
    }

    @BeforeAll
    static void runOnAColdBank() {
        config = config("cold");
        cold = run(config);
    }

    @Test
    void everyJobIsVerifiedAndPaidAndTheBooksBalance() {
        assertThat(cold.failures()).isEmpty();
        assertThat(cold.lostJobs()).isZero();
        SimulationReport b = cold.books();
        assertThat(b.jobsPosted()).isEqualTo(48);
        assertThat(b.jobsVerified()).isEqualTo(48);
        LedgerAudit a = b.audit().check();
        assertThat(a.escrowHeld()).isZero();
        assertThat(a.paid()).isEqualTo(48 * SimulationConfig.PRICE).isEqualTo(a.escrowPosted());
        assertThat(cold.verifications()).isEqualTo(b.jobsVerified() + b.faults().entrySet().stream()
                .filter(e -> e.getKey() != Fault.NODE_OFFLINE).mapToInt(e -> e.getValue()).sum());
        assertThat(cold.p50Ms()).isPositive().isLessThanOrEqualTo(cold.p99Ms());
        assertThat(cold.jobsPerSec()).isPositive();
    }

    @Test
    void cheatersAreSlashedAndJobsOfOfflineNodesAreReassigned() {
        SimulationReport b = cold.books();
        assertThat(b.faults()).containsKey(Fault.NODE_OFFLINE);
        assertThat(b.faults().keySet()).anyMatch(f -> f != Fault.NODE_OFFLINE && f.slashes());
        assertThat(b.jobsReassigned()).isGreaterThanOrEqualTo(b.faults().values().stream().mapToInt(i -> i).sum() / 2);
        assertThat(b.nodes().stream().filter(n -> n.slashed() > 0)).allMatch(SimulationReport.NodeReport::dishonest);
        assertThat(b.audit().slashedPool()).isPositive();
    }

    @Test
    void coldBankIsFilledByAFirstPassAndTheReportedPassProvesNothing() {
        assertThat(cold.coldPasses()).isOne();
        assertThat(cold.proofsProvedLive()).isZero();
        assertThat(cold.proofsFromBank()).isEqualTo((int) cold.verifications());

        NetworkBenchReport warm = run(config("warm"));
        assertThat(warm.coldPasses()).isZero();
        assertThat(warm.proofsProvedLive()).isZero();
        assertThat(warm.books().nodes()).isEqualTo(cold.books().nodes());
        assertThat(warm.books().faults()).isEqualTo(cold.books().faults());
        assertThat(warm.failures()).isEmpty();
    }

    private static BenchPass.Result result(SimulationReport books) {
        return new BenchPass.Result(books, new long[BenchPass.Phase.values().length], 0, 1, 1, 1, new double[0], 0, 0,
                0, 0, 0, 0, 0);
    }

    @Test
    void checksCatchALostJobAndAnHonestNodeSlashed() {
        SimulationReport b = cold.books();
        List<SimulationReport.NodeReport> nodes = new ArrayList<>(b.nodes());
        int honest = 0;
        while (nodes.get(honest).dishonest()) {
            honest++;
        }
        SimulationReport.NodeReport h = nodes.get(honest);
        nodes.set(honest, new SimulationReport.NodeReport(h.address(), false, h.earned(), h.fees(), h.reward(), h.stake() - 1, 1,
                h.jobsPaid(), h.hiddenPaid(), h.faults()));
        SimulationReport broken = new SimulationReport(b.jobsPosted(), b.jobsVerified() - 1, b.hiddenPosted(),
                b.hiddenVerified(), b.jobsReassigned(), b.jobsRefunded() + 1, b.rejectedAtIntake(), nodes, b.faults(),
                b.hiddenFaults(), b.audit(), false,
                b.simulatedSeconds(), b.modelId(), b.rewardsMinted());

        Set<Address> offline = b.nodes().stream().filter(n -> n.faults().containsKey(Fault.NODE_OFFLINE))
                .map(SimulationReport.NodeReport::address).collect(Collectors.toSet());
        assertThat(NetworkBench.failures(config, result(b), offline)).isEmpty();
        List<String> failures = NetworkBench.failures(config, result(broken), offline);
        assertThat(failures).anyMatch(f -> f.startsWith("1 jobs lost"));
        assertThat(failures).anyMatch(f -> f.startsWith("honest node " + h.address() + " was slashed"));
    }
}
