package io.edgeproof.network;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.JobView;
import io.edgeproof.ledger.LedgerRules;
import io.edgeproof.ledger.NodeStatus;
import io.edgeproof.ledger.NodeView;
import io.edgeproof.ledger.ModelId;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Picks the node for a job: among nodes that are online, heard from within the heartbeat timeout, staked at
 * least the minimum, serving the job's model, not already failed on this job and with a free core, the one
 * with the best reputation, then the most stake (more to lose), then the least load, then the lowest address
 * (so a run is reproducible). A job with less than {@code minimumWindow} seconds left is not assigned:
 * no node could prove it in time, and the ledger will refund it.
 *
 * <p>For a gateway matching many jobs at once, {@link #candidates} builds the eligible nodes once, kept in
 * preference order per model, so each match is a walk from the best node past those that failed the job
 * rather than a scan of every node.
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
        return candidates(nodes, now).match(job, failed);
    }

    /** The nodes that can take a job at {@code now}, to match several jobs against. */
    public Candidates candidates(Collection<NodeView> nodes, long now) {
        Candidates c = new Candidates(now);
        nodes.forEach(c::update);
        return c;
    }

    /** Eligible at {@code now} for some job of a model it serves (the job's model and failures aside). */
    private boolean available(NodeView n, long now) {
        return n.status() == NodeStatus.ONLINE
                && now - n.lastHeartbeat() <= rules.heartbeatTimeout()
                && n.stake() >= rules.minStake()
                && n.activeJobs() < n.resources().cores();
    }

    /**
     * Available nodes in preference order per model served. After assigning a job, the caller passes the
     * node's new view to {@link #update} (its load changed, and it may have no free core left).
     */
    public final class Candidates {
        private final long now;
        private final Map<ModelId, TreeSet<NodeView>> byModel = new HashMap<>();
        private final Map<Address, NodeView> current = new HashMap<>();

        private Candidates(long now) {
            this.now = now;
        }

        /** The best available node serving the job's model that has not failed it. */
        public Optional<Address> match(JobView job, Set<Address> failed) {
            if (job.deadline() - now < minimumWindow) {
                return Optional.empty();
            }
            TreeSet<NodeView> serving = byModel.get(job.model());
            if (serving != null) {
                for (NodeView n : serving) {
                    if (!failed.contains(n.address())) {
                        return Optional.of(n.address());
                    }
                }
            }
            return Optional.empty();
        }

        /** Replaces what is known of a node. */
        public void update(NodeView n) {
            remove(n.address());
            current.put(n.address(), n);
            if (available(n, now)) {
                for (ModelId m : n.resources().models()) {
                    byModel.computeIfAbsent(m, k -> new TreeSet<>(PREFERENCE)).add(n);
                }
            }
        }

        /** Leaves a node out of this round of matching. */
        public void remove(Address node) {
            NodeView old = current.remove(node);
            if (old != null) {
                for (ModelId m : old.resources().models()) {
                    TreeSet<NodeView> serving = byModel.get(m);
                    if (serving != null) {
                        serving.remove(old);
                    }
                }
            }
        }
    }
}
