package io.edgeproof.ledger.evm;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.ChallengeView;
import io.edgeproof.ledger.EventType;
import io.edgeproof.ledger.Fault;
import io.edgeproof.ledger.JobState;
import io.edgeproof.ledger.Ledger;
import io.edgeproof.ledger.LedgerEvent;
import io.edgeproof.ledger.LedgerRules;
import io.edgeproof.ledger.ManualClock;
import io.edgeproof.ledger.MarketRulesConformanceTest;
import io.edgeproof.ledger.ProofFixtures.Submission;
import io.edgeproof.ledger.ProofVerifier;
import io.edgeproof.ledger.Settlement;
import io.edgeproof.ledger.VerifiedResult;
import io.edgeproof.ledger.zkml.ZkmlProofVerifier;
import io.edgeproof.ledger.ModelId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite on the EVM back end: one anvil per class, contracts deployed once, and every test
 * starts from a snapshot of the chain taken right after deployment (evm_revert), so each sees fresh
 * contracts; a restart drops the client (its caches and connection) and reconnects to the same deployment.
 * Skipped with a message when node/npm are missing. Prints the gas per operation at the end. Adds what only
 * this back end has: attesters' fees, and an upheld challenge against a result that colluding attesters let
 * through.
 */
class EvmLedgerConformanceTest extends MarketRulesConformanceTest {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final Path SCRIPTS = ROOT.resolve("scripts/chain");
    static final Path ARTIFACTS = ROOT.resolve("ledger/target/contracts");
    static final GasMeter GAS = new GasMeter();
    static final int QUORUM = 2;
    /** 2% of the price to each of the quorum's attesters. */
    static final int ATTEST_FEE_BPS = 200;
    private static AnvilProcess anvil;
    private static EvmDeployment deployment;
    private static String snapshot;
    private EvmLedger evm;

    @BeforeAll
    static void compileContracts() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(SCRIPTS.resolve("compile.sh").toString(), ARTIFACTS.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        Assumptions.assumeTrue(exit != 2, "EVM ledger tests skipped: " + out.strip());
        if (exit != 0) {
            throw new IllegalStateException("compile.sh failed:\n" + out);
        }
    }

    @AfterAll
    static void stopAnvilAndReportGas() {
        stopAnvil();
        System.out.println("EVM ledger gas per operation (anvil, solc 0.8.37 --optimize):\n" + GAS.table());
    }

    private static void stopAnvil() {
        if (anvil != null) {
            anvil.close();
            anvil = null;
        }
    }

    /** Every test's clock starts at START, so the state right after deployment is the same for all of them. */
    @Override
    protected Ledger open(long chainId, LedgerRules rules, ManualClock clock) {
        if (anvil == null) {
            anvil = AnvilProcess.start(SCRIPTS, clock.now() - 10);
            try (EvmLedger first = EvmLedger.deploy(anvil.rpcUrl(), ARTIFACTS, rules, QUORUM, ATTEST_FEE_BPS, clock,
                    new ZkmlProofVerifier(), GAS)) {
                deployment = first.deployment();
            }
        } else {
            try (EvmChain chain = new EvmChain(anvil.rpcUrl(), clock, GAS)) {
                chain.revert(snapshot);
            }
        }
        try (EvmChain chain = new EvmChain(anvil.rpcUrl(), clock, GAS)) {
            snapshot = chain.snapshot();
        }
        evm = connect(new ZkmlProofVerifier());
        return evm;
    }

    @Override
    protected Ledger restart(Ledger current, ManualClock clock) {
        current.close();
        evm = connect(new ZkmlProofVerifier());
        return evm;
    }

    private EvmLedger connect(ProofVerifier verifier) {
        return EvmLedger.connect(anvil.rpcUrl(), deployment, RULES, clock, verifier, GAS);
    }

    @Override
    protected int attesters() {
        return QUORUM;
    }

