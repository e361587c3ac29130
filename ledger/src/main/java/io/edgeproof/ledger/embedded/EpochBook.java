package io.edgeproof.ledger.embedded;

import static io.edgeproof.ledger.embedded.LedgerCore.require;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.EpochShare;
import io.edgeproof.ledger.EpochView;
import io.edgeproof.ledger.EventType;
import io.edgeproof.ledger.Fault;
import io.edgeproof.ledger.NodeStatus;
import io.edgeproof.ledger.embedded.LedgerCore.Totals;
import java.sql.SQLException;

/**
 * Epoch rewards on the embedded ledger. Points are counted as they are earned (a verified job at payment,
 * an uptime point for the first heartbeat in each uptime slot while the node is ONLINE and staked at least
 * the minimum), per node and per epoch, with the epoch's totals beside them, so closing and claiming are
 * constant work whatever the number of nodes.
 */
final class EpochBook {
    private final LedgerCore core;

    EpochBook(LedgerCore core) {
        this.core = core;
    }

    /** A heartbeat (or registration) at now: one point per uptime slot, for an assignable-in-principle node. */
    void recordUptime(NodeRow n) throws SQLException {
        if (n.status != NodeStatus.ONLINE || n.stake < core.rules.minStake()) {
            return;
        }
        long now = core.now();
        long epoch = core.rules.epochOf(now);
        long slot = core.rules.uptimeSlotOf(now);
        Points p = points(epoch, n.address);
        if (p.lastSlot != slot) {
            core.store.update("INSERT INTO epoch_points (epoch, node, verified_jobs, uptime_points, last_slot, claimed)"
                    + " VALUES (?, ?, 0, 1, ?, 0) ON CONFLICT (epoch, node) DO UPDATE SET"
                    + " uptime_points = uptime_points + 1, last_slot = excluded.last_slot", epoch, n.address.bytes(), slot);
            addToEpoch(epoch, 0, 1);
        }
    }

    /** A job paid to {@code node} now. */
    void recordVerifiedJob(Address node) throws SQLException {
        long epoch = core.rules.epochOf(core.now());
        core.store.update("INSERT INTO epoch_points (epoch, node, verified_jobs, uptime_points, last_slot, claimed)"
                + " VALUES (?, ?, 1, 0, -1, 0) ON CONFLICT (epoch, node) DO UPDATE SET"
                + " verified_jobs = verified_jobs + 1", epoch, node.bytes());
        addToEpoch(epoch, 1, 0);
    }

    EpochView close(long epoch) throws SQLException {
        long now = core.now();
        require(now >= core.rules.epochEnd(epoch), Fault.EPOCH_NOT_OVER, "epoch " + epoch + " ends at "
                + core.rules.epochEnd(epoch) + ", now " + now);
        EpochView e = view(epoch);
        require(!e.closed(), Fault.EPOCH_ALREADY_CLOSED, "epoch " + epoch);
        long work = e.verifiedJobs() > 0 ? core.rules.workEmission() : 0;
        long uptime = e.uptimePoints() > 0 ? core.rules.uptimeEmission() : 0;
        core.store.update("INSERT INTO epochs (epoch, verified_jobs, uptime_points, closed, work_emission,"
                + " uptime_emission) VALUES (?, 0, 0, 1, ?, ?) ON CONFLICT (epoch) DO UPDATE SET closed = 1,"
                + " work_emission = excluded.work_emission, uptime_emission = excluded.uptime_emission",
                epoch, work, uptime);
        core.store.addTotal(Totals.MINTED, work + uptime);
        core.store.addTotal(Totals.REWARD_POOL, work + uptime);
        core.event(EventType.EPOCH_CLOSED, 0, null, work + uptime, null, "epoch " + epoch + ": " + e.verifiedJobs()
                + " verified jobs, " + e.uptimePoints() + " uptime points");
        return view(epoch);
    }

    long claim(Address node, long epoch) throws SQLException {
        EpochView e = view(epoch);
        require(e.closed(), Fault.EPOCH_NOT_CLOSED, "epoch " + epoch);
        EpochShare s = share(epoch, node);
        require(!s.claimed(), Fault.REWARD_ALREADY_CLAIMED, node + " in epoch " + epoch);
        require(s.reward() > 0, Fault.NO_REWARD, node + " in epoch " + epoch);
        core.store.update("UPDATE epoch_points SET claimed = 1 WHERE epoch = ? AND node = ?", epoch, node.bytes());
        core.store.addTotal(Totals.REWARD_POOL, -s.reward());
        core.credit(node, s.reward());
        core.event(EventType.REWARD_PAID, 0, node, s.reward(), null, "epoch " + epoch + ": " + s.verifiedJobs()
                + " jobs, " + s.uptimePoints() + " uptime points");
        return s.reward();
    }

    EpochView view(long epoch) throws SQLException {
        return core.store.queryOne("SELECT verified_jobs, uptime_points, closed, work_emission, uptime_emission"
                        + " FROM epochs WHERE epoch = ?", r -> new EpochView(epoch, r.getInt(3) != 0, r.getLong(1),
                        r.getLong(2), r.getLong(4), r.getLong(5)), epoch)
                .orElse(new EpochView(epoch, false, 0, 0, 0, 0));
    }

    EpochShare share(long epoch, Address node) throws SQLException {
        Points p = points(epoch, node);
        return new EpochShare(epoch, node, p.jobs, p.uptime, EpochShare.rewardOf(view(epoch), p.jobs, p.uptime),
                p.claimed);
    }

    private record Points(long jobs, long uptime, long lastSlot, boolean claimed) {}

    private Points points(long epoch, Address node) throws SQLException {
        return core.store.queryOne("SELECT verified_jobs, uptime_points, last_slot, claimed FROM epoch_points"
                        + " WHERE epoch = ? AND node = ?", r -> new Points(r.getLong(1), r.getLong(2), r.getLong(3),
                        r.getInt(4) != 0), epoch, node.bytes())
                .orElse(new Points(0, 0, -1, false));
    }

    private void addToEpoch(long epoch, long jobs, long uptime) throws SQLException {
        core.store.update("INSERT INTO epochs (epoch, verified_jobs, uptime_points, closed, work_emission,"
                + " uptime_emission) VALUES (?, ?, ?, 0, 0, 0) ON CONFLICT (epoch) DO UPDATE SET"
                + " verified_jobs = verified_jobs + excluded.verified_jobs,"
                + " uptime_points = uptime_points + excluded.uptime_points", epoch, jobs, uptime);
    }
}
