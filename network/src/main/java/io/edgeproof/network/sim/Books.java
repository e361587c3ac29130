package io.edgeproof.network.sim;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.EventType;
import io.edgeproof.ledger.Fault;
import io.edgeproof.ledger.Ledger;
import io.edgeproof.ledger.LedgerAudit;
import io.edgeproof.ledger.LedgerEvent;
import io.edgeproof.ledger.ModelId;
import io.edgeproof.ledger.NodeView;
import io.edgeproof.network.Behaviour;
import io.edgeproof.network.ProviderNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a run's outcome back from the ledger: its event log, node and job views, and the audit. Every
 * verified job must have left escrow as exactly its price: the prover's share plus the attesters' fees
 * (on the EVM ledger; none on the embedded one).
 */
final class Books {
    private static final int PAGE = 1_000;

    private Books() {}

    static SimulationReport read(Ledger ledger, List<ProviderNode> nodes, int posted, Set<Long> hiddenJobs,
                                 int rejectedAtIntake, List<Fault> intakeFaults, long simulatedSeconds, ModelId model) {
        Map<Fault, Integer> faults = new EnumMap<>(Fault.class);
        Map<Fault, Integer> hiddenFaults = new EnumMap<>(Fault.class);
        Map<Address, Integer> nodeHiddenPaid = new HashMap<>();
        int hiddenPaid = 0;
        Map<Address, Map<Fault, Integer>> nodeFaults = new HashMap<>();
        Map<Address, Integer> nodePaid = new HashMap<>();
        Map<Address, Long> fees = new HashMap<>();
        Map<Address, Long> rewards = new HashMap<>();
        long feesFromEscrow = 0;
        long rewardsMinted = 0;
        int paid = 0;
        int refunded = 0;
        List<LedgerEvent> page;
        long after = 0;
        do {
            page = ledger.events(after, PAGE);
            for (LedgerEvent e : page) {
                after = e.seq();
                if (e.type() == EventType.JOB_PAID) {
                    paid++;
                    nodePaid.merge(e.address(), 1, Integer::sum);
                    if (hiddenJobs.contains(e.jobId())) {
                        hiddenPaid++;
                        nodeHiddenPaid.merge(e.address(), 1, Integer::sum);
                    }
                } else if (e.type() == EventType.JOB_REFUNDED) {
                    refunded++;
                } else if (e.type() == EventType.NODE_FAULTED) {
                    faults.merge(e.fault(), 1, Integer::sum);
                    if (hiddenJobs.contains(e.jobId())) {
                        hiddenFaults.merge(e.fault(), 1, Integer::sum);
                    }
                    nodeFaults.computeIfAbsent(e.address(), a -> new EnumMap<>(Fault.class)).merge(e.fault(), 1, Integer::sum);
                } else if (e.type() == EventType.VERIFIER_PAID) {
                    fees.merge(e.address(), e.amount(), Long::sum);
                    // A fee for a "verifies" verdict comes out of the job's escrow; one for a fault, out of the slash.
                    feesFromEscrow += e.fault() == null ? e.amount() : 0;
                } else if (e.type() == EventType.REWARD_PAID) {
                    rewards.merge(e.address(), e.amount(), Long::sum);
                } else if (e.type() == EventType.EPOCH_CLOSED) {
                    rewardsMinted += e.amount();
                }
            }
        } while (page.size() == PAGE);
        intakeFaults.forEach(f -> faults.merge(f, 1, Integer::sum));
        int reassigned = 0;
        for (long id = 1; id <= posted; id++) {
            if (ledger.job(id).orElseThrow().attempts() > 1) {
                reassigned++;
            }
        }
        List<SimulationReport.NodeReport> reports = new ArrayList<>();
        long earned = 0;
        for (ProviderNode n : nodes) {
            NodeView v = ledger.node(n.address()).orElseThrow();
            earned += v.earnedTotal();
            reports.add(new SimulationReport.NodeReport(n.address(), !(n.behaviour() instanceof Behaviour.Honest), v.earnedTotal(),
                    fees.getOrDefault(n.address(), 0L), rewards.getOrDefault(n.address(), 0L), v.stake(),
                    v.slashedTotal(), nodePaid.getOrDefault(n.address(), 0), nodeHiddenPaid.getOrDefault(n.address(), 0),
                    nodeFaults.getOrDefault(n.address(), Map.of())));
        }
        LedgerAudit audit = ledger.audit();
        boolean escrowOk = audit.escrowBalances() && audit.supplyConserved() && audit.escrowHeld() == 0
                && earned + feesFromEscrow == audit.paid() && audit.paid() == paid * SimulationConfig.PRICE;
        return new SimulationReport(posted, paid, hiddenJobs.size(), hiddenPaid, reassigned, refunded, rejectedAtIntake,
                reports, faults, hiddenFaults, audit, escrowOk, simulatedSeconds, model.hex(), rewardsMinted);
    }
}
