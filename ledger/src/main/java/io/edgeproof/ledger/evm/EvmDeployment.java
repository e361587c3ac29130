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
 * settle a result.
 */
public record EvmDeployment(String token, String registry, String models, String market, Address admin,
                            Address arbiter, int quorum) {

    /** Deploys from the solc artifacts in {@code artifacts} ({@code <Contract>.bin}, see scripts/chain/compile.sh). */
    static EvmDeployment deploy(EvmChain chain, Path artifacts, Address admin, Address arbiter, LedgerRules rules,
                                int quorum, long challengeWindow, long challengeBond) {
        String token = chain.deploy("deploy EdgeToken", admin, bin(artifacts, "EdgeToken"), "");
        String registry = chain.deploy("deploy NodeRegistry", admin, bin(artifacts, "NodeRegistry"), args(
                new org.web3j.abi.datatypes.Address(token), new Uint64(rules.minStake()),
                new Uint16(rules.slashBasisPoints()), new Uint64(rules.heartbeatTimeout()),
                new Uint64(rules.unbondingPeriod())));
        String models = chain.deploy("deploy ModelRegistry", admin, bin(artifacts, "ModelRegistry"), "");
        String market = chain.deploy("deploy JobMarket", admin, bin(artifacts, "JobMarket"), args(
                new org.web3j.abi.datatypes.Address(token), new org.web3j.abi.datatypes.Address(registry),
                new org.web3j.abi.datatypes.Address(models), new org.web3j.abi.datatypes.Address(admin.hex()),
                new org.web3j.abi.datatypes.Address(arbiter.hex()), new Uint64(rules.assignmentWindow()),
                new Uint8(quorum), new Uint64(challengeWindow), new Uint64(challengeBond)));
        chain.send("deploy setMarket", admin, registry, new Function("setMarket",
                List.of(new org.web3j.abi.datatypes.Address(market)), List.of()));
        return new EvmDeployment(token, registry, models, market, admin, arbiter, quorum);
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
