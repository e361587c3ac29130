package io.edgeproof.ledger.embedded;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.InputDigest;
import io.edgeproof.ledger.JobInput;
import io.edgeproof.ledger.JobRequest;
import io.edgeproof.ledger.LedgerRules;
import io.edgeproof.ledger.NodeResources;
import io.edgeproof.ledger.ProofFixtures;
import io.edgeproof.ledger.ManualClock;
import java.nio.file.Path;
import java.util.Set;

/**
 * Runs jobs against a ledger file until it is killed: post, assign, settle, forever, printing "paid N" after
 * each committed payment. {@link EmbeddedLedgerCrashTest} kills it with SIGKILL and reopens the file.
 */
public final class CrashingLedgerProcess {
    static final long CHAIN_ID = 7;
    static final long PRICE = 3;

    private CrashingLedgerProcess() {}

    public static void main(String[] args) {
        ManualClock clock = new ManualClock(1_000);
        try (EmbeddedLedger ledger = EmbeddedLedger.open(Path.of(args[0]), CHAIN_ID, LedgerRules.standard(), clock,
                new EchoVerifier())) {
            Address requester = ProofFixtures.actor("requester");
            Address node = ProofFixtures.actor("node");
            ledger.mint(requester, 1_000_000);
            ledger.mint(node, 5_000);
            ledger.registerModel(requester, new byte[] {1});
            ledger.registerNode(node, 5_000, new NodeResources(1, 1, 0, 1, Set.of(EchoVerifier.MODEL)));
            for (int n = 1; ; n++) {
                int[] input = {n % 30_000};
                long id = ledger.postJob(requester, new JobRequest(EchoVerifier.MODEL,
                        new JobInput.Public(InputDigest.of(input)), PRICE, clock.now() + 100));
                ledger.assign(id, node);
                ledger.submitResult(id, node, EchoVerifier.proofOf(input), input);
                System.out.println("paid " + n);
                System.out.flush();
            }
        }
    }
}
