package io.edgeproof.network.persist;

import io.edgeproof.ledger.LedgerRules;

/**
 * What a gateway's data directory is created with and keeps for life: the chain id proofs are bound to,
 * the ledger's rules, and how close to its deadline a job may still be assigned ({@code minimumWindow} s).
 */
public record GatewaySettings(long chainId, LedgerRules rules, long minimumWindow) {
    public static final long DEFAULT_CHAIN_ID = 31_337;
    public static final long DEFAULT_MINIMUM_WINDOW = 30;

    public GatewaySettings {
        if (rules == null || minimumWindow < 0) {
            throw new IllegalArgumentException("settings need rules and a non-negative minimum window");
        }
    }

    public static GatewaySettings standard() {
        return new GatewaySettings(DEFAULT_CHAIN_ID, LedgerRules.standard(), DEFAULT_MINIMUM_WINDOW);
    }
}
