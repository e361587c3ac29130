package io.edgeproof.ledger.evm;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.LedgerRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;

/**
 * Where the four contracts live, and the keys named at deployment: {@code admin} mints (genesis/faucet) and
 * assigns jobs (the gateway's key), {@code arbiter} decides challenges; {@code quorum} verifier attestations
 * settle a result, and each attester of the settling verdict earns {@code attestFeeBps} of the job's price.
 */
public record EvmDeployment(String token, String registry, String models, String market, Address admin,
                            Address arbiter, int quorum, int attestFeeBps) {
    public EvmDeployment {
        if (quorum < 1 || attestFeeBps < 0 || (long) quorum * attestFeeBps > LedgerRules.BASIS_POINTS) {
            throw new IllegalArgumentException("quorum >= 1 and the quorum's fees at most the price");
        }
    }

    /** Deploys from the solc artifacts in {@code artifacts} ({@code <Contract>.bin}, see scripts/chain/compile.sh). */
    static EvmDeployment deploy(EvmChain chain, Path artifacts, Address admin, Address arbiter, LedgerRules rules,
                                int quorum, int attestFeeBps) {
        String token = chain.deploy("deploy EdgeToken", admin, bin(artifacts, "EdgeToken"), "");
        String registry = chain.deploy("deploy NodeRegistry", admin, bin(artifacts, "NodeRegistry"), args(
                new org.web3j.abi.datatypes.Address(token), new Uint64(rules.minStake()),
                new Uint16(rules.slashBasisPoints()), new Uint64(rules.heartbeatTimeout()),
                new Uint64(rules.unbondingPeriod()), new Uint64(rules.epochLength()),
                new Uint64(rules.epochEmission()), new Uint16(rules.workRewardBasisPoints())));
        String models = chain.deploy("deploy ModelRegistry", admin, bin(artifacts, "ModelRegistry"), "");
        String market = chain.deploy("deploy JobMarket", admin, bin(artifacts, "JobMarket"), args(
                new org.web3j.abi.datatypes.Address(token), new org.web3j.abi.datatypes.Address(registry),
                new org.web3j.abi.datatypes.Address(models), new org.web3j.abi.datatypes.Address(admin.hex()),
                new org.web3j.abi.datatypes.Address(arbiter.hex()), new Uint64(rules.assignmentWindow()),
                new Uint8(quorum), new Uint16(attestFeeBps), new Uint64(rules.challengeWindow()),
                new Uint64(rules.challengeBond())));
        chain.send("deploy setMarket", admin, registry, new Function("setMarket",
                List.of(new org.web3j.abi.datatypes.Address(market)), List.of()));
        chain.send("deploy setRewarder", admin, token, new Function("setRewarder",
                List.of(new org.web3j.abi.datatypes.Address(registry)), List.of()));
        return new EvmDeployment(token, registry, models, market, admin, arbiter, quorum, attestFeeBps);
    }

    /** What each attester of a settling verdict earns for a job of {@code price}: floor(price * bps / 10000). */
    public long attestFee(long price) {
        return LedgerRules.mulDiv(price, attestFeeBps, LedgerRules.BASIS_POINTS);
    }

    private static String args(Type<?>... values) {
        return FunctionEncoder.encodeConstructor(List.of(values));
    }

    private static String bin(Path artifacts, String contract) {
        try {
            return Files.readString(artifacts.resolve(contract + ".bin"));
        } catch (IOException e) {
            throw new UncheckedIOException("no compiled " + contract + " in " + artifacts
                    + " (run scripts/chain/compile.sh)", e);
        }
    }
}
