package io.edgeproof.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.edgeproof.ledger.Fault;
import io.edgeproof.ledger.JobContext;
import io.edgeproof.ledger.JobState;
import io.edgeproof.ledger.LedgerException;
import io.edgeproof.ledger.ModelId;
import io.edgeproof.ledger.ProofRejectedException;
import io.edgeproof.ledger.ProofVerifier;
import io.edgeproof.ledger.Settlement;
import io.edgeproof.ledger.VerifiedResult;
import io.edgeproof.ledger.zkml.ZkmlProofVerifier;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway lets the ledger verify results outside every lock, several at once. A verification in flight
 * must not become a payment for anything but the job and node it was admitted for: these tests hold one
 * proof inside the verifier while other submissions, ticks and dispatches run, then let it finish.
 */
class ParallelSettlementTest {
    private static final long WAIT_SECONDS = 60;

    @TempDir
    Path dir;

    private final PausingVerifier verifier = new PausingVerifier();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private NetworkFixture net;

    @BeforeEach
    void open() {
        net = new NetworkFixture(dir, verifier, UnaryOperator.identity());
    }

    @AfterEach
    void close() {
        verifier.release.countDown();
        threads.shutdownNow();
        net.ledger.audit().check();
        net.close();
    }

    /** A proof for each node's assignment, in the order of {@code nodes}. */
    private List<JobResult.Proved> proveAssignments(ProviderNode... nodes) {
        net.gateway.dispatch();
        return Arrays.stream(nodes).map(n -> {
            List<Assignment> a = net.gateway.pollAssignments(n.address());
            assertThat(a).as(n.address().toString()).hasSize(1);
            return (JobResult.Proved) n.work(a.getFirst(), net.gateway);
        }).toList();
    }

