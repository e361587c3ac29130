package io.edgeproof.ledger;

/**
 * One node's part of an epoch: its verified jobs and uptime points, and once the epoch is closed its
 * reward = floor(workEmission * jobs / all jobs) + floor(uptimeEmission * points / all points).
 * {@code reward} is 0 while the epoch is open.
 */
public record EpochShare(long epoch, Address node, long verifiedJobs, long uptimePoints, long reward,
                         boolean claimed) {

    /** The reward formula, shared by every back end that computes it off chain. */
    public static long rewardOf(EpochView e, long jobs, long points) {
        if (!e.closed()) {
            return 0;
        }
        long work = e.verifiedJobs() == 0 ? 0 : LedgerRules.mulDiv(e.workEmission(), jobs, e.verifiedJobs());
        long uptime = e.uptimePoints() == 0 ? 0 : LedgerRules.mulDiv(e.uptimeEmission(), points, e.uptimePoints());
        return Math.addExact(work, uptime);
    }
}
