package io.edgeproof.ledger;

/**
 * The network's parameters; times in seconds of the ledger's one clock, amounts in base units.
 *
 * @param minStake          a node below it is not assigned jobs
 * @param slashBasisPoints  share of the node's current stake taken per slashing fault (1000 = 10%)
 * @param heartbeatTimeout  a node silent for longer is marked offline and loses its jobs
 * @param assignmentWindow  time an assigned node has to submit (capped by the job's own deadline)
 * @param unbondingPeriod   time between unbond and withdrawing the stake; the stake stays slashable
 */
public record LedgerRules(long minStake, int slashBasisPoints, long heartbeatTimeout, long assignmentWindow,
                          long unbondingPeriod) {
    public static final int BASIS_POINTS = 10_000;

    public LedgerRules {
        if (minStake < 1 || slashBasisPoints < 0 || slashBasisPoints > BASIS_POINTS || heartbeatTimeout < 1
                || assignmentWindow < 1 || unbondingPeriod < 0) {
            throw new IllegalArgumentException("rules out of range");
        }
    }

    /** 1,000 units minimum stake, 10% slash, 60 s heartbeat timeout, 120 s per assignment, 1 day unbonding. */
    public static LedgerRules standard() {
        return new LedgerRules(1_000, 1_000, 60, 120, 86_400);
    }

    /** floor(stake * bps / 10000) without overflow. */
    public long slashOf(long stake) {
        return stake / BASIS_POINTS * slashBasisPoints + stake % BASIS_POINTS * slashBasisPoints / BASIS_POINTS;
    }
}
