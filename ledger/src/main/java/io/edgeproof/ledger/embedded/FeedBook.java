package io.edgeproof.ledger.embedded;

import static io.edgeproof.ledger.embedded.LedgerCore.require;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.EventType;
import io.edgeproof.ledger.Fault;
import io.edgeproof.ledger.FeedRequest;
import io.edgeproof.ledger.FeedView;
import io.edgeproof.ledger.LedgerException;
import io.edgeproof.ledger.ModelId;
import io.edgeproof.ledger.device.DeviceId;
import io.edgeproof.ledger.device.SignedReading;
import io.edgeproof.ledger.embedded.LedgerCore.Totals;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Standing feeds on the embedded ledger. The budget counts as escrow from the moment the feed opens
 * (escrowPosted grows by the budget, escrowHeld holds what is left of it); a reading moves one price from
 * the feed into a job's escrow, so the escrow equation holds at every step; closing refunds the rest.
 * A feed keeps its own last sequence number, starting from the device's at opening, so several feeds can
 * follow one device (each reading opens one job per feed) and no reading is charged to a feed twice.
 */
final class FeedBook {
    private final LedgerCore core;

    FeedBook(LedgerCore core) {
        this.core = core;
    }

    long open(Address requester, FeedRequest r) throws SQLException {
        require(r.pricePerJob() > 0 && r.jobLifetime() > 0 && r.budget() >= r.pricePerJob(), Fault.INVALID_REQUEST,
                "price " + r.pricePerJob() + ", lifetime " + r.jobLifetime() + ", budget " + r.budget());
        require(core.store.verifierKey(r.model()).isPresent(), Fault.UNKNOWN_MODEL, "model " + r.model());
        LedgerStore.DeviceRow device = core.store.device(r.device())
                .orElseThrow(() -> new LedgerException(Fault.UNKNOWN_DEVICE, "device " + r.device()));
        long balance = core.store.balance(requester);
        require(balance >= r.budget(), Fault.INSUFFICIENT_ESCROW, "balance " + balance + " < budget " + r.budget());
        core.store.setBalance(requester, balance - r.budget());
        core.store.addTotal(Totals.ESCROW_POSTED, r.budget());
        long id = core.store.total(Totals.NEXT_FEED_ID) + 1;
        core.store.putMeta(Totals.NEXT_FEED_ID, id);
        core.store.update("INSERT INTO feeds (id, requester, model_id, device_id, price, lifetime, budget_posted,"
                + " budget_left, jobs_opened, open, last_sequence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 1, ?)", id,
                requester.bytes(), r.model().bytes(), r.device().value(), r.pricePerJob(), r.jobLifetime(), r.budget(),
                r.budget(), device.lastSequence());
        core.event(EventType.FEED_OPENED, 0, requester, r.budget(), null, "feed " + id + ": model " + r.model()
                + " on every reading of " + r.device() + " at " + r.pricePerJob());
        return id;
    }

    long postJob(long feedId, SignedReading reading) throws SQLException {
        FeedView f = existing(feedId);
        require(f.open(), Fault.FEED_CLOSED, "feed " + feedId);
        require(reading.reading().deviceId().equals(f.device()), Fault.WRONG_FEED_DEVICE,
                reading.reading().deviceId() + " is not " + f.device());
        require(f.budgetLeft() >= f.pricePerJob(), Fault.FEED_BUDGET_EXHAUSTED, "feed " + feedId + " has "
                + f.budgetLeft() + " left, a job costs " + f.pricePerJob());
        core.signedDevice(reading);
        long sequence = reading.reading().sequence();
        long last = core.store.queryLong("SELECT last_sequence FROM feeds WHERE id = ?", -1L, feedId);
        require(sequence > last, Fault.REPLAYED_READING, "sequence " + sequence + " <= last " + last + " of feed "
                + feedId);
        core.store.update("UPDATE feeds SET budget_left = budget_left - ?, jobs_opened = jobs_opened + 1,"
                + " last_sequence = ? WHERE id = ?", f.pricePerJob(), sequence, feedId);
        return core.newJob(f.requester(), f.model(), reading.reading().readingHash(), f.pricePerJob(),
                Math.addExact(core.now(), f.jobLifetime()), "from feed " + feedId + ", escrowed " + f.pricePerJob());
    }

    long close(Address requester, long feedId) throws SQLException {
        FeedView f = existing(feedId);
        require(f.requester().equals(requester), Fault.NOT_FEED_OWNER, requester + " did not open feed " + feedId);
        require(f.open(), Fault.FEED_CLOSED, "feed " + feedId);
        long left = f.budgetLeft();
        core.store.update("UPDATE feeds SET budget_left = 0, open = 0 WHERE id = ?", feedId);
        core.credit(requester, left);
        core.store.addTotal(Totals.REFUNDED, left);
        core.event(EventType.FEED_CLOSED, 0, requester, left, null, "feed " + feedId + " closed after "
                + f.jobsOpened() + " jobs, refunded " + left);
        return left;
    }

    Optional<FeedView> view(long feedId) throws SQLException {
        return core.store.queryOne("SELECT requester, model_id, device_id, price, lifetime, budget_posted,"
                + " budget_left, jobs_opened, open FROM feeds WHERE id = ?", r -> new FeedView(feedId,
                new Address(r.getBytes(1)), new ModelId(r.getBytes(2)), new DeviceId(r.getString(3)), r.getLong(4),
                r.getLong(5), r.getLong(6), r.getLong(7), r.getLong(8), r.getInt(9) != 0), feedId);
    }

    /** Budgets still escrowed in open feeds: part of the audit's escrowHeld. */
    long budgetsHeld() throws SQLException {
        return core.store.queryLong("SELECT COALESCE(SUM(budget_left), 0) FROM feeds", 0L);
    }

    private FeedView existing(long feedId) throws SQLException {
        return view(feedId).orElseThrow(() -> new LedgerException(Fault.UNKNOWN_FEED, "feed " + feedId));
    }
}
