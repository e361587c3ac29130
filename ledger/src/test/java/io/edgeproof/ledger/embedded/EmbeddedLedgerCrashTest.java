package io.edgeproof.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.JobState;
import io.edgeproof.ledger.LedgerAudit;
import io.edgeproof.ledger.LedgerRules;
import io.edgeproof.ledger.ProofFixtures;
import io.edgeproof.ledger.ManualClock;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Storage guarantees of the embedded ledger: SIGKILL mid-run, one process per file, fixed rules. */
class EmbeddedLedgerCrashTest {
    @TempDir
    Path dir;

    @Test
    void killedMidRunTheLedgerReopensWithEveryCommittedPaymentAndNoHalfWrittenOne() throws Exception {
        Path file = dir.resolve("ledger.db");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "--enable-native-access=ALL-UNNAMED",
                CrashingLedgerProcess.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long lastPaid = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while (lastPaid < 40 && (line = out.readLine()) != null) {
                lastPaid = Long.parseLong(line.substring("paid ".length()));
            }
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close, mid-transaction
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(lastPaid).isEqualTo(40);

        try (EmbeddedLedger ledger = EmbeddedLedger.open(file, CrashingLedgerProcess.CHAIN_ID, LedgerRules.standard(),
                new ManualClock(1_000), new EchoVerifier())) {
            LedgerAudit a = ledger.audit().check();
            long paidJobs = a.paid() / CrashingLedgerProcess.PRICE;
            assertThat(paidJobs).isGreaterThanOrEqualTo(lastPaid);
            Address node = ProofFixtures.actor("node");
            assertThat(ledger.balanceOf(node)).isEqualTo(a.paid());
            for (long id = 1; id <= paidJobs; id++) {
                assertThat(ledger.job(id).orElseThrow().state()).isEqualTo(JobState.PAID);
            }
            // At most one job was caught between posting and payment; its escrow is still held, not lost.
            assertThat(a.escrowHeld()).isIn(0L, CrashingLedgerProcess.PRICE);
        }
    }

    @Test
    void aSecondProcessCannotOpenALedgerInUse() {
        Path file = dir.resolve("ledger.db");
        try (EmbeddedLedger first = EmbeddedLedger.open(file, 1, LedgerRules.standard(), new ManualClock(0),
                new EchoVerifier())) {
            first.mint(ProofFixtures.actor("a"), 1);
            assertThatThrownBy(() -> EmbeddedLedger.open(file, 1, LedgerRules.standard(), new ManualClock(0),
                    new EchoVerifier())).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void refusesToReopenUnderOtherRulesOrAnotherChain() {
        Path file = dir.resolve("ledger.db");
        EmbeddedLedger.open(file, 1, LedgerRules.standard(), new ManualClock(0), new EchoVerifier()).close();
        LedgerRules harsher = LedgerRules.standard().withSlashBasisPoints(5_000);
        assertThatThrownBy(() -> EmbeddedLedger.open(file, 1, harsher, new ManualClock(0), new EchoVerifier()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("rule_slash_bps");
        assertThatThrownBy(() -> EmbeddedLedger.open(file, 2, LedgerRules.standard(), new ManualClock(0),
                new EchoVerifier())).isInstanceOf(IllegalStateException.class).hasMessageContaining("chain_id");
    }
}
