package io.edgeproof.network.persist;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.EventType;
import io.edgeproof.ledger.Fault;
import io.edgeproof.ledger.JobState;
import io.edgeproof.ledger.JobView;
import io.edgeproof.ledger.Ledger;
import io.edgeproof.ledger.LedgerEvent;
import io.edgeproof.ledger.LedgerException;
import io.edgeproof.network.Gateway;
import io.edgeproof.network.persist.GatewayStore.Published;
import io.edgeproof.network.persist.GatewayStore.Submission;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What {@link DurableGateway#open} does before serving: settles gateway.db's write-ahead records against the
 * ledger (registrations in flight completed, the intake in flight kept or dropped, outputs of results the
 * ledger paid published) and reloads the in-memory {@link Gateway} with models, devices, nodes (from the
 * event log), open jobs and the nodes that failed them (also from the event log).
 */
final class GatewayRecovery {
    private static final int PAGE = 1_000;

    private final GatewayStore store;
    private final Ledger ledger;
    private final Gateway gateway;
    private final long now;

    private GatewayRecovery(GatewayStore store, Ledger ledger, Gateway gateway, long now) {
        this.store = store;
        this.ledger = ledger;
        this.gateway = gateway;
        this.now = now;
    }

    static DurableGateway.Recovery run(GatewayStore store, Ledger ledger, Gateway gateway, long now) {
        return new GatewayRecovery(store, ledger, gateway, now).recover();
    }

    private DurableGateway.Recovery recover() {
        for (GatewayStore.Model m : store.models()) {
            if (m.pending() && !completed(() -> ledger.registerModel(m.owner(), m.verifierKey()))) {
                store.dropModel(m.id());
                continue;
            }
            store.confirmModel(m.id());
            gateway.restoreModel(m.id(), m.verifierKey(), m.content());
        }
        for (GatewayStore.Device d : store.devices()) {
            if (d.pending() && !completed(() -> ledger.registerDevice(d.owner(), d.id(), d.publicKey()))) {
                store.dropDevice(d.id());
                continue;
            }
            store.confirmDevice(d.id());
            gateway.restoreDevice(d.id(), d.publicKey());
        }
        boolean intakeRecovered = settleIntake();
        int outputsRecovered = settleSubmissions();
        Set<Address> nodes = new LinkedHashSet<>();
        Map<Long, Set<Address>> failures = new HashMap<>();
        long lastSeq = forEachEvent(ledger, e -> {
            if (e.type() == EventType.NODE_REGISTERED) {
                nodes.add(e.address());
            } else if (e.type() == EventType.NODE_FAULTED) {
                failures.computeIfAbsent(e.jobId(), j -> new HashSet<>()).add(e.address());
            }
        });
        nodes.forEach(gateway::restoreNode);
        int open = 0;
        int assigned = 0;
        for (StoredJob j : store.unpublishedJobs()) {
            JobView v = ledger.job(j.jobId()).orElseThrow(() -> new IllegalStateException(
                    "gateway.db holds job " + j.jobId() + " that the ledger does not"));
            if (v.state().open()) {
                gateway.restoreJob(j.jobId(), j.model(), j.input(), j.reading(), j.commitment(),
                        failures.getOrDefault(j.jobId(), Set.of()));
                open++;
                assigned += v.state() == JobState.ASSIGNED ? 1 : 0;
            }
        }
        return new DurableGateway.Recovery(open, assigned, nodes.size(), outputsRecovered, intakeRecovered, lastSeq);
    }

    /** Runs a registration again; true if it is now on the ledger (done now, or before the crash). */
    private static boolean completed(Runnable registration) {
        try {
            registration.run();
            return true;
        } catch (LedgerException e) {
            return e.fault() == Fault.ALREADY_REGISTERED;
        }
    }

    /** The intake in flight at the crash is the ledger's next job if the ledger posted it, else it is dropped. */
    private boolean settleIntake() {
        Optional<StoredJob> intake = store.intake();
        long next = store.lastJobId() + 1;
        Optional<JobView> posted = ledger.job(next);
        if (intake.isPresent() && posted.isPresent()) {
            StoredJob j = intake.get();
            JobView v = posted.get();
            if (!v.requester().equals(j.requester()) || !v.model().equals(j.model()) || v.price() != j.price()
                    || v.deadline() != j.deadline()) {
                throw new IllegalStateException("ledger job " + next + " is not the intake gateway.db recorded");
            }
            store.acceptIntake(next);
        } else if (posted.isPresent()) {
            throw new IllegalStateException("the ledger holds job " + next + " that gateway.db never recorded");
        } else {
            intake.ifPresent(j -> store.dropIntake());
        }
        return intake.isPresent() && posted.isPresent();
    }

    /** Publishes the outputs of results the ledger paid before the crash; forgets the others. */
    private int settleSubmissions() {
        int recovered = 0;
        for (Submission s : store.submissions()) {
            Optional<JobView> v = ledger.job(s.jobId());
            if (v.isPresent() && v.get().state() == JobState.PAID && s.node().equals(v.get().node())) {
                store.publish(new Published(s.jobId(), s.node(), s.outputs(), v.get().price(), now));
                recovered++;
            } else {
                store.dropSubmission(s.jobId());
            }
        }
        return recovered;
    }

    /** Runs {@code action} on every ledger event in order; returns the last sequence number. */
    static long forEachEvent(Ledger ledger, Consumer<LedgerEvent> action) {
        long after = 0;
        List<LedgerEvent> page;
        do {
            page = ledger.events(after, PAGE);
            for (LedgerEvent e : page) {
                action.accept(e);
                after = e.seq();
            }
        } while (page.size() == PAGE);
        return after;
    }
}
