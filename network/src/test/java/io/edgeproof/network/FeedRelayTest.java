package io.edgeproof.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeproof.ledger.Fault;
import io.edgeproof.ledger.FeedRequest;
import io.edgeproof.ledger.JobState;
import io.edgeproof.ledger.LedgerAudit;
import io.edgeproof.ledger.LedgerException;
import io.edgeproof.ledger.Settlement;
import io.edgeproof.ledger.device.DeviceId;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Standing feeds through the gateway: readings become jobs paid from the feed's budget, real 1l_mlp proofs. */
class FeedRelayTest {
    @TempDir
    Path dir;

    private NetworkFixture net;
    private FeedRelay relay;

    @BeforeEach
    void open() {
        net = new NetworkFixture(dir);
        relay = new FeedRelay(net.gateway);
    }

    @AfterEach
    void audit() {
        net.ledger.audit().check();
        net.close();
    }

    private long openFeed(long budget) {
        return relay.open(net.requester, new FeedRequest(net.modelId, net.meter.id(), NetworkFixture.PRICE, 600, budget));
    }

    @Test
    void everyReadingOfTheDeviceBecomesAPaidJobUntilTheBudgetIsSpentThenCloseRefundsTheRest() {
        ProviderNode node = net.node("worker", Behaviour.HONEST);
        long start = net.ledger.balanceOf(net.requester);
        long feed = openFeed(2 * NetworkFixture.PRICE + 30);
        for (int i = 0; i < 3; i++) {
            List<FeedRelay.Outcome> o = relay.onReading(net.meter.capture(net.input(10 + i), net.clock.now()));
            assertThat(o).singleElement().satisfies(out -> {
                assertThat(out.feedId()).isEqualTo(feed);
                assertThat(out.fault()).isEqualTo(out.jobId() == 0 ? Fault.FEED_BUDGET_EXHAUSTED : null);
            });
        }
        assertThat(net.gateway.openJobs()).isEqualTo(2);
        for (int i = 0; i < 2; i++) {  // the node declares one core: one job at a time
            net.gateway.dispatch();
            Assignment a = net.gateway.pollAssignments(node.address()).getFirst();
            assertThat(net.gateway.submit((JobResult.Proved) node.work(a, net.gateway))).isInstanceOf(Settlement.Paid.class);
            assertThat(net.gateway.result(a.jobId())).isPresent();
        }
        assertThat(relay.close(net.requester, feed)).isEqualTo(30);
        assertThat(net.ledger.balanceOf(net.requester)).isEqualTo(start - 2 * NetworkFixture.PRICE);
        assertThat(relay.onReading(net.meter.capture(net.input(13), net.clock.now()))).isEmpty();
        LedgerAudit a = net.ledger.audit();
        assertThat(a.escrowHeld()).isZero();
        assertThat(a.paid()).isEqualTo(2 * NetworkFixture.PRICE);
        assertThat(net.gateway.idle()).isTrue();
    }

    @Test
    void readingsOfOtherDevicesAndInputsTheReadingDoesNotSignOpenNothing() {
        openFeed(5 * NetworkFixture.PRICE);
        Device other = new Device(new DeviceId("meter-2"), NetworkFixture.key("meter-2"));
        net.gateway.registerDevice(net.owner, other.id(), other.publicKey());
        assertThat(relay.onReading(other.capture(net.input(20), net.clock.now()))).isEmpty();
        Device.SignedFrame f = net.meter.capture(net.input(21), net.clock.now());
        assertThatThrownBy(() -> relay.onReading(new Device.SignedFrame(net.input(22), f.reading())))
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.fault()).isEqualTo(Fault.INVALID_REQUEST));
        Device impostor = new Device(net.meter.id(), NetworkFixture.key("impostor"));
        assertThat(relay.onReading(impostor.capture(net.input(23), net.clock.now()))).singleElement()
                .satisfies(o -> assertThat(o.fault()).isEqualTo(Fault.BAD_DEVICE_SIGNATURE));
        assertThat(net.gateway.openJobs()).isZero();
        assertThatThrownBy(() -> relay.close(net.owner, 1)).isInstanceOfSatisfying(LedgerException.class,
                e -> assertThat(e.fault()).isEqualTo(Fault.NOT_FEED_OWNER));
    }

    @Test
    void aRefusedAssignmentIsReleasedAtOnceAndCompletedByAnotherNodeWithoutSlash() {
        ProviderNode first = net.node("first", Behaviour.HONEST);
        long job = net.post(net.input(30));
        net.gateway.dispatch();
        Assignment a = net.gateway.pollAssignments(first.address()).getFirst();
        ProviderNode second = net.node("second", Behaviour.HONEST);

        net.gateway.refuse(new JobResult.Refused(a.jobId(), first.address(), "the fetched model did not check out"));

        assertThat(net.ledger.job(job).orElseThrow().state()).isEqualTo(JobState.FAULTED);
        assertThat(net.ledger.job(job).orElseThrow().lastFault()).isEqualTo(Fault.JOB_RELEASED);
        assertThat(net.ledger.node(first.address()).orElseThrow().stake()).isEqualTo(NetworkFixture.STAKE);
        assertThat(net.gateway.refusals()).hasSize(1);
        net.gateway.dispatch();
        assertThat(net.gateway.pollAssignments(first.address())).isEmpty();
        Assignment again = net.gateway.pollAssignments(second.address()).getFirst();
        assertThat(net.gateway.submit((JobResult.Proved) second.work(again, net.gateway))).isInstanceOf(Settlement.Paid.class);
        assertThatThrownBy(() -> net.gateway.refuse(new JobResult.Refused(job, second.address(), "too late")))
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.fault()).isEqualTo(Fault.DUPLICATE_SUBMISSION));
    }
}
