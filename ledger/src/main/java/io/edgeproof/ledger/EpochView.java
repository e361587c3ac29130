package io.edgeproof.ledger;

/**
 * An epoch's totals: verified jobs and uptime points earned in it by all nodes. Once closed, the emission
 * is minted into the reward pool: {@code workEmission} if any job was verified, {@code uptimeEmission} if
 * any uptime point was earned (a part nobody earned is not minted). Nodes then claim their shares.
 */
public record EpochView(long epoch, boolean closed, long verifiedJobs, long uptimePoints, long workEmission,
                        long uptimeEmission) {
    /** What closing minted (0 while open). */
    public long minted() {
        return workEmission + uptimeEmission;
    }
}
