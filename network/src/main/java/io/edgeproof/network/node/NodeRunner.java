package io.edgeproof.network.node;

import io.edgeproof.ledger.ModelId;
import io.edgeproof.ledger.NodeResources;
import io.edgeproof.ledger.NodeView;
import io.edgeproof.ledger.Settlement;
import io.edgeproof.network.Assignment;
import io.edgeproof.network.JobResult;
import io.edgeproof.network.ModelKeys;
import io.edgeproof.network.ProviderNode;
import io.edgeproof.network.http.ApiException;
import io.edgeproof.network.http.GatewayClient;
import io.edgeproof.network.http.GatewayClient.RemoteModel;
import io.edgeproof.network.http.GatewayUnreachableException;
import io.edgeproof.zkml.proof.ProverKey;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A provider node as its own process: sets up the models it serves (fetched from the gateway by hash),
 * registers and stakes (or resumes, if its address is already registered), then heartbeats and polls on
 * timers and proves each new assignment on a pool of {@code cores} threads with {@link ProviderNode}.
 * The gateway hands out a job until it leaves the node, so a restarted node picks its jobs up again; a job
 * already being worked on is not started twice. While the gateway is unreachable the node keeps proving
 * and retries heartbeats and submissions until the job's assignment deadline.
 */
public final class NodeRunner implements AutoCloseable {
    /**
     * @param models         models to serve; empty serves every model the gateway holds
     * @param heartbeatMillis 0 heartbeats four times per heartbeat timeout
     * @param holdResultMillis fault injection: wait this long between proving and submitting (0 in service)
     */
    public record Config(long stake, int cores, long memoryMb, int gpus, long storageGb, List<ModelId> models,
                         long heartbeatMillis, long pollMillis, long holdResultMillis) {
        public Config {
            models = List.copyOf(models);
            if (stake < 1 || cores < 1 || heartbeatMillis < 0 || pollMillis < 10 || holdResultMillis < 0) {
                throw new IllegalArgumentException("node settings out of range");
            }
        }
    }

    private final GatewayClient gateway;
    /** The gateway as the prover sees it: model bytes fetched once, at start. */
    private final ModelCache port;
    private final ProviderNode node;
    private final ModelKeys keys;
    private final Config config;
    private final Consumer<String> log;
    private final InstantSource clock;
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
    private final ExecutorService provers;
    /** Jobs started in this process: never started twice, whatever the polls return. */
    private final Set<Long> taken = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean reachable = new AtomicBoolean(true);

    public NodeRunner(GatewayClient gateway, ProviderNode node, ModelKeys keys, Config config, InstantSource clock,
                      Consumer<String> log) {
        this.gateway = gateway;
        this.node = node;
        this.keys = keys;
        this.config = config;
        this.clock = clock;
        this.log = log;
        this.provers = Executors.newFixedThreadPool(config.cores());
        this.port = new ModelCache(gateway);
    }

