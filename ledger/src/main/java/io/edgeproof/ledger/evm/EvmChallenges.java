package io.edgeproof.ledger.evm;

import static io.edgeproof.ledger.evm.Abi.addr;
import static io.edgeproof.ledger.evm.Abi.args;
import static io.edgeproof.ledger.evm.Abi.fn;
import static io.edgeproof.ledger.evm.Abi.isZero;
import static io.edgeproof.ledger.evm.Abi.num;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.ChallengeView;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;

/** Challenges on chain (JobMarket): the market holds the bond until the arbiter named at deployment decides. */
@SuppressWarnings("rawtypes")
final class EvmChallenges {
    private final EvmChain chain;
    private final EvmDeployment d;
    private final Allowances allowances;

    EvmChallenges(EvmChain chain, EvmDeployment d, Allowances allowances) {
        this.chain = chain;
        this.d = d;
        this.allowances = allowances;
    }

    ChallengeView challenge(Address challenger, long jobId, long bond) {
        allowances.ensure(challenger, d.market());
        chain.send("challenge", challenger, d.market(), fn("challenge", args(new Uint64(jobId), new Uint64(bond))));
        return view(jobId).orElseThrow();
    }

    ChallengeView resolve(Address arbiter, long jobId, boolean upheld) {
        chain.send(upheld ? "resolveChallenge (upheld)" : "resolveChallenge (rejected)", arbiter, d.market(),
                fn("resolveChallenge", args(new Uint64(jobId), new Bool(upheld))));
        return view(jobId).orElseThrow();
    }

    /** The Challenge struct: challenger, status (0 none, 1 open, 2 upheld, 3 rejected), bond, openedAt, slashed, reward. */
    Optional<ChallengeView> view(long jobId) {
        List<Type> c = chain.call(d.admin(), d.market(), fn("challengeOf", args(new Uint64(jobId)),
                org.web3j.abi.datatypes.Address.class, Uint8.class, Uint64.class, Uint64.class, Uint64.class,
                Uint64.class));
        Address challenger = addr(c, 0);
        if (isZero(challenger)) {
            return Optional.empty();
        }
        ChallengeView.Status status = ChallengeView.Status.values()[(int) num(c, 1) - 1];
        return Optional.of(new ChallengeView(jobId, challenger, num(c, 2), status, num(c, 3), num(c, 4), num(c, 5)));
    }
}
