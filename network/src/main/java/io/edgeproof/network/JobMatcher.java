package io.edgeproof.network;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.JobView;
import io.edgeproof.ledger.LedgerRules;
import io.edgeproof.ledger.NodeStatus;
import io.edgeproof.ledger.NodeView;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;

/**
 * Picks the node for a job: among nodes that are online, heard from within the heartbeat timeout, staked at
 * least the minimum, serving the job's model, not already failed on this job and with a free core, the one
 * with the best reputation, then the most stake (more to lose), then the least load, then the lowest address
 * (so a run is reproducible). A job with less than {@code minimumWindow} seconds left is not assigned:
 * no node could prove it in time, and the ledger will refund it.
 */
public final class JobMatcher {
    private static final Comparator<NodeView> PREFERENCE = Comparator
            .comparingLong(NodeView::reputation).reversed()
            .thenComparing(Comparator.comparingLong(NodeView::stake).reversed())
            .thenComparingInt(NodeView::activeJobs)
            .thenComparing(NodeView::address);

    private final LedgerRules rules;
    private final long minimumWindow;

    public JobMatcher(LedgerRules rules, long minimumWindow) {
        if (minimumWindow < 0) {
            throw new IllegalArgumentException("the minimum window is not negative");
        }
        this.rules = rules;
        this.minimumWindow = minimumWindow;
    }

    public Optional<Address> match(JobView job, Collection<NodeView> nodes, Set<Address> failed, long now) {
        if (job.deadline() - now < minimumWindow) {
            return Optional.empty();
        }
        return nodes.stream()
                .filter(n -> eligible(n, job, failed, now))
                .min(PREFERENCE)
                .map(NodeView::address);
    }

    private boolean eligible(NodeView n, JobView job, Set<Address> failed, long now) {
        return n.status() == NodeStatus.ONLINE
                && now - n.lastHeartbeat() <= rules.heartbeatTimeout()
                && n.stake() >= rules.minStake()
                && n.resources().models().contains(job.model())
                && n.activeJobs() < n.resources().cores()
                && !failed.contains(n.address());
    }
}
