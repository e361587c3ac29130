package io.edgeproof.ledger;

/**
 * The ledger's books, each side computed independently: running totals kept by every operation, and sums
 * over the current accounts, stakes, open jobs and feeds. Slashes are taken from stake, never from escrow.
 * <ul>
 *   <li>escrow: {@code escrowPosted = paid + refunded + escrowHeld} (escrowHeld: open jobs and feed budgets)</li>
 *   <li>supply: {@code minted = balances + stakes + escrowHeld + slashedPool + rewardPool + bondsHeld}</li>
 * </ul>
 * {@code minted} counts genesis mints and closed epochs' emissions; the reward pool is emission not yet
 * claimed (plus rounding dust); bonds held are challenge bonds waiting for the arbiter.
 */
public record LedgerAudit(long minted, long balances, long stakes, long escrowHeld, long slashedPool,
                          long rewardPool, long bondsHeld, long escrowPosted, long paid, long refunded) {

    public boolean escrowBalances() {
        return escrowPosted == paid + refunded + escrowHeld;
    }

    public boolean supplyConserved() {
        return minted == balances + stakes + escrowHeld + slashedPool + rewardPool + bondsHeld;
    }

    /** Throws {@link IllegalStateException} naming the broken equation. */
    public LedgerAudit check() {
        if (!escrowBalances()) {
            throw new IllegalStateException("escrow posted " + escrowPosted + " != paid " + paid + " + refunded "
                    + refunded + " + held " + escrowHeld);
        }
        if (!supplyConserved()) {
            throw new IllegalStateException("minted " + minted + " != balances " + balances + " + stakes " + stakes
                    + " + escrow " + escrowHeld + " + slashed " + slashedPool + " + reward pool " + rewardPool
                    + " + bonds " + bondsHeld);
        }
        return this;
    }
}
