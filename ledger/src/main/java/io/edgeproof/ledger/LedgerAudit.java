package io.edgeproof.ledger;

/**
 * The ledger's books, each side computed independently: running totals kept by every operation, and sums
 * over the current accounts, stakes and open jobs. Slashes are taken from stake, never from escrow.
 * <ul>
 *   <li>escrow: {@code escrowPosted = paid + refunded + escrowHeld}</li>
 *   <li>supply: {@code minted = balances + stakes + escrowHeld + slashedPool}</li>
 * </ul>
 */
public record LedgerAudit(long minted, long balances, long stakes, long escrowHeld, long slashedPool,
                          long escrowPosted, long paid, long refunded) {

    public boolean escrowBalances() {
        return escrowPosted == paid + refunded + escrowHeld;
    }

    public boolean supplyConserved() {
        return minted == balances + stakes + escrowHeld + slashedPool;
    }

    /** Throws {@link IllegalStateException} naming the broken equation. */
    public LedgerAudit check() {
        if (!escrowBalances()) {
            throw new IllegalStateException("escrow posted " + escrowPosted + " != paid " + paid + " + refunded "
                    + refunded + " + held " + escrowHeld);
        }
        if (!supplyConserved()) {
            throw new IllegalStateException("minted " + minted + " != balances " + balances + " + stakes " + stakes
                    + " + escrow " + escrowHeld + " + slashed " + slashedPool);
        }
        return this;
    }
}
