package io.edgeproof.ledger.evm;

import static io.edgeproof.ledger.evm.Abi.addr;
import static io.edgeproof.ledger.evm.Abi.args;
import static io.edgeproof.ledger.evm.Abi.bool;
import static io.edgeproof.ledger.evm.Abi.bytes;
import static io.edgeproof.ledger.evm.Abi.bytes32;
import static io.edgeproof.ledger.evm.Abi.concat;
import static io.edgeproof.ledger.evm.Abi.fn;
import static io.edgeproof.ledger.evm.Abi.num;
import static io.edgeproof.ledger.evm.Abi.reading;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.Fault;
import io.edgeproof.ledger.FeedRequest;
import io.edgeproof.ledger.FeedView;
import io.edgeproof.ledger.LedgerException;
import io.edgeproof.ledger.ModelId;
import io.edgeproof.ledger.device.DeviceId;
import io.edgeproof.ledger.device.SignedReading;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.DynamicStruct;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint64;

/** Standing feeds on chain (JobMarket): the budget is escrowed by the market; readings are relayed by the admin key. */
@SuppressWarnings("rawtypes")
final class EvmFeeds {
    private final EvmChain chain;
    private final EvmDeployment d;
    private final Allowances allowances;

    EvmFeeds(EvmChain chain, EvmDeployment d, Allowances allowances) {
        this.chain = chain;
        this.d = d;
        this.allowances = allowances;
    }

    long open(Address requester, FeedRequest r) {
        allowances.ensure(requester, d.market());
        return num(chain.send("openFeed", requester, d.market(), fn("openFeed", args(bytes32(r.model().bytes()),
                new Utf8String(r.device().value()), new Uint64(Math.max(0, r.pricePerJob())),
                new Uint64(Math.max(0, r.jobLifetime())), new Uint64(Math.max(0, r.budget()))), Uint64.class))
                .values(), 0);
    }

    long postJob(long feedId, SignedReading reading) {
        return num(chain.send("postFeedJob", d.admin(), d.market(), fn("postFeedJob",
                concat(args(new Uint64(feedId)), reading(reading)), Uint64.class)).values(), 0);
    }

    long close(Address requester, long feedId) {
        return num(chain.send("closeFeed", requester, d.market(), fn("closeFeed", args(new Uint64(feedId)),
                Uint64.class)).values(), 0);
    }

    /** The Feed struct: owner, open, price, lifetime, budgetPosted, budgetLeft, jobs, nextSequence, model, deviceId. */
    Optional<FeedView> view(long feedId) {
        List<Type> f;
        try {
            f = chain.call(d.admin(), d.market(), new Function("feedOf", args(new Uint64(feedId)),
                    List.of(new TypeReference<FeedStruct>() {})));
        } catch (LedgerException e) {
            if (e.fault() == Fault.UNKNOWN_FEED) {
                return Optional.empty();
            }
            throw e;
        }
        List<Type> v = ((FeedStruct) f.get(0)).getValue();
        return Optional.of(new FeedView(feedId, addr(v, 0), new ModelId(bytes(v, 8)),
                new DeviceId(((Utf8String) v.get(9)).getValue()), num(v, 2), num(v, 3), num(v, 4), num(v, 5), num(v, 6),
                bool(v, 1)));
    }

    /** The ABI shape of JobMarket.Feed (a dynamic struct: it holds a string). */
    public static final class FeedStruct extends DynamicStruct {
        public FeedStruct(org.web3j.abi.datatypes.Address owner, org.web3j.abi.datatypes.Bool open, Uint64 price,
                          Uint64 lifetime, Uint64 budgetPosted, Uint64 budgetLeft, Uint64 jobs, Uint64 nextSequence,
                          org.web3j.abi.datatypes.generated.Bytes32 model, Utf8String deviceId) {
            super(owner, open, price, lifetime, budgetPosted, budgetLeft, jobs, nextSequence, model, deviceId);
        }
    }
}
