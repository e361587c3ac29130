package io.edgeproof.ledger;

import java.math.BigInteger;

/**
 * The network's parameters; times in seconds of the ledger's one clock, amounts in base units.
 *
 * @param minStake          a node below it is not assigned jobs
 * @param slashBasisPoints  share of the node's current stake taken per slashing fault (1000 = 10%)
 * @param heartbeatTimeout  a node silent for longer is marked offline and loses its jobs; also the length of
 *                          an uptime slot (one uptime point per slot with a heartbeat)
 * @param assignmentWindow  time an assigned node has to submit (capped by the job's own deadline)
 * @param unbondingPeriod   time between unbond and withdrawing the stake; the stake stays slashable
 * @param epochLength       epoch {@code e} covers [e * epochLength, (e + 1) * epochLength); a multiple of
 *                          {@code heartbeatTimeout}, so that uptime slots never straddle two epochs
 * @param epochEmission     tokens minted per closed epoch for the nodes that worked in it
 * @param workRewardBasisPoints share of the emission paid pro rata to verified jobs; the rest goes pro rata
 *                          to uptime points
 * @param challengeWindow   time after payment during which a result can be challenged
 * @param challengeBond     the smallest bond a challenger must post
 */
public record LedgerRules(long minStake, int slashBasisPoints, long heartbeatTimeout, long assignmentWindow,
                          long unbondingPeriod, long epochLength, long epochEmission, int workRewardBasisPoints,
                          long challengeWindow, long challengeBond) {
    public static final int BASIS_POINTS = 10_000;

    public LedgerRules {
        if (minStake < 1 || !isBasisPoints(slashBasisPoints) || heartbeatTimeout < 1 || assignmentWindow < 1
                || unbondingPeriod < 0 || epochLength < heartbeatTimeout || epochLength % heartbeatTimeout != 0
                || epochEmission < 0 || !isBasisPoints(workRewardBasisPoints) || challengeWindow < 0
                || challengeBond < 1) {
            throw new IllegalArgumentException("rules out of range");
        }
    }

    /**
     * 1,000 units minimum stake, 10% slash, 60 s heartbeat timeout, 120 s per assignment, 1 day unbonding;
     * 1 hour epochs emitting 1,000 units (70% to verified jobs, 30% to uptime); results challengeable for
     * 1 hour with a bond of at least 100.
     */
    public static LedgerRules standard() {
        return new LedgerRules(1_000, 1_000, 60, 120, 86_400, 3_600, 1_000, 7_000, 3_600, 100);
    }

    /** The same rules with another slash share. */
    public LedgerRules withSlashBasisPoints(int bps) {
        return new LedgerRules(minStake, bps, heartbeatTimeout, assignmentWindow, unbondingPeriod, epochLength,
                epochEmission, workRewardBasisPoints, challengeWindow, challengeBond);
    }

    /**
     * The same rules with other node timings; the epoch length is rounded up to a multiple of the new
     * heartbeat timeout (uptime slots never straddle two epochs).
     */
    public LedgerRules withTimings(long minStake, long heartbeatTimeout, long assignmentWindow) {
        long epoch = heartbeatTimeout < 1 ? epochLength : Math.ceilDiv(epochLength, heartbeatTimeout) * heartbeatTimeout;
        return new LedgerRules(minStake, slashBasisPoints, heartbeatTimeout, assignmentWindow, unbondingPeriod, epoch,
                epochEmission, workRewardBasisPoints, challengeWindow, challengeBond);
    }

    /** floor(stake * bps / 10000) without overflow. */
    public long slashOf(long stake) {
        return stake / BASIS_POINTS * slashBasisPoints + stake % BASIS_POINTS * slashBasisPoints / BASIS_POINTS;
    }

    /** The epoch that contains {@code time}. */
    public long epochOf(long time) {
        return Math.floorDiv(time, epochLength);
    }

    /** The first second after {@code epoch}: it can be closed from then on. */
    public long epochEnd(long epoch) {
        return Math.multiplyExact(epoch + 1, epochLength);
    }

    /** The uptime slot that contains {@code time}. */
    public long uptimeSlotOf(long time) {
        return Math.floorDiv(time, heartbeatTimeout);
    }

    /** The part of the emission paid for verified jobs. */
    public long workEmission() {
        return mulDiv(epochEmission, workRewardBasisPoints, BASIS_POINTS);
    }

    /** The part of the emission paid for uptime. */
    public long uptimeEmission() {
        return epochEmission - workEmission();
    }

    /** floor(a * b / c) for non-negative a, b and positive c, exact for any long inputs whose result fits. */
    public static long mulDiv(long a, long b, long c) {
        return BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divide(BigInteger.valueOf(c)).longValueExact();
    }

    private static boolean isBasisPoints(int bps) {
        return bps >= 0 && bps <= BASIS_POINTS;
    }
}