    private <T> T await(Future<T> f) throws Exception {
        return f.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void proofStolenWhileTheOwnersIsInVerificationCannotSettleTheThiefsJob() throws Exception {
        ProviderNode alice = net.node("alice", Behaviour.HONEST);
        ProviderNode bob = net.node("bob", Behaviour.HONEST);
        net.post(net.input(1));
        net.post(net.input(2));
        List<JobResult.Proved> proofs = proveAssignments(alice, bob);
        JobResult.Proved alices = proofs.get(0);
        long bobsJob = proofs.get(1).jobId();
        verifier.pauseOn(new JobContext(31_337, alices.jobId(), alice.address()));

        Future<Settlement> honest = threads.submit(() -> net.gateway.submit(alices));
        assertThat(verifier.entered.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        // While alice's proof is being verified, bob submits it as the result of his own job.
        JobResult.Proved stolen = new JobResult.Proved(bobsJob, bob.address(), alices.proof(), alices.outputs());
        Settlement theft = await(threads.submit(() -> net.gateway.submit(stolen)));
        verifier.release.countDown();

        assertThat(theft).isInstanceOfSatisfying(Settlement.Faulted.class,
                f -> assertThat(f.fault()).isEqualTo(Fault.INVALID_PROOF));
        assertThat(await(honest)).isInstanceOfSatisfying(Settlement.Paid.class, p -> {
            assertThat(p.jobId()).isEqualTo(alices.jobId());
            assertThat(p.node()).isEqualTo(alice.address());
        });
        assertThat(net.ledger.job(bobsJob).orElseThrow().state()).isEqualTo(JobState.FAULTED);
        assertThat(net.ledger.node(bob.address()).orElseThrow().earnedTotal()).isZero();
        assertThat(net.ledger.node(bob.address()).orElseThrow().slashedTotal()).isEqualTo(NetworkFixture.STAKE / 10);
        assertThat(net.ledger.node(alice.address()).orElseThrow().earnedTotal()).isEqualTo(NetworkFixture.PRICE);

        // The job bob failed goes to alice, whose proof for it is paid.
        List<JobResult.Proved> again = proveAssignments(alice);
        assertThat(net.gateway.submit(again.getFirst())).isInstanceOf(Settlement.Paid.class);
        assertThat(net.ledger.audit().paid()).isEqualTo(2 * NetworkFixture.PRICE);
    }

    @Test
    void proofWhoseJobMovedToAnotherNodeDuringVerificationPaysNobody() throws Exception {
        ProviderNode alice = net.node("alice", Behaviour.HONEST);
        long job = net.post(net.input(3));
        JobResult.Proved alices = proveAssignments(alice).getFirst();
        verifier.pauseOn(new JobContext(31_337, job, alice.address()));

        Future<Settlement> late = threads.submit(() -> net.gateway.submit(alices));
        assertThat(verifier.entered.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        // Meanwhile alice is found offline and the job is handed to bob.
        ProviderNode bob = net.node("bob", Behaviour.HONEST);
        net.clock.advance(61);
        bob.heartbeat(net.gateway);
        net.gateway.tick();
        net.gateway.dispatch();
        assertThat(net.ledger.job(job).orElseThrow().node()).isEqualTo(bob.address());
        verifier.release.countDown();

        ExecutionException rejected = assertThrows(ExecutionException.class, () -> await(late));
        assertThat(rejected.getCause()).isInstanceOfSatisfying(LedgerException.class,
                e -> assertThat(e.fault()).isEqualTo(Fault.NOT_ASSIGNED_NODE));
        assertThat(net.ledger.job(job).orElseThrow().state()).isEqualTo(JobState.ASSIGNED);
        assertThat(net.ledger.audit().paid()).isZero();

        // Nor can bob, now holding the job, settle it with alice's proof: it names her as the prover.
        Settlement borrowed = net.gateway.submit(new JobResult.Proved(job, bob.address(), alices.proof(), alices.outputs()));
        assertThat(borrowed).isInstanceOfSatisfying(Settlement.Faulted.class,
                f -> assertThat(f.fault()).isEqualTo(Fault.INVALID_PROOF));
        assertThat(net.ledger.node(bob.address()).orElseThrow().earnedTotal()).isZero();
        assertThat(net.ledger.node(alice.address()).orElseThrow().earnedTotal()).isZero();
        assertThat(net.ledger.audit().paid()).isZero();
    }

    @Test
    void dispatchPassesOverANodeTheLedgerExcludedBehindTheGatewaysBack() {
        ProviderNode alice = net.node("alice", Behaviour.HONEST);
        long job = net.post(net.input(4));
        JobResult.Proved alices = proveAssignments(alice).getFirst();
        // A settlement committed on the ledger that the gateway has not recorded yet (another thread's).
        int[] wrong = alices.outputs();
        wrong[0]++;
        Settlement s = net.ledger.submitResult(job, alice.address(), alices.proof(), wrong);
        assertThat(s).isInstanceOf(Settlement.Faulted.class);

        assertThat(net.gateway.dispatch()).isZero();
        ProviderNode bob = net.node("bob", Behaviour.HONEST);
        assertThat(net.gateway.dispatch()).isOne();
        JobResult.Proved bobs = (JobResult.Proved) bob.work(net.gateway.pollAssignments(bob.address()).getFirst(),
                net.gateway);
        assertThat(net.gateway.submit(bobs)).isInstanceOf(Settlement.Paid.class);
    }

    /** The real verifier, pausing inside the verification of the proof with one chosen context. */
    private static final class PausingVerifier implements ProofVerifier {
        private final ProofVerifier inner = new ZkmlProofVerifier();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private volatile byte[] pauseContext = new byte[0];

        void pauseOn(JobContext context) {
            pauseContext = context.toBytes();
        }

        @Override
        public ModelId modelIdOf(byte[] verifierKey) {
            return inner.modelIdOf(verifierKey);
        }

        @Override
        public VerifiedResult verify(byte[] verifierKey, byte[] proof, byte[] context) throws ProofRejectedException {
            VerifiedResult r = inner.verify(verifierKey, proof, context);
            if (Arrays.equals(context, pauseContext)) {
                entered.countDown();
                try {
                    if (!release.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the test never released the paused verification");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return r;
        }
    }
}
