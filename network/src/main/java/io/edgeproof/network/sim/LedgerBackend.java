package io.edgeproof.network.sim;

import io.edgeproof.ledger.Ledger;
import io.edgeproof.ledger.LedgerRules;
import io.edgeproof.ledger.embedded.EmbeddedLedger;
import io.edgeproof.ledger.zkml.ZkmlProofVerifier;
import java.nio.file.Path;
import java.time.InstantSource;

/**
 * Where a simulation settles: opens a fresh ledger on the simulation's clock. The embedded ledger is the
 * default; the CLI wires the EVM one (anvil) through the same interface.
 */
public interface LedgerBackend {
    /** A fresh, empty ledger with these rules, reading time only from {@code clock}. */
    Ledger open(long chainId, LedgerRules rules, InstantSource clock);

    /** One line for the operator: which ledger, where. */
    String describe();

    /** The embedded ledger in a new SQLite file. */
    static LedgerBackend embedded(Path file) {
        return new LedgerBackend() {
            @Override
            public Ledger open(long chainId, LedgerRules rules, InstantSource clock) {
                return EmbeddedLedger.open(file, chainId, rules, clock, new ZkmlProofVerifier());
            }

            @Override
            public String describe() {
                return "embedded ledger " + file;
            }
        };
    }
}
