package io.edgeproof.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.Fault;
import io.edgeproof.ledger.InputDigest;
import io.edgeproof.ledger.JobInput;
import io.edgeproof.ledger.JobRequest;
import io.edgeproof.ledger.JobState;
import io.edgeproof.ledger.LedgerException;
import io.edgeproof.ledger.LedgerRules;
import io.edgeproof.ledger.ManualClock;
import io.edgeproof.ledger.NodeResources;
import io.edgeproof.ledger.ProofFixtures;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Calls batched into one transaction keep their own atomicity, and the batch is durable as a whole or not at all. */
class LedgerBatchTest {
    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(5_000);
    private final Address requester = ProofFixtures.actor("requester");
    private final Address alice = ProofFixtures.actor("alice");
    private final Address bob = ProofFixtures.actor("bob");

    private EmbeddedLedger open() {
        return EmbeddedLedger.open(dir.resolve("l.db"), 1, LedgerRules.standard(), clock, new EchoVerifier());
    }

    /** A ledger with two nodes and two posted jobs (ids 1 and 2). */
    private EmbeddedLedger withTwoJobs() {
        EmbeddedLedger l = open();
        l.mint(requester, 100);
        l.registerModel(requester, new byte[] {1});
        for (Address n : new Address[] {alice, bob}) {
            l.mint(n, 5_000);
            l.registerNode(n, 5_000, new NodeResources(1, 1, 0, 1, Set.of(EchoVerifier.MODEL)));
        }
        for (int i = 0; i < 2; i++) {
            l.postJob(requester, new JobRequest(EchoVerifier.MODEL, new JobInput.Public(InputDigest.of(new int[] {i})),
                    10, clock.now() + 1_000));
        }
        return l;
    }

    @Test
    void callRejectedInsideABatchChangesNothingAndTheBatchCommitsTheRest() {
        try (EmbeddedLedger l = withTwoJobs()) {
            l.batch(() -> {
                l.assign(1, alice);
                assertThatThrownBy(() -> l.assign(1, bob)).isInstanceOfSatisfying(LedgerException.class,
                        e -> assertThat(e.fault()).isEqualTo(Fault.JOB_ALREADY_ASSIGNED));
                l.assign(2, bob);
                return null;
            });
        }
        try (EmbeddedLedger l = open()) {
            assertThat(l.job(1).orElseThrow().node()).isEqualTo(alice);
            assertThat(l.job(2).orElseThrow().node()).isEqualTo(bob);
            assertThat(l.node(alice).orElseThrow().activeJobs()).isOne();
            assertThat(l.node(bob).orElseThrow().activeJobs()).isOne();
            l.audit().check();
        }
    }

    @Test
    void batchThatThrowsCommitsNoneOfItsCalls() {
        try (EmbeddedLedger l = withTwoJobs()) {
            assertThatThrownBy(() -> l.batch(() -> {
                l.assign(1, alice);
                l.assign(2, bob);
                throw new IllegalStateException("the caller gives up before the batch commits");
            })).hasMessageContaining("gives up");
            assertThat(l.job(1).orElseThrow().state()).isEqualTo(JobState.POSTED);
        }
        try (EmbeddedLedger l = open()) {
            assertThat(l.job(1).orElseThrow().state()).isEqualTo(JobState.POSTED);
            assertThat(l.job(2).orElseThrow().state()).isEqualTo(JobState.POSTED);
            assertThat(l.node(alice).orElseThrow().activeJobs()).isZero();
            l.audit().check();
        }
    }
}
