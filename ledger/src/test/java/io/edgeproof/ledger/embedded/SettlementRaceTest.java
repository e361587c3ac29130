package io.edgeproof.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.Fault;
import io.edgeproof.ledger.InputDigest;
import io.edgeproof.ledger.JobInput;
import io.edgeproof.ledger.JobRequest;
import io.edgeproof.ledger.JobState;
import io.edgeproof.ledger.LedgerException;
import io.edgeproof.ledger.LedgerRules;
import io.edgeproof.ledger.ModelId;
import io.edgeproof.ledger.NodeResources;
import io.edgeproof.ledger.ProofFixtures;
import io.edgeproof.ledger.ProofRejectedException;
import io.edgeproof.ledger.ProofVerifier;
import io.edgeproof.ledger.ManualClock;
import io.edgeproof.ledger.VerifiedResult;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verification runs outside the store's lock; what changes meanwhile must win over a stale submission. */
class SettlementRaceTest {
    @TempDir
    Path dir;

    @Test
    void resultForAJobThatMovedOnDuringVerificationIsRejectedNotPaid() {
        ManualClock clock = new ManualClock(5_000);
        EmbeddedLedger[] holder = new EmbeddedLedger[1];
        EchoVerifier echo = new EchoVerifier();
        ProofVerifier slow = new ProofVerifier() {
            @Override
            public ModelId modelIdOf(byte[] verifierKey) {
                return echo.modelIdOf(verifierKey);
            }

            @Override
            public VerifiedResult verify(byte[] key, byte[] proof, byte[] context) throws ProofRejectedException {
                // While this proof is checked, time passes and the ledger faults the assignment.
                clock.advance(LedgerRules.standard().assignmentWindow() + 1);
                holder[0].tick();
                return echo.verify(key, proof, context);
            }
        };
        try (EmbeddedLedger ledger = EmbeddedLedger.open(dir.resolve("l.db"), 1, LedgerRules.standard(), clock, slow)) {
            holder[0] = ledger;
            Address requester = ProofFixtures.actor("requester");
            Address node = ProofFixtures.actor("node");
            ledger.mint(requester, 100);
            ledger.mint(node, 5_000);
            ledger.registerModel(requester, new byte[] {1});
            ledger.registerNode(node, 5_000, new NodeResources(1, 1, 0, 1, Set.of(EchoVerifier.MODEL)));
            int[] input = {42};
            long id = ledger.postJob(requester, new JobRequest(EchoVerifier.MODEL,
                    new JobInput.Public(InputDigest.of(input)), 10, clock.now() + 1_000));
            ledger.assign(id, node);

            assertThatThrownBy(() -> ledger.submitResult(id, node, EchoVerifier.proofOf(input), input))
                    .isInstanceOfSatisfying(LedgerException.class,
                            e -> assertThat(e.fault()).isEqualTo(Fault.NOT_ASSIGNED_NODE));
            assertThat(ledger.job(id).orElseThrow().state()).isEqualTo(JobState.FAULTED);
            assertThat(ledger.job(id).orElseThrow().lastFault()).isEqualTo(Fault.DEADLINE_MISSED);
            assertThat(ledger.balanceOf(node)).isZero();
            assertThat(ledger.audit().check().paid()).isZero();
        }
    }
}
