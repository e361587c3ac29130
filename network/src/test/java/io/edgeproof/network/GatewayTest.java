package io.edgeproof.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeproof.ledger.Fault;
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

/** Gateway, nodes and devices on a real embedded ledger with real 1l_mlp proofs; books audited after each test. */
class GatewayTest {
    @TempDir
    Path dir;

    private NetworkFixture net;

    @BeforeEach
    void open() {
        net = new NetworkFixture(dir);
    }

    @AfterEach
    void audit() {
        LedgerAudit a = net.ledger.audit().check();
        assertThat(a.escrowPosted()).isEqualTo(a.paid() + a.refunded() + a.escrowHeld());
        net.close();
    }

    /** Dispatches, lets every listed node work its assignments, and submits; returns the settlements. */
    private List<Settlement> round(ProviderNode... nodes) {
        net.gateway.dispatch();
        List<Settlement> out = new java.util.ArrayList<>();
        for (ProviderNode n : nodes) {
            for (Assignment a : net.gateway.pollAssignments(n.address())) {
                JobResult r = n.work(a, net.gateway);
                assertThat(r).isInstanceOf(JobResult.Proved.class);
                out.add(net.gateway.submit((JobResult.Proved) r));
            }
        }
        net.gateway.tick();
        return out;
    }

    @Test
    void honestJobIsPaidExactlyItsEscrowAndItsOutputsPublished() {
        ProviderNode node = net.node("honest", Behaviour.HONEST);
        long before = net.ledger.balanceOf(net.requester);
        long job = net.post(net.input(1));
        assertThat(net.ledger.balanceOf(net.requester)).isEqualTo(before - NetworkFixture.PRICE);

        List<Settlement> s = round(node);

        assertThat(s).singleElement().isInstanceOf(Settlement.Paid.class);
        assertThat(net.ledger.node(node.address()).orElseThrow().earnedTotal()).isEqualTo(NetworkFixture.PRICE);
        assertThat(net.gateway.result(job)).isPresent();
        assertThat(net.gateway.idle()).isTrue();
        assertThat(net.ledger.audit().escrowHeld()).isZero();
    }

    @Test
    void everyForgeryIsSlashedWithItsFaultAndTheJobCompletedByAnHonestNode() {
        for (Forgery forgery : Forgery.values()) {
            ProviderNode cheater = net.node("cheater-" + forgery, new Behaviour.Always(forgery));
            long job = net.post(net.input(forgery.ordinal()));
            net.gateway.dispatch();
            Assignment a = net.gateway.pollAssignments(cheater.address()).getFirst();
            ProviderNode honest = net.node("honest-" + forgery, Behaviour.HONEST);
            JobResult.Proved forged = (JobResult.Proved) cheater.work(a, net.gateway);

            Settlement s = net.gateway.submit(forged);

            assertThat(s).isInstanceOf(Settlement.Faulted.class);
            Fault expected = switch (forgery) {
                case OTHER_INPUT -> Fault.WRONG_INPUT_BINDING;
                case WRONG_OUTPUTS -> Fault.OUTPUT_MISMATCH;
                case FLIPPED_BYTES, OTHER_JOB_CONTEXT -> Fault.INVALID_PROOF;
            };
            assertThat(((Settlement.Faulted) s).fault()).as(forgery.name()).isIn(expected, Fault.MALFORMED_PROOF);
            if (forgery != Forgery.FLIPPED_BYTES) {
                assertThat(((Settlement.Faulted) s).fault()).as(forgery.name()).isEqualTo(expected);
            }
            assertThat(net.ledger.node(cheater.address()).orElseThrow().slashedTotal()).isEqualTo(NetworkFixture.STAKE / 10);

            assertThat(round(cheater, honest)).singleElement().isInstanceOf(Settlement.Paid.class);
            assertThat(net.ledger.job(job).orElseThrow().state()).isEqualTo(JobState.PAID);
            assertThat(net.ledger.job(job).orElseThrow().attempts()).isEqualTo(2);
            assertThat(net.ledger.node(honest.address()).orElseThrow().earnedTotal()).isEqualTo(NetworkFixture.PRICE);
            net.ledger.unbond(cheater.address());
            net.ledger.unbond(honest.address());
        }
    }

