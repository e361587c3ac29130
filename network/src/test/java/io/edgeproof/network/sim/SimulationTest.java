package io.edgeproof.network.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeproof.ledger.Fault;
import io.edgeproof.ledger.LedgerRules;
import io.edgeproof.network.SharedModels;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo network end to end with real digits-cnn proofs: 3 nodes (one cheating), 6 jobs, every other frame
 * hidden (committed by the camera, proved in zero knowledge, verified against the signed commitment).
 */
class SimulationTest {
    @TempDir
    Path dir;

    private SimulationReport run(String name, long seed) {
        SimulationConfig c = new SimulationConfig(3, 6, 0.5, seed, SharedModels.network("digits-cnn"),
                SharedModels.digitsFrames(), 2, dir.resolve(name + ".db"));
        return Simulation.run(c, (settled, total) -> {});
    }

    @Test
    void honestPublicAndHiddenJobsArePaidExactlyTheEscrowAndTheCheaterIsSlashedAndReplaced() {
        SimulationReport r = run("a", 1);

        assertThat(r.jobsPosted()).isEqualTo(6);
        assertThat(r.jobsVerified()).isEqualTo(6);
        assertThat(r.jobsRefunded()).isZero();
        assertThat(r.escrowInvariantOk()).isTrue();
        assertThat(r.audit().escrowPosted()).isEqualTo(6 * SimulationConfig.PRICE);
        assertThat(r.audit().paid()).isEqualTo(r.audit().escrowPosted());
        assertThat(r.audit().escrowHeld()).isZero();
        r.audit().check();

        List<SimulationReport.NodeReport> cheaters = r.nodes().stream().filter(SimulationReport.NodeReport::dishonest).toList();
        assertThat(cheaters).hasSize(1);
        SimulationReport.NodeReport cheater = cheaters.getFirst();
        assertThat(cheater.faultCount()).isPositive();
        assertThat(cheater.slashed()).isPositive();
        assertThat(cheater.stake()).isEqualTo(SimulationConfig.STAKE - cheater.slashed());
        assertThat(r.jobsReassigned()).isEqualTo(cheater.faultCount());
        long earnedByHonest = r.nodes().stream().filter(n -> !n.dishonest()).mapToLong(SimulationReport.NodeReport::earned).sum();
        assertThat(earnedByHonest + cheater.earned()).isEqualTo(6 * SimulationConfig.PRICE);
        for (SimulationReport.NodeReport n : r.nodes()) {
            assertThat(n.earned()).isEqualTo(n.jobsPaid() * SimulationConfig.PRICE);
            if (!n.dishonest()) {
                assertThat(n.slashed()).isZero();
                assertThat(n.faults()).isEmpty();
            }
        }
        assertThat(r.faults()).containsEntry(Fault.BAD_DEVICE_SIGNATURE, 1);
        assertThat(r.faults().keySet()).isSubsetOf(Fault.BAD_DEVICE_SIGNATURE, Fault.WRONG_INPUT_BINDING,
                Fault.INVALID_PROOF, Fault.MALFORMED_PROOF, Fault.OUTPUT_MISMATCH);
        assertThat(r.rejectedAtIntake()).isEqualTo(1);

        // hidden frames: all paid, and on this seed the cheater forged on one of them (a proof about another
        // commitment of the same frame, or a broken proof), was slashed for it, and another node completed it
        assertThat(r.hiddenPosted()).isEqualTo(3);
        assertThat(r.hiddenVerified()).isEqualTo(3);
        assertThat(r.nodes().stream().mapToInt(SimulationReport.NodeReport::hiddenPaid).sum()).isEqualTo(3);
        assertThat(r.hiddenFaults()).isNotEmpty();
        assertThat(r.hiddenFaults().keySet()).isSubsetOf(Fault.WRONG_INPUT_BINDING, Fault.INVALID_PROOF,
                Fault.MALFORMED_PROOF, Fault.OUTPUT_MISMATCH);
        r.hiddenFaults().forEach((f, n) -> assertThat(cheater.faults().get(f)).isGreaterThanOrEqualTo(n));

        // One epoch closed at the end: its whole emission minted (jobs and uptime were earned), claimed but dust.
        long emission = LedgerRules.standard().epochEmission();
        long claimed = r.nodes().stream().mapToLong(SimulationReport.NodeReport::reward).sum();
        assertThat(r.rewardsMinted()).isEqualTo(emission);
        assertThat(claimed + r.audit().rewardPool()).isEqualTo(emission);
        assertThat(r.audit().rewardPool()).isLessThan(r.nodes().size());
        SimulationReport.NodeReport busiest = r.nodes().stream()
                .max(java.util.Comparator.comparingInt(SimulationReport.NodeReport::jobsPaid)).orElseThrow();
        assertThat(busiest.reward()).isEqualTo(r.nodes().stream().mapToLong(SimulationReport.NodeReport::reward).max()
                .orElseThrow());
        for (SimulationReport.NodeReport n : r.nodes()) {
            assertThat(n.fees()).isZero();  // the embedded ledger verifies itself: no attesters to pay
        }
    }

    @Test
    void aRunDependsOnlyOnItsSeed() {
        SimulationReport a = run("a", 1);
        SimulationReport b = run("b", 1);
        assertThat(b.nodes()).isEqualTo(a.nodes());
        assertThat(b.faults()).isEqualTo(a.faults());
        assertThat(b.jobsReassigned()).isEqualTo(a.jobsReassigned());
        assertThat(b.hiddenFaults()).isEqualTo(a.hiddenFaults());
    }
}
