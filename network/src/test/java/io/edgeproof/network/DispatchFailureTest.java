package io.edgeproof.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeproof.ledger.JobState;
import io.edgeproof.ledger.Ledger;
import io.edgeproof.ledger.zkml.ZkmlProofVerifier;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dispatch pass is one ledger batch; when an assignment fails halfway, nodes hear of exactly the
 * assignments the ledger kept: none on the embedded ledger (the batch rolls back), the earlier ones on a
 * back end that runs a batch call by call.
 */
class DispatchFailureTest {
    @TempDir
    Path dir;

    private NetworkFixture net;

    @AfterEach
    void close() {
        net.ledger.audit().check();
        net.close();
    }

    /** The ledger as the gateway sees it: assigning job 2 fails; {@code atomic} false runs batches call by call. */
    private static Ledger failingOnJob2(Ledger inner, boolean atomic) {
        InvocationHandler h = (proxy, method, args) -> {
            if (method.getName().equals("assign") && (long) args[0] == 2) {
                throw new IllegalStateException("the ledger is unreachable");
            }
            if (method.getName().equals("batch") && !atomic) {
                return ((Supplier<?>) args[0]).get();
            }
            try {
                return method.invoke(inner, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Ledger) Proxy.newProxyInstance(Ledger.class.getClassLoader(), new Class<?>[] {Ledger.class}, h);
    }

    private void twoNodesTwoJobs(boolean atomic) {
        net = new NetworkFixture(dir, new ZkmlProofVerifier(), l -> failingOnJob2(l, atomic));
        net.node("alice", Behaviour.HONEST);
        net.node("bob", Behaviour.HONEST);
        net.post(net.input(1));
        net.post(net.input(2));
    }

    private int queued() {
        return net.gateway.pollAssignments(NetworkFixture.actor("alice")).size()
                + net.gateway.pollAssignments(NetworkFixture.actor("bob")).size();
    }

    @Test
    void failedPassOnTheEmbeddedLedgerAssignsNothingAndTellsNobody() {
        twoNodesTwoJobs(true);
        assertThatThrownBy(net.gateway::dispatch).hasMessageContaining("unreachable");
        assertThat(net.ledger.job(1).orElseThrow().state()).isEqualTo(JobState.POSTED);
        assertThat(queued()).isZero();
    }

    @Test
    void failedPassOnACallByCallLedgerTellsTheNodeOfTheAssignmentItKept() {
        twoNodesTwoJobs(false);
        assertThatThrownBy(net.gateway::dispatch).hasMessageContaining("unreachable");
        assertThat(net.ledger.job(1).orElseThrow().state()).isEqualTo(JobState.ASSIGNED);
        assertThat(net.ledger.job(2).orElseThrow().state()).isEqualTo(JobState.POSTED);
        assertThat(queued()).isOne();
    }
}
