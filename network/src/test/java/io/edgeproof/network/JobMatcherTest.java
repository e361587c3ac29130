package io.edgeproof.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.JobState;
import io.edgeproof.ledger.JobView;
import io.edgeproof.ledger.LedgerRules;
import io.edgeproof.ledger.ModelId;
import io.edgeproof.ledger.NodeResources;
import io.edgeproof.ledger.NodeStatus;
import io.edgeproof.ledger.NodeView;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who gets a job: eligibility first, then reputation, stake, load, address. */
class JobMatcherTest {
    private static final long NOW = 1_000_000;
    private static final ModelId MODEL = new ModelId(new byte[32]);
    private static final ModelId OTHER = new ModelId(filled(7));
    private final JobMatcher matcher = new JobMatcher(LedgerRules.standard(), 30);
    private final JobView job = new JobView(1, address(0), MODEL, new byte[32], 100, 100, NOW, NOW + 600,
            JobState.POSTED, null, 0, 0, null);

    private static byte[] filled(int b) {
        byte[] x = new byte[32];
        java.util.Arrays.fill(x, (byte) b);
        return x;
    }

    private static Address address(int i) {
        byte[] a = new byte[20];
        a[19] = (byte) i;
        return new Address(a);
    }

    private static NodeView node(int i, long stake, long reputation, int active, NodeStatus status, long heartbeat,
                                 ModelId model) {
        return new NodeView(address(i), stake, status, reputation, heartbeat, 0, active, 0, 0,
                new NodeResources(2, 1024, 0, 1, Set.of(model)));
    }

    private static NodeView node(int i, long stake, long reputation, int active) {
        return node(i, stake, reputation, active, NodeStatus.ONLINE, NOW, MODEL);
    }

    @Test
    void prefersReputationThenStakeThenLoadThenAddress() {
        assertThat(matcher.match(job, List.of(node(1, 5_000, 3, 0), node(2, 9_000, 2, 0)), Set.of(), NOW))
                .contains(address(1));
        assertThat(matcher.match(job, List.of(node(1, 5_000, 3, 0), node(2, 9_000, 3, 0)), Set.of(), NOW))
                .contains(address(2));
        assertThat(matcher.match(job, List.of(node(1, 5_000, 3, 1), node(2, 5_000, 3, 0)), Set.of(), NOW))
                .contains(address(2));
        assertThat(matcher.match(job, List.of(node(2, 5_000, 3, 0), node(1, 5_000, 3, 0)), Set.of(), NOW))
                .contains(address(1));
    }

    @Test
    void skipsNodesThatCannotTakeTheJob() {
        List<NodeView> unfit = List.of(
                node(1, 9_000, 9, 0, NodeStatus.OFFLINE, NOW, MODEL),
                node(2, 9_000, 9, 0, NodeStatus.ONLINE, NOW - 61, MODEL),
                node(3, 999, 9, 0),
                node(4, 9_000, 9, 0, NodeStatus.ONLINE, NOW, OTHER),
                node(5, 9_000, 9, 2),
                node(6, 9_000, 9, 0));
        assertThat(matcher.match(job, unfit, Set.of(address(6)), NOW)).isEmpty();
        assertThat(matcher.match(job, unfit, Set.of(), NOW)).contains(address(6));
    }

    @Test
    void candidatesFollowEachAssignmentWithinOneDispatch() {
        JobMatcher.Candidates c = matcher.candidates(List.of(node(1, 5_000, 3, 1), node(2, 9_000, 3, 0),
                node(3, 9_000, 2, 0, NodeStatus.ONLINE, NOW, OTHER)), NOW);
        assertThat(c.match(job, Set.of())).contains(address(2));
        c.update(node(2, 9_000, 3, 2));
        assertThat(c.match(job, Set.of())).contains(address(1));
        assertThat(c.match(job, Set.of(address(1)))).isEmpty();
        c.remove(address(1));
        assertThat(c.match(job, Set.of())).isEmpty();
        c.update(node(2, 9_000, 3, 1));
        assertThat(c.match(job, Set.of())).contains(address(2));
    }

    @Test
    void leavesAJobTooCloseToItsDeadline() {
        assertThat(matcher.match(job, List.of(node(1, 5_000, 3, 0)), Set.of(), NOW + 571)).isEmpty();
    }
}
