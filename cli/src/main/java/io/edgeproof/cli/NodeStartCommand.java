package io.edgeproof.cli;

import io.edgeproof.ledger.ModelId;
import io.edgeproof.network.Behaviour;
import io.edgeproof.network.ModelKeys;
import io.edgeproof.network.ProviderNode;
import io.edgeproof.network.http.EventLine;
import io.edgeproof.network.http.GatewayClient;
import io.edgeproof.network.keys.KeyFile;
import io.edgeproof.network.node.NodeRunner;
import java.net.URI;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code edgeproof node start}: a provider node process. Registers and stakes (or resumes), heartbeats,
 * pulls jobs, fetches model and input by hash, checks the device signature, proves under (chain, job, its
 * address), submits; one progress line per step, until stopped.
 */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = "Run a provider node against a gateway: register and stake (or resume), heartbeat, pull"
                + " jobs, check and prove them, submit; prints a line per step until stopped.")
final class NodeStartCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--gateway", required = true, paramLabel = "URL", description = "the gateway, e.g. http://127.0.0.1:8480")
    URI gateway;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "the node's key file (node keygen)")
    Path key;

    @Mixin
    KeyOptions keys;

    @Option(names = "--stake", defaultValue = "10000", description = "stake to lock when registering (default ${DEFAULT-VALUE})")
    long stake;

    @Option(names = "--models", split = ",", paramLabel = "ID", description = "model ids to serve (default: every model the gateway holds)")
    List<String> models = List.of();

    @Option(names = "--cores", defaultValue = "1", description = "jobs proved at once (default ${DEFAULT-VALUE})")
    int cores;

    @Option(names = "--memory-mb", defaultValue = "2048", description = "memory offered (default ${DEFAULT-VALUE})")
    long memoryMb;

    @Option(names = "--gpus", defaultValue = "0", description = "GPUs offered (default ${DEFAULT-VALUE})")
    int gpus;

    @Option(names = "--storage-gb", defaultValue = "10", description = "storage offered (default ${DEFAULT-VALUE})")
    long storageGb;

    @Option(names = "--heartbeat-ms", defaultValue = "0", description = "heartbeat period (default: a quarter of the gateway's timeout)")
    long heartbeatMillis;

    @Option(names = "--poll-ms", defaultValue = "500", description = "assignment poll period (default ${DEFAULT-VALUE})")
    long pollMillis;

    /** Fault injection for tests and demos: keeps a proved result this long before submitting it. */
    @Option(names = "--hold-result-ms", defaultValue = "0", hidden = true)
    long holdResultMillis;

    @Override
    public Integer call() {
        List<ModelId> served = models.stream().map(ModelId::ofHex).toList();
        KeyFile.Opened opened = keys.open(key);
        Progress log = new Progress(spec.commandLine().getOut(), "node " + EventLine.shortAddress(opened.address().hex()));
        GatewayClient client = GatewayClient.connect(gateway, opened.key());
        log.accept("address " + opened.address() + ", gateway " + gateway + ", chain " + client.info().chainId());
        if (Math.abs(client.clockSkew()) > client.info().window() / 2) {
            log.accept("warning: this clock is " + (-client.clockSkew()) + " s off the gateway's; requests may be refused");
        }
        ModelKeys modelKeys = new ModelKeys();
        NodeRunner runner = new NodeRunner(client, new ProviderNode(opened.key(), modelKeys, Behaviour.HONEST), modelKeys,
                new NodeRunner.Config(stake, cores, memoryMb, gpus, storageGb, served, heartbeatMillis, pollMillis,
                        holdResultMillis), InstantSource.system(), log);
        runner.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runner.close();
            log.accept("stopped");
        }));
        Progress.untilStopped();
        return 0;
    }
}
