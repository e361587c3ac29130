package io.edgeproof.ledger.evm;

import static io.edgeproof.ledger.evm.Abi.address;
import static io.edgeproof.ledger.evm.Abi.args;
import static io.edgeproof.ledger.evm.Abi.fn;

import io.edgeproof.ledger.Address;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * ERC-20 allowances for the contracts that pull tokens (stake, escrow, feed budgets, bonds): each account
 * approves each such contract once, for everything, the first time it needs to.
 */
final class Allowances {
    private static final BigInteger APPROVE_ALL = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);

    private final EvmChain chain;
    private final String token;
    private final Set<String> approved = new HashSet<>();

    Allowances(EvmChain chain, String token) {
        this.chain = chain;
        this.token = token;
    }

    void ensure(Address owner, String spender) {
        if (approved.contains(owner.hex() + spender)) {
            return;
        }
        BigInteger current = ((Uint256) chain.call(owner, token, fn("allowance", args(address(owner),
                new org.web3j.abi.datatypes.Address(spender)), Uint256.class)).get(0)).getValue();
        if (current.bitLength() < 255) {
            chain.send("approve (once per account)", owner, token, fn("approve",
                    args(new org.web3j.abi.datatypes.Address(spender), new Uint256(APPROVE_ALL)), Bool.class));
        }
        approved.add(owner.hex() + spender);
    }
}