    @Override
    protected long attestFee(long price) {
        return evm.deployment().attestFee(price);
    }

    @Override
    protected Optional<Address> arbiter() {
        return Optional.of(evm.deployment().arbiter());
    }

    @Test
    void attestersOfTheSettlingVerdictEarnTheFeeAndTheProverTheRest() {
        int[] x = input(50);
        long id = postDeviceJobAssignedTo(nodeA, x);
        Submission s = submitHonest(id, nodeA, x);
        long fee = attestFee(PRICE);
        assertThat(fee).isPositive();
        assertThat(ledger.balanceOf(nodeA)).isEqualTo(PRICE - QUORUM * fee);
        assertThat(ledger.balanceOf(nodeB) + ledger.balanceOf(nodeC)).isEqualTo(QUORUM * fee);
        assertThat(ledger.events(0, 1_000)).filteredOn(e -> e.type() == EventType.VERIFIER_PAID)
                .extracting(LedgerEvent::amount).containsExactly(fee, fee);
        assertThat(ledger.audit().paid()).isEqualTo(PRICE);
    }

    /**
     * B and C attest a proof of another input as valid (they collude with A); the arbiter upholds the
     * requester's challenge: A, B and C are each slashed, the requester gets its bond back plus a reward.
     */
    @Test
    void upheldChallengeSlashesTheProverAndItsAttestersAndRewardsTheChallenger() {
        int[] x = input(51);
        long id = postDeviceJobAssignedTo(nodeA, x);
        Submission other = honest(id, nodeA, input(52));
        ZkmlProofVerifier real = new ZkmlProofVerifier();
        ProofVerifier colluding = new ProofVerifier() {
            @Override
            public ModelId modelIdOf(byte[] verifierKey) {
                return real.modelIdOf(verifierKey);
            }

            @Override
            public VerifiedResult verify(byte[] key, byte[] proof, byte[] context)
                    throws io.edgeproof.ledger.ProofRejectedException {
                VerifiedResult r = real.verify(key, proof, context);
                return new VerifiedResult(r.model(), x, r.outputs());
            }
        };
        try (EvmLedger corrupt = connect(colluding)) {
            assertThat(corrupt.submitResult(id, nodeA, other.proof(), other.outputs())).isInstanceOf(Settlement.Paid.class);
        }
        long bond = 2 * RULES.challengeBond();
        ChallengeView open = ledger.challenge(requester, id, bond);
        assertThat(open.status()).isEqualTo(ChallengeView.Status.OPEN);
        ChallengeView c = ledger.resolveChallenge(evm.deployment().arbiter(), id, true);

        long slash = slashOfFullStake();
        assertThat(c.status()).isEqualTo(ChallengeView.Status.UPHELD);
        assertThat(c.slashed()).isEqualTo(3 * slash);
        assertThat(c.reward()).isEqualTo(bond);
        assertThat(job(id).state()).isEqualTo(JobState.OVERTURNED);
        for (Address n : List.of(nodeA, nodeB, nodeC)) {
            assertThat(node(n).stake()).isEqualTo(STAKE - slash);
        }
        assertThat(ledger.balanceOf(requester)).isEqualTo(10_000 - PRICE + bond);
        assertThat(ledger.audit().slashedPool()).isEqualTo(3 * slash - bond);
        assertThat(ledger.events(0, 1_000)).filteredOn(e -> e.type() == EventType.NODE_SLASHED)
                .extracting(LedgerEvent::fault)
                .containsExactly(Fault.RESULT_OVERTURNED, Fault.WRONG_ATTESTATION, Fault.WRONG_ATTESTATION);
        assertRejected(Fault.NOT_CHALLENGEABLE, id, () -> ledger.challenge(nodeB, id, RULES.challengeBond()));
        assertRejected(Fault.DUPLICATE_SUBMISSION, id, () -> ledger.submitResult(id, nodeA, other.proof(),
                other.outputs()));
    }
}
