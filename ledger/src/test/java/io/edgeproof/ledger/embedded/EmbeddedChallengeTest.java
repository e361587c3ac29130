package io.edgeproof.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.ChallengeView;
import io.edgeproof.ledger.EventType;
import io.edgeproof.ledger.Fault;
import io.edgeproof.ledger.InputDigest;
import io.edgeproof.ledger.JobInput;
import io.edgeproof.ledger.JobRequest;
import io.edgeproof.ledger.JobState;
import io.edgeproof.ledger.LedgerException;
import io.edgeproof.ledger.LedgerRules;
import io.edgeproof.ledger.ManualClock;
import io.edgeproof.ledger.ModelId;
import io.edgeproof.ledger.NodeResources;
import io.edgeproof.ledger.ProofFixtures;
import io.edgeproof.ledger.ProofRejectedException;
import io.edgeproof.ledger.ProofVerifier;
import io.edgeproof.ledger.Settlement;
import io.edgeproof.ledger.VerifiedResult;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a challenge means on the embedded ledger: it re-verifies the stored proof. The conformance suite
 * shows that a result this ledger paid survives (the bond is lost); here the verifier is fixed after it
 * wrongly accepted a proof, and the challenge is upheld.
 */
class EmbeddedChallengeTest {
    @TempDir
    Path dir;

    @Test
    void challengeIsUpheldWhenTheFixedVerifierNowRejectsAPaidProof() {
        ManualClock clock = new ManualClock(1_800_000_000L);
        EchoVerifier echo = new EchoVerifier();
        boolean[] fixed = {false};
        ProofVerifier verifier = new ProofVerifier() {
            @Override
            public ModelId modelIdOf(byte[] verifierKey) {
                return echo.modelIdOf(verifierKey);
            }

            @Override
            public VerifiedResult verify(byte[] key, byte[] proof, byte[] context) throws ProofRejectedException {
                if (fixed[0]) {
                    throw new ProofRejectedException(Fault.INVALID_PROOF, "rejected by the fixed verifier");
                }
                return echo.verify(key, proof, context);
            }
        };
        LedgerRules rules = LedgerRules.standard();
        try (EmbeddedLedger ledger = EmbeddedLedger.open(dir.resolve("l.db"), 1, rules, clock, verifier)) {
            Address requester = ProofFixtures.actor("requester");
            Address node = ProofFixtures.actor("node");
            ledger.mint(requester, 1_000);
            ledger.mint(node, 10_000);
            ledger.registerModel(requester, new byte[] {1});
            ledger.registerNode(node, 10_000, new NodeResources(1, 1, 0, 1, Set.of(EchoVerifier.MODEL)));
            int[] input = {7, 8};
            long id = ledger.postJob(requester, new JobRequest(EchoVerifier.MODEL,
                    new JobInput.Public(InputDigest.of(input)), 100, clock.now() + 600));
            ledger.assign(id, node);
            assertThat(ledger.submitResult(id, node, EchoVerifier.proofOf(input), input)).isInstanceOf(Settlement.Paid.class);

            fixed[0] = true;
            long bond = 2 * rules.challengeBond();
            ChallengeView c = ledger.challenge(requester, id, bond);

            long slash = rules.slashOf(10_000);
            assertThat(c.status()).isEqualTo(ChallengeView.Status.UPHELD);
            assertThat(c.slashed()).isEqualTo(slash);
            assertThat(c.reward()).isEqualTo(bond);
            assertThat(ledger.job(id).orElseThrow().state()).isEqualTo(JobState.OVERTURNED);
            assertThat(ledger.node(node).orElseThrow().stake()).isEqualTo(10_000 - slash);
            assertThat(ledger.balanceOf(requester)).isEqualTo(1_000 - 100 + bond);
            assertThat(ledger.audit().check().slashedPool()).isEqualTo(slash - bond);
            assertThat(ledger.events(0, 100)).anySatisfy(e -> {
                assertThat(e.type()).isEqualTo(EventType.NODE_SLASHED);
                assertThat(e.fault()).isEqualTo(Fault.RESULT_OVERTURNED);
                assertThat(e.address()).isEqualTo(node);
            });
            assertThatThrownBy(() -> ledger.challenge(requester, id, bond)).isInstanceOfSatisfying(
                    LedgerException.class, e -> assertThat(e.fault()).isEqualTo(Fault.NOT_CHALLENGEABLE));
            assertThatThrownBy(() -> ledger.submitResult(id, node, EchoVerifier.proofOf(input), input))
                    .isInstanceOfSatisfying(LedgerException.class,
                            e -> assertThat(e.fault()).isEqualTo(Fault.DUPLICATE_SUBMISSION));
        }
    }
}
