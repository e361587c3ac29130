package io.edgeproof.network;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.Fault;
import io.edgeproof.ledger.FeedRequest;
import io.edgeproof.ledger.InputDigest;
import io.edgeproof.ledger.Ledger;
import io.edgeproof.ledger.LedgerException;
import io.edgeproof.ledger.device.DeviceId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway side of standing feeds: a requester opens a feed ("run model M on every reading of device D")
 * with its budget escrowed on the ledger; every new signed reading of D that reaches the gateway opens one
 * job per open feed on D, paid from that feed's budget, and the {@link Gateway} tracks and dispatches it
 * like any other job. A feed whose budget is spent stays open (its owner may close it for the remainder)
 * but opens no more jobs.
 */
public final class FeedRelay {
    private final Gateway gateway;
    private final Ledger ledger;
    /** Open feeds by id, in opening order, with the device each follows. */
    private final Map<Long, DeviceId> feeds = new LinkedHashMap<>();

    public FeedRelay(Gateway gateway) {
        this.gateway = gateway;
        this.ledger = gateway.ledger();
    }

    /** A feed's outcome for one reading: the job it opened, or the fault that stopped it (the feed is not closed). */
    public record Outcome(long feedId, long jobId, Fault fault) {}

    public synchronized long open(Address requester, FeedRequest request) {
        gateway.requireRawInput(request.model());
        long id = ledger.openFeed(requester, request);
        feeds.put(id, request.device());
        return id;
    }

    /**
     * A new reading from a device: checks the input is the one the reading signs, then offers it to every
     * open feed that follows the device, in opening order. Throws {@link LedgerException} (INVALID_REQUEST)
     * for an input the reading does not sign; per-feed refusals (budget spent, replayed reading, bad
     * signature) are returned as outcomes.
     */
    public synchronized List<Outcome> onReading(Device.SignedFrame frame) {
        var reading = frame.reading();
        if (!Arrays.equals(InputDigest.of(frame.input()), reading.reading().readingHash())) {
            throw new LedgerException(Fault.INVALID_REQUEST, "the input is not the one reading #"
                    + reading.reading().sequence() + " of " + reading.reading().deviceId() + " signs");
        }
        List<Outcome> out = new ArrayList<>();
        for (Map.Entry<Long, DeviceId> f : feeds.entrySet()) {
            if (!f.getValue().equals(reading.reading().deviceId())) {
                continue;
            }
            try {
                long job = ledger.postFeedJob(f.getKey(), reading);
                gateway.track(job, ledger.feed(f.getKey()).orElseThrow().model(), frame.input(), reading);
                out.add(new Outcome(f.getKey(), job, null));
            } catch (LedgerException e) {
                out.add(new Outcome(f.getKey(), 0, e.fault()));
            }
        }
        return out;
    }

    /** The owner closes the feed; returns the refunded remainder of its budget. */
    public synchronized long close(Address requester, long feedId) {
        long refunded = ledger.closeFeed(requester, feedId);
        feeds.remove(feedId);
        return refunded;
    }
}