    /** Sets up the models, joins (or resumes), and starts the heartbeat and poll timers. */
    public void start() {
        Set<ModelId> served = setUpModels();
        if (served.isEmpty()) {
            throw new IllegalStateException("no model to serve: the gateway holds none of " + config.models());
        }
        NodeView view = gateway.node(node.address()).orElse(null);
        if (view == null) {
            node.join(gateway, config.stake(), new NodeResources(config.cores(), config.memoryMb(), config.gpus(),
                    config.storageGb(), served));
            log.accept("registered: staked " + config.stake() + ", " + config.cores() + " core(s), serving "
                    + served.size() + " model(s)");
        } else {
            node.heartbeat(gateway);
            log.accept("resumed: stake " + view.stake() + ", earned " + view.earnedTotal() + ", slashed "
                    + view.slashedTotal() + ", status " + view.status());
        }
        long beat = config.heartbeatMillis() > 0 ? config.heartbeatMillis() : gateway.info().heartbeatTimeout() * 250;
        timers.scheduleWithFixedDelay(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(this::poll, 0, config.pollMillis(), TimeUnit.MILLISECONDS);
    }

    private Set<ModelId> setUpModels() {
        List<RemoteModel> all = gateway.models();
        Set<ModelId> wanted = new HashSet<>(config.models());
        Set<ModelId> served = new LinkedHashSet<>();
        for (RemoteModel m : all) {
            if (!wanted.isEmpty() && !wanted.contains(m.id())) {
                continue;
            }
            long t0 = System.nanoTime();
            byte[] bytes = gateway.fetch(m.content());
            ProverKey pk = keys.forModel(m.content(), bytes);
            if (!new ModelId(pk.verifierKey().modelId()).equals(m.id())) {
                log.accept("model " + m.id() + ": its .epm sets up as " + pk.verifierKey().modelIdHex() + "; not served");
                continue;
            }
            served.add(m.id());
            port.remember(m.content(), bytes);
            log.accept("model " + m.id() + ": " + bytes.length + " bytes, set up in "
                    + (System.nanoTime() - t0) / 1_000_000 + " ms");
        }
        List<ModelId> missing = new ArrayList<>(wanted);
        missing.removeAll(served);
        missing.forEach(m -> log.accept("model " + m + ": not available at the gateway; not served"));
        return served;
    }

    private void heartbeat() {
        try {
            node.heartbeat(gateway);
            reached();
        } catch (GatewayUnreachableException e) {
            unreachable(e);
        } catch (RuntimeException e) {
            log.accept("heartbeat refused: " + e);
        }
    }

    private void poll() {
        try {
            List<Assignment> held = gateway.pollAssignments(node.address());
            reached();
            for (Assignment a : held) {
                if (taken.add(a.jobId())) {
                    provers.execute(() -> work(a));
                }
            }
        } catch (GatewayUnreachableException e) {
            unreachable(e);
        } catch (RuntimeException e) {
            log.accept("poll refused: " + e);
        }
    }

    /** Outages are logged once when they start and once when they end. */
    private void unreachable(GatewayUnreachableException e) {
        if (reachable.compareAndSet(true, false)) {
            log.accept("gateway unreachable (" + e.getMessage() + "); retrying");
        }
    }

    private void reached() {
        if (reachable.compareAndSet(false, true)) {
            log.accept("gateway reachable again");
        }
    }

    private void work(Assignment a) {
        long now = clock.instant().getEpochSecond();
        log.accept("job " + a.jobId() + ": assigned" + (a.hidden() == null ? "" : " (hidden input, commitment slot "
                + a.hidden().slot() + ")") + ", due in " + (a.dueAt() - now) + " s, proving");
        long t0 = System.nanoTime();
        JobResult r;
        try {
            r = node.work(a, port);
        } catch (GatewayUnreachableException | ApiException e) {
            log.accept("job " + a.jobId() + ": could not fetch its data (" + e.getMessage() + "); will retry");
            taken.remove(a.jobId());
            return;
        } catch (RuntimeException e) {
            log.accept("job " + a.jobId() + ": failed: " + e);
            return;
        }
        switch (r) {
            case JobResult.Proved p -> {
                log.accept("job " + a.jobId() + ": proved in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
                hold(a.jobId());
                deliver(a, () -> describe(gateway.submit(p)));
            }
            case JobResult.Refused f -> {
                log.accept("job " + a.jobId() + ": refused: " + f.reason());
                deliver(a, () -> {
                    gateway.refuse(f);
                    return "refusal recorded";
                });
            }
        }
    }

    private void hold(long jobId) {
        if (config.holdResultMillis() > 0) {
            log.accept("job " + jobId + ": holding the result " + config.holdResultMillis() + " ms (fault injection)");
            try {
                Thread.sleep(config.holdResultMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private interface Call {
        String run();
    }

    /** Sends to the gateway, retrying while it is unreachable and the assignment is not yet due. */
    private void deliver(Assignment a, Call call) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                log.accept("job " + a.jobId() + ": " + call.run());
                return;
            } catch (GatewayUnreachableException e) {
                if (clock.instant().getEpochSecond() > a.dueAt()) {
                    log.accept("job " + a.jobId() + ": gateway unreachable past the assignment deadline; giving up");
                    return;
                }
                sleep(1_000);
            } catch (ApiException e) {
                log.accept("job " + a.jobId() + ": the gateway refused: " + e);
                return;
            }
        }
    }

    private static String describe(Settlement s) {
        return switch (s) {
            case Settlement.Paid p -> "paid " + p.amount();
            case Settlement.Faulted f -> "FAULTED " + f.fault() + ", slashed " + f.slashed() + ": " + f.detail();
        };
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        timers.shutdownNow();
        provers.shutdownNow();
    }
}
