package io.edgeproof.ledger.evm;

import static io.edgeproof.ledger.evm.Abi.address;
import static io.edgeproof.ledger.evm.Abi.args;
import static io.edgeproof.ledger.evm.Abi.bool;
import static io.edgeproof.ledger.evm.Abi.fn;
import static io.edgeproof.ledger.evm.Abi.num;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.EpochShare;
import io.edgeproof.ledger.EpochView;
import java.util.List;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint64;

/** Epoch rewards on chain (NodeRegistry): close is permissionless (sent by the admin key), claims pay the node. */
@SuppressWarnings("rawtypes")
final class EvmRewards {
    private final EvmChain chain;
    private final EvmDeployment d;

    EvmRewards(EvmChain chain, EvmDeployment d) {
        this.chain = chain;
        this.d = d;
    }

    EpochView close(long epoch) {
        chain.send("closeEpoch", d.admin(), d.registry(), fn("closeEpoch", args(new Uint64(epoch))));
        return view(epoch);
    }

    long claim(Address node, long epoch) {
        return num(chain.send("claimReward", node, d.registry(), fn("claimReward", args(address(node),
                new Uint64(epoch)), Uint64.class)).values(), 0);
    }

    /** The Epoch struct: jobs, uptime, closed, workEmission, uptimeEmission. */
    EpochView view(long epoch) {
        List<Type> e = chain.call(d.admin(), d.registry(), fn("epochOf", args(new Uint64(epoch)), Uint64.class,
                Uint64.class, Bool.class, Uint64.class, Uint64.class));
        return new EpochView(epoch, bool(e, 2), num(e, 0), num(e, 1), num(e, 3), num(e, 4));
    }

    EpochShare share(long epoch, Address node) {
        List<Type> s = chain.call(d.admin(), d.registry(), fn("shareOf", args(new Uint64(epoch), address(node)),
                Uint64.class, Uint64.class, Uint64.class, Bool.class));
        return new EpochShare(epoch, node, num(s, 0), num(s, 1), num(s, 2), bool(s, 3));
    }
}
