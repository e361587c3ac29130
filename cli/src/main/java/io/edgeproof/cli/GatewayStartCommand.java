package io.edgeproof.cli;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.LedgerRules;
import io.edgeproof.network.http.GatewayServer;
import io.edgeproof.network.keys.KeyFile;
import io.edgeproof.network.persist.DurableGateway;
import io.edgeproof.network.persist.GatewaySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code edgeproof gateway start}: opens (or creates) the data directory, recovers what a crash left,
 * mints the genesis allocations not yet minted, serves the API and prints the ledger's events until stopped.
 * With {@code --chain anvil} jobs settle on the EVM contracts on a local anvil that lives as long as the
 * gateway (anvil keeps no state, so such a directory cannot be restarted); the contracts settle a result by
 * k = 2 attestations of staked nodes other than its prover, so the network needs at least 3 nodes.
 */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = "Serve the gateway's authenticated HTTP API from DIR (embedded SQLite ledger, content store,"
                + " gateway state), recovering after a crash; prints one line per ledger event until stopped.")
final class GatewayStartCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", required = true, description = "TCP port (0 picks a free one)")
    int port;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR",
            description = "ledger.db, gateway.db and content/ live here; restart on the same DIR to recover")
    Path dataDir;

    @Option(names = "--bind", defaultValue = "127.0.0.1",
            description = "address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 for every interface)")
    String bind;

    @Option(names = "--genesis", paramLabel = "ADDR=AMOUNT",
            description = "mint AMOUNT to ADDR (an 0x address or a key file) once; repeatable")
    List<String> genesis = List.of();

    @Option(names = "--chain", defaultValue = "embedded", description = "where jobs settle: embedded (SQLite in DIR,"
            + " default) or anvil (the EVM contracts on a local anvil started with the gateway; a fresh DIR)")
    String chain;

    @Option(names = "--chain-id", description = "chain id proofs are bound to (new DIR: default 31337)")
    Long chainId;

    @Option(names = "--heartbeat-timeout", paramLabel = "S", description = "seconds of silence before a node is offline (new DIR: default 60)")
    Long heartbeatTimeout;

    @Option(names = "--assignment-window", paramLabel = "S", description = "seconds an assigned node has to submit (new DIR: default 120)")
    Long assignmentWindow;

    @Option(names = "--min-stake", description = "smallest stake a node may be assigned jobs with (new DIR: default 1000)")
    Long minStake;

    @Option(names = "--window", paramLabel = "S", defaultValue = "120",
            description = "seconds a request's timestamp may differ from the gateway's clock (default ${DEFAULT-VALUE})")
    long window;

    @Option(names = "--tick-ms", defaultValue = "1000", description = "dispatch and time-rule period (default ${DEFAULT-VALUE})")
    long tickMillis;

    @Option(names = "--max-body-bytes", defaultValue = "4194304",
            description = "largest request body except model uploads (default ${DEFAULT-VALUE})")
    int maxBody;

    @Override
    public Integer call() throws Exception {
        GatewaySettings settings = settings();
        Map<Address, Long> allocations = allocations();
        Progress log = new Progress(spec.commandLine().getOut(), "gateway");
        boolean existed = Files.isRegularFile(dataDir.resolve("gateway.db"));
        AnvilBackend evm = anvil(existed, settings);
        DurableGateway gateway;
        try {
            gateway = evm == null ? DurableGateway.open(dataDir, settings, InstantSource.system())
                    : DurableGateway.open(dataDir, settings, InstantSource.system(),
                            (dir, s, clock) -> SerializedLedger.wrap(evm.open(s.chainId(), s.rules(), clock)));
        } catch (RuntimeException e) {
            if (evm != null) {
                evm.close();
            }
            throw e;
        }
        if (evm != null) {
            Files.writeString(dataDir.resolve(CHAIN_MARKER), "anvil\n");
            log.accept("ledger: " + evm.describe() + " (needs at least " + (AnvilBackend.QUORUM + 1)
                    + " staked nodes: " + AnvilBackend.QUORUM + " attest each result besides its prover)");
        }
        GatewayServer server;
        try {
            DurableGateway.Recovery r = gateway.recovery();
            log.accept(existed ? String.format("recovered %s: %d open jobs (%d assigned), %d nodes, %d paid outputs"
                    + " published from the crash record%s", dataDir, r.openJobs(), r.assignedJobs(), r.nodes(),
                    r.outputsRecovered(), r.intakeRecovered() ? ", 1 job intake completed" : "") : "created " + dataDir);
            gateway.mintGenesis(allocations).forEach((a, amount) -> log.accept("genesis: minted " + amount + " to " + a));
            server = GatewayServer.start(gateway, new GatewayServer.Config(bind, port, window, maxBody,
                    Math.max(maxBody, 256 << 20), tickMillis, 8), InstantSource.system(), log);
        } catch (RuntimeException e) {
            gateway.close();
            if (evm != null) {
                evm.close();
            }
            throw e;
        }
        LedgerRules rules = settings.rules();
        log.accept("listening on " + server.uri() + " (chain " + settings.chainId() + ", heartbeat timeout "
                + rules.heartbeatTimeout() + " s, assignment window " + rules.assignmentWindow() + " s, min stake "
                + rules.minStake() + ")");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            gateway.close();
            if (evm != null) {
                evm.close();
            }
            log.accept("stopped");
        }));
        Progress.untilStopped();
        return 0;
    }

    /** Written in a data directory created with --chain anvil: its ledger died with that gateway process. */
    static final String CHAIN_MARKER = "chain";

    /** The anvil back end for --chain anvil (contracts compiled into DIR/contracts), or null for the embedded ledger. */
    private AnvilBackend anvil(boolean existed, GatewaySettings settings) {
        boolean onAnvil = switch (chain) {
            case "embedded" -> false;
            case "anvil" -> true;
            default -> throw new ParameterException(spec.commandLine(), "--chain is embedded or anvil, not '" + chain + "'");
        };
        if (Files.isRegularFile(dataDir.resolve(CHAIN_MARKER))) {
            throw new IllegalArgumentException(dataDir + " ran on a local anvil chain that ended with its gateway"
                    + " (anvil keeps no state): start a gateway on a new --data-dir");
        }
        if (!onAnvil) {
            return null;
        }
        if (existed) {
            throw new IllegalArgumentException(dataDir + " holds an embedded ledger: --chain anvil needs a new --data-dir");
        }
        if (settings.chainId() != GatewaySettings.standard().chainId()) {
            throw new IllegalArgumentException("--chain anvil runs anvil's chain " + GatewaySettings.standard().chainId()
                    + ", not --chain-id " + settings.chainId());
        }
        return AnvilBackend.compiled(SharedModelDir.repositoryRoot(), dataDir);
    }

    /** The directory's settings if it has them, else the defaults; an explicit flag overrides (and must agree). */
    private GatewaySettings settings() {
        GatewaySettings base = DurableGateway.storedSettings(dataDir).orElse(GatewaySettings.standard());
        LedgerRules r = base.rules();
        LedgerRules rules = r.withTimings(minStake != null ? minStake : r.minStake(),
                heartbeatTimeout != null ? heartbeatTimeout : r.heartbeatTimeout(),
                assignmentWindow != null ? assignmentWindow : r.assignmentWindow());
        return new GatewaySettings(chainId != null ? chainId : base.chainId(), rules, base.minimumWindow());
    }

    private Map<Address, Long> allocations() {
        Map<Address, Long> out = new LinkedHashMap<>();
        for (String g : genesis) {
            int eq = g.lastIndexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--genesis takes ADDR=AMOUNT, not '" + g + "'");
            }
            String who = g.substring(0, eq);
            long amount;
            try {
                amount = Long.parseLong(g.substring(eq + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--genesis " + g + ": the amount is not a whole number");
            }
            if (amount < 1) {
                throw new IllegalArgumentException("--genesis " + g + ": the amount must be positive");
            }
            Address a = who.startsWith("0x") ? Address.ofHex(who) : KeyFile.address(Path.of(who));
            out.merge(a, amount, Long::sum);
        }
        return out;
    }
}
