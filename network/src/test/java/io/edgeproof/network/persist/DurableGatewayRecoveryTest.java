package io.edgeproof.network.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.Fault;
import io.edgeproof.ledger.JobContext;
import io.edgeproof.ledger.JobState;
import io.edgeproof.ledger.LedgerAudit;
import io.edgeproof.ledger.LedgerException;
import io.edgeproof.ledger.ManualClock;
import io.edgeproof.ledger.ModelId;
import io.edgeproof.ledger.NodeResources;
import io.edgeproof.ledger.Settlement;
import io.edgeproof.ledger.device.DeviceId;
import io.edgeproof.network.Assignment;
import io.edgeproof.network.Device;
import io.edgeproof.network.JobOrder;
import io.edgeproof.network.TestKeys;
import io.edgeproof.zkml.proof.ProofOutput;
import io.edgeproof.zkml.proof.ZkmlProver;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway dies between the ledger's commit and its own record (a {@link CrashingLedger} throws right
 * after the commit), is reopened on the same directory, and must know everything the ledger knows: the job
 * posted, the outputs paid for, the assignment held, the node that failed; nothing is paid twice.
 */
class DurableGatewayRecoveryTest {
    private static final long PRICE = 100;
    private static final long STAKE = 10_000;

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(1_800_000_000L);
    private final Address owner = TestKeys.address("owner");
    private final Address requester = TestKeys.address("requester");
    private final Address nodeA = TestKeys.address("node-a");
    private final Address nodeB = TestKeys.address("node-b");
    private final Device meter = new Device(new DeviceId("meter-1"), TestKeys.key("meter-1"));
    private DurableGateway gw;
    private ModelId model;

    @BeforeEach
    void setUp() {
        gw = open(UnaryOperator.identity());
        gw.mintGenesis(Map.of(requester, 10 * PRICE, nodeA, STAKE, nodeB, STAKE));
        model = gw.registerModel(owner, TestKeys.proverKey().verifierKey().toBytes(), TestKeys.modelBytes());
        gw.registerDevice(owner, meter.id(), meter.publicKey());
    }

    @AfterEach
    void closeAndAudit() {
        gw.ledger().audit().check();
        gw.close();
    }

    private DurableGateway open(UnaryOperator<io.edgeproof.ledger.Ledger> wrap) {
        return DurableGateway.open(dir, GatewaySettings.standard(), clock, wrap);
    }

    /** Closes the crashed gateway (its files as the crash left them) and opens the directory again. */
    private void restart() {
        gw.close();
        gw = open(UnaryOperator.identity());
    }

    /** The next operation named {@code op} commits on the ledger, then the process "dies". */
    private void crashAfter(String op) {
        gw.close();
        gw = open(l -> CrashingLedger.wrap(l, op));
    }

    private void join(Address node) {
        gw.registerNode(node, STAKE, new NodeResources(1, 1_024, 0, 1, Set.of(model)));
    }

    private long post(long seed) {
        Device.SignedFrame f = meter.capture(TestKeys.input(seed), clock.now());
        return gw.postJob(requester, new JobOrder(model, f.input(), f.reading(), PRICE, clock.now() + 600));
    }

    private ProofOutput prove(Assignment a, Address node, long seed) {
        return ZkmlProver.prove(TestKeys.proverKey(), TestKeys.input(seed), 1,
                new JobContext(a.chainId(), a.jobId(), node).toBytes());
    }

    @Test
    void jobPostedByTheLedgerJustBeforeACrashIsTrackedAfterRestart() {
        join(nodeA);
        crashAfter("postJob");
        assertThatThrownBy(() -> post(1)).isInstanceOf(CrashingLedger.Crash.class);

        restart();

        assertThat(gw.recovery().intakeRecovered()).isTrue();
        assertThat(gw.status(1)).isPresent();
        gw.heartbeat(nodeA);
        assertThat(gw.dispatch()).isEqualTo(1);
        Assignment a = gw.assignments(nodeA).getFirst();
        ProofOutput out = prove(a, nodeA, 1);
        assertThat(gw.submit(nodeA, 1, out.proof().toBytes(), out.outputs())).isInstanceOf(Settlement.Paid.class);
        assertThat(gw.ledger().audit().paid()).isEqualTo(PRICE);
    }

    @Test
    void intakeTheLedgerNeverPostedIsDroppedAndEscrowsNothing() {
        crashAfter("before:postJob");
        assertThatThrownBy(() -> post(2)).isInstanceOf(CrashingLedger.Crash.class);

        restart();

        assertThat(gw.recovery().intakeRecovered()).isFalse();
        assertThat(gw.status(1)).isEmpty();
        assertThat(gw.ledger().audit().escrowPosted()).isZero();
        assertThat(post(3)).isEqualTo(1);
    }

