package io.edgeproof.cli;

import io.edgeproof.ledger.Ledger;
import io.edgeproof.ledger.LedgerRules;
import io.edgeproof.ledger.evm.AnvilProcess;
import io.edgeproof.ledger.evm.EvmLedger;
import io.edgeproof.ledger.evm.GasMeter;
import io.edgeproof.ledger.zkml.ZkmlProofVerifier;
import io.edgeproof.network.sim.LedgerBackend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;

/**
 * The demo's EVM ledger: compiles ledger/contracts with scripts/chain/compile.sh (which installs solc and
 * anvil from npm on first use), starts anvil on 127.0.0.1 with its genesis just before the simulation's
 * clock, deploys the contracts and meters the gas of every transaction. Closing stops anvil.
 */
final class AnvilBackend implements LedgerBackend, AutoCloseable {
    /** Verifier attestations that settle a result, and each attester's fee (2% of the price). */
    static final int QUORUM = 2;
    static final int ATTEST_FEE_BPS = 200;

    private final Path scripts;
    private final Path artifacts;
    private final GasMeter gas = new GasMeter();
    private AnvilProcess anvil;

    private AnvilBackend(Path repositoryRoot, Path workDir) {
        this.scripts = repositoryRoot.resolve("scripts").resolve("chain");
        this.artifacts = workDir.resolve("contracts");
    }

    /** Compiles the contracts into {@code workDir} first, so that missing tools fail before any proving. */
    static AnvilBackend compiled(Path repositoryRoot, Path workDir) {
        AnvilBackend b = new AnvilBackend(repositoryRoot, workDir);
        b.compile();
        return b;
    }

    @Override
    public Ledger open(long chainId, LedgerRules rules, InstantSource clock) {
        anvil = AnvilProcess.start(scripts, clock.instant().getEpochSecond() - 10);
        EvmLedger ledger = EvmLedger.deploy(anvil.rpcUrl(), artifacts, rules, QUORUM, ATTEST_FEE_BPS, clock,
                new ZkmlProofVerifier(), gas);
        if (ledger.chainId() != chainId) {
            ledger.close();
            throw new IllegalStateException("anvil runs chain " + ledger.chainId() + ", the demo expects " + chainId);
        }
        return ledger;
    }

    @Override
    public String describe() {
        return "EVM ledger on anvil " + (anvil == null ? "(starting)" : anvil.rpcUrl()) + ", quorum " + QUORUM;
    }

    GasMeter gas() {
        return gas;
    }

    /** solc from npm; missing node/npm or an npm install that failed (compile.sh exits 2) is a one-line error. */
    private void compile() {
        try {
            Process p = new ProcessBuilder(scripts.resolve("compile.sh").toString(), artifacts.toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            int exit = p.waitFor();
            String last = out.isEmpty() ? "exit " + exit : out.substring(out.lastIndexOf('\n') + 1);
            if (exit == 2) {
                throw new IllegalStateException("the chain tools are missing: " + last);
            }
            if (exit != 0) {
                throw new IllegalStateException("cannot build the contracts: " + last);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + scripts.resolve("compile.sh") + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while compiling the contracts", e);
        }
    }

    @Override
    public void close() {
        if (anvil != null) {
            anvil.close();
        }
    }
}