    @Test
    void readingSignedByAnImpostorIsRejectedAsBadDeviceSignatureAndEscrowsNothing() {
        Device impostor = new Device(net.meter.id(), NetworkFixture.key("impostor"));
        Device.SignedFrame f = impostor.capture(net.input(2), net.clock.now());
        long before = net.ledger.balanceOf(net.requester);

        assertThatThrownBy(() -> net.gateway.submitJob(net.requester,
                new JobOrder(net.modelId, f.input(), f.reading(), NetworkFixture.PRICE, net.clock.now() + 600)))
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.fault()).isEqualTo(Fault.BAD_DEVICE_SIGNATURE));
        assertThat(net.ledger.balanceOf(net.requester)).isEqualTo(before);
        assertThat(net.gateway.idle()).isTrue();
    }

    @Test
    void inputOtherThanTheSignedOneIsRefusedAtIntake() {
        Device.SignedFrame f = net.meter.capture(net.input(3), net.clock.now());
        assertThatThrownBy(() -> net.gateway.submitJob(net.requester,
                new JobOrder(net.modelId, net.input(4), f.reading(), NetworkFixture.PRICE, net.clock.now() + 600)))
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.fault()).isEqualTo(Fault.INVALID_REQUEST));
        assertThat(net.ledger.audit().escrowPosted()).isZero();
    }

    @Test
    void readingOfAnUnregisteredDeviceIsRejectedAsUnknownDevice() {
        Device stranger = new Device(new DeviceId("meter-9"), NetworkFixture.key("meter-9"));
        Device.SignedFrame f = stranger.capture(net.input(5), net.clock.now());
        assertThatThrownBy(() -> net.gateway.submitJob(net.requester,
                new JobOrder(net.modelId, f.input(), f.reading(), NetworkFixture.PRICE, net.clock.now() + 600)))
                .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.fault()).isEqualTo(Fault.UNKNOWN_DEVICE));
    }

    @Test
    void nodeRefusesAnAssignmentWhoseStoredInputWasSwapped() {
        ProviderNode node = net.node("careful", Behaviour.HONEST);
        net.post(net.input(6));
        net.gateway.dispatch();
        Assignment a = net.gateway.pollAssignments(node.address()).getFirst();
        ContentHash other = ContentHash.of(InputBytes.encode(net.input(7)));
        GatewayPort lying = new ForwardingPort(net.gateway) {
            @Override
            public byte[] fetch(ContentHash hash) {
                return hash.equals(a.inputContent()) ? InputBytes.encode(net.input(7)) : super.fetch(hash);
            }
        };
        Assignment swapped = new Assignment(a.chainId(), a.jobId(), a.model(), a.modelContent(), other, a.reading(), a.dueAt());

        assertThat(node.work(a, lying)).isInstanceOfSatisfying(JobResult.Refused.class,
                r -> assertThat(r.reason()).contains("do not hash"));
        assertThat(node.work(swapped, new ForwardingPort(net.gateway) {
            @Override
            public byte[] fetch(ContentHash hash) {
                return hash.equals(other) ? InputBytes.encode(net.input(7)) : super.fetch(hash);
            }
        })).isInstanceOfSatisfying(JobResult.Refused.class, r -> assertThat(r.reason()).contains("not the one meter-1 signed"));
    }

    @Test
    void silentNodeLosesItsJobWithoutSlashAndAnotherNodeIsPaid() {
        ProviderNode silent = net.node("silent", Behaviour.HONEST);
        long job = net.post(net.input(8));
        net.gateway.dispatch();
        assertThat(net.gateway.pollAssignments(silent.address())).hasSize(1);
        ProviderNode late = net.node("late", Behaviour.HONEST);
        net.clock.advance(61);
        late.heartbeat(net.gateway);
        net.gateway.tick();
        assertThat(net.ledger.job(job).orElseThrow().lastFault()).isEqualTo(Fault.NODE_OFFLINE);

        assertThat(round(late)).singleElement().isInstanceOf(Settlement.Paid.class);
        assertThat(net.ledger.node(silent.address()).orElseThrow().slashedTotal()).isZero();
    }
}