    @Test
    void outputsOfAResultPaidJustBeforeACrashArePublishedAndNotPaidAgain() {
        join(nodeA);
        long job = post(4);
        gw.dispatch();
        Assignment a = gw.assignments(nodeA).getFirst();
        ProofOutput out = prove(a, nodeA, 4);
        crashAfter("submitResult");
        assertThatThrownBy(() -> gw.submit(nodeA, job, out.proof().toBytes(), out.outputs()))
                .isInstanceOf(CrashingLedger.Crash.class);

        restart();

        assertThat(gw.recovery().outputsRecovered()).isEqualTo(1);
        assertThat(gw.status(job).orElseThrow().outputs()).hasValueSatisfying(o -> assertThat(o).isEqualTo(out.outputs()));
        assertThatThrownBy(() -> gw.submit(nodeA, job, out.proof().toBytes(), out.outputs()))
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.fault()).isEqualTo(Fault.DUPLICATE_SUBMISSION));
        LedgerAudit books = gw.ledger().audit();
        assertThat(books.paid()).isEqualTo(PRICE);
        assertThat(gw.ledger().node(nodeA).orElseThrow().earnedTotal()).isEqualTo(PRICE);
    }

    @Test
    void assignmentMadeBeforeACrashIsHandedToItsNodeAgain() {
        join(nodeA);
        long job = post(5);
        crashAfter("batch"); // a dispatch pass is one ledger batch: it committed, the outboxes were not filled
        assertThatThrownBy(() -> gw.dispatch()).isInstanceOf(CrashingLedger.Crash.class);

        restart();

        assertThat(gw.recovery().assignedJobs()).isEqualTo(1);
        Assignment a = gw.assignments(nodeA).getFirst();
        assertThat(a.jobId()).isEqualTo(job);
        assertThat(gw.assignments(nodeA)).as("handed out until settled").hasSize(1);
        ProofOutput out = prove(a, nodeA, 5);
        assertThat(gw.submit(nodeA, job, out.proof().toBytes(), out.outputs())).isInstanceOf(Settlement.Paid.class);
        assertThat(gw.assignments(nodeA)).isEmpty();
    }

    @Test
    void nodeThatFailedAJobBeforeARestartIsNotGivenItAgain() {
        join(nodeA);
        long job = post(6);
        gw.dispatch();
        Assignment a = gw.assignments(nodeA).getFirst();
        ProofOutput wrongInput = prove(a, nodeA, 7);
        Settlement s = gw.submit(nodeA, job, wrongInput.proof().toBytes(), wrongInput.outputs());
        assertThat(s).isInstanceOfSatisfying(Settlement.Faulted.class,
                f -> assertThat(f.fault()).isEqualTo(Fault.WRONG_INPUT_BINDING));

        restart();

        gw.heartbeat(nodeA);
        assertThat(gw.dispatch()).as("only the failed node is online").isZero();
        join(nodeB);
        assertThat(gw.dispatch()).isEqualTo(1);
        assertThat(gw.ledger().job(job).orElseThrow().node()).isEqualTo(nodeB);
        assertThat(gw.ledger().job(job).orElseThrow().state()).isEqualTo(JobState.ASSIGNED);
    }

    @Test
    void modelRegistrationInFlightAtACrashIsCompletedOnRestart() {
        crashAfter("registerDevice");
        Device cam = new Device(new DeviceId("cam-2"), TestKeys.key("cam-2"));
        assertThatThrownBy(() -> gw.registerDevice(owner, cam.id(), cam.publicKey()))
                .isInstanceOf(CrashingLedger.Crash.class);

        restart();

        assertThat(gw.devicePublicKey(cam.id())).isPresent();
        assertThatThrownBy(() -> gw.registerDevice(owner, cam.id(), cam.publicKey()))
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.fault()).isEqualTo(Fault.ALREADY_REGISTERED));
    }

    @Test
    void genesisIsMintedOncePerAddressAcrossRestarts() {
        restart();
        assertThat(gw.mintGenesis(Map.of(requester, 10 * PRICE, TestKeys.address("late"), 5L)))
                .containsOnlyKeys(TestKeys.address("late"));
        assertThat(gw.ledger().balanceOf(requester)).isEqualTo(10 * PRICE);
    }

    @Test
    void refusesToOpenWithOtherSettingsOrTwice() {
        GatewaySettings other = new GatewaySettings(7, GatewaySettings.standard().rules(), 30);
        assertThatThrownBy(() -> DurableGateway.open(dir, other, clock))
                .isInstanceOf(IllegalStateException.class);
        assertThat(DurableGateway.storedSettings(dir.resolve("elsewhere"))).isEmpty();
        gw.close();
        assertThat(DurableGateway.storedSettings(dir)).contains(GatewaySettings.standard());
        assertThatThrownBy(() -> DurableGateway.open(dir, other, clock)).hasMessageContaining("same settings");
        gw = open(UnaryOperator.identity());
        assertThatThrownBy(() -> DurableGateway.open(dir, GatewaySettings.standard(), clock))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("another gateway");
    }
}
