package io.edgeproof.ledger.evm;

import io.edgeproof.ledger.Ledger;
import io.edgeproof.ledger.MarketRulesConformanceTest;
import io.edgeproof.ledger.LedgerRules;
import io.edgeproof.ledger.ManualClock;
import io.edgeproof.ledger.zkml.ZkmlProofVerifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * The conformance suite on the EVM back end: each test gets a fresh anvil and fresh contracts; a restart
 * drops the client (its caches and connection) and reconnects to the same deployment on the same chain.
 * Skipped with a message when node/npm are missing. Prints the gas per operation at the end.
 */
class EvmLedgerConformanceTest extends MarketRulesConformanceTest {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final Path SCRIPTS = ROOT.resolve("scripts/chain");
    static final Path ARTIFACTS = ROOT.resolve("ledger/target/contracts");
    static final GasMeter GAS = new GasMeter();
    static final int QUORUM = 2;
    /** 2% of the price to each of the quorum's attesters. */
    static final int ATTEST_FEE_BPS = 200;
    private static AnvilProcess anvil;

    @BeforeAll
    static void compileContracts() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(SCRIPTS.resolve("compile.sh").toString(), ARTIFACTS.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        Assumptions.assumeTrue(exit != 2, "EVM ledger tests skipped: " + out.strip());
        if (exit != 0) {
            throw new IllegalStateException("compile.sh failed:\n" + out);
        }
    }

    @AfterAll
    static void stopAnvilAndReportGas() {
        stopAnvil();
        System.out.println("EVM ledger gas per operation (anvil, solc 0.8.37 --optimize):\n" + GAS.table());
    }

    private static void stopAnvil() {
        if (anvil != null) {
            anvil.close();
            anvil = null;
        }
    }

    @Override
    protected Ledger open(long chainId, LedgerRules rules, ManualClock clock) {
        stopAnvil();
        anvil = AnvilProcess.start(SCRIPTS, clock.now() - 10);
        return EvmLedger.deploy(anvil.rpcUrl(), ARTIFACTS, rules, QUORUM, ATTEST_FEE_BPS, clock, new ZkmlProofVerifier(),
                GAS);
    }

    @Override
    protected Ledger restart(Ledger current, ManualClock clock) {
        EvmDeployment d = ((EvmLedger) current).deployment();
        current.close();
        return EvmLedger.connect(anvil.rpcUrl(), d, current.rules(), clock, new ZkmlProofVerifier(), GAS);
    }
}
