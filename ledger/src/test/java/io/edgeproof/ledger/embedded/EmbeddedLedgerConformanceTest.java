package io.edgeproof.ledger.embedded;

import io.edgeproof.ledger.Ledger;
import io.edgeproof.ledger.MarketRulesConformanceTest;
import io.edgeproof.ledger.LedgerRules;
import io.edgeproof.ledger.ManualClock;
import io.edgeproof.ledger.zkml.ZkmlProofVerifier;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The conformance suite on the embedded ledger; a restart closes the file and opens it again. */
class EmbeddedLedgerConformanceTest extends MarketRulesConformanceTest {
    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("ledger.db");
    }

    @Override
    protected Ledger open(long chainId, LedgerRules rules, ManualClock clock) {
        return EmbeddedLedger.open(file(), chainId, rules, clock, new ZkmlProofVerifier());
    }

    @Override
    protected Ledger restart(Ledger current, ManualClock clock) {
        long chainId = current.chainId();
        LedgerRules rules = current.rules();
        current.close();
        return EmbeddedLedger.open(file(), chainId, rules, clock, new ZkmlProofVerifier());
    }
}
