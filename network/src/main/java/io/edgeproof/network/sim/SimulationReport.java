package io.edgeproof.network.sim;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.Fault;
import io.edgeproof.ledger.LedgerAudit;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a run, read back from the ledger: job counts (all, and of them the hidden-input ones), each
 * node's books and faults, the fault codes seen (all, and those on hidden jobs), the audit, and the epoch
 * emission minted. {@code escrowInvariantOk} is the escrow and supply equations holding, with every verified
 * job paid exactly its price.
 */
public record SimulationReport(int jobsPosted, int jobsVerified, int hiddenPosted, int hiddenVerified,
                               int jobsReassigned, int jobsRefunded, int rejectedAtIntake, List<NodeReport> nodes,
                               Map<Fault, Integer> faults, Map<Fault, Integer> hiddenFaults, LedgerAudit audit,
                               boolean escrowInvariantOk, long simulatedSeconds, String modelId, long rewardsMinted) {
    public SimulationReport {
        nodes = List.copyOf(nodes);
        faults = Map.copyOf(faults);
        hiddenFaults = Map.copyOf(hiddenFaults);
    }

    /**
     * One node: {@code jobsPaid} verified jobs ({@code hiddenPaid} of them hidden), {@code earned} for them,
     * {@code fees} for attesting others' (EVM ledger only), {@code reward} from closed epochs.
     */
    public record NodeReport(Address address, boolean dishonest, long earned, long fees, long reward, long stake,
                             long slashed, int jobsPaid, int hiddenPaid, Map<Fault, Integer> faults) {
        public NodeReport {
            faults = Map.copyOf(faults);
        }

        public int faultCount() {
            return faults.values().stream().mapToInt(Integer::intValue).sum();
        }
    }
}
