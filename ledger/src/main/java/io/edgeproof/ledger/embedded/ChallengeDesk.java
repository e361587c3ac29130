package io.edgeproof.ledger.embedded;

import static io.edgeproof.ledger.embedded.LedgerCore.require;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.ChallengeView;
import io.edgeproof.ledger.EventType;
import io.edgeproof.ledger.Fault;
import io.edgeproof.ledger.JobState;
import io.edgeproof.ledger.LedgerException;
import io.edgeproof.ledger.embedded.LedgerCore.Totals;
import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Challenges on the embedded ledger. This ledger verified every paid proof itself, so it needs no arbiter:
 * a challenge re-runs the same checks on the stored proof at once. With the same verifier that is the same
 * verdict, so a challenge of a result this ledger paid loses its bond; it can only be upheld if the verifier
 * now rejects what it once accepted (a verifier fix after a soundness bug), and then the prover is slashed
 * as if the arbiter had ruled. There are no attesters here to slash.
 */
final class ChallengeDesk {
    private final LedgerCore core;

    ChallengeDesk(LedgerCore core) {
        this.core = core;
    }

    /** Keeps what a challenge re-verifies: the proof and claimed outputs of a job just paid. */
    void recordPaid(JobRow j, Address node, byte[] proof, int[] outputs) throws SQLException {
        ByteBuffer b = ByteBuffer.allocate(4 * outputs.length);
        b.asIntBuffer().put(outputs);
        core.store.update("INSERT INTO paid_results (job_id, node, proof, outputs, paid_at) VALUES (?, ?, ?, ?, ?)",
                j.id, node.bytes(), proof, b.array(), core.now());
    }

    private record PaidResult(Address node, byte[] proof, int[] outputs, long paidAt) {}

    ChallengeView challenge(Address challenger, long jobId, long bond) throws SQLException {
        long now = core.now();
        JobRow j = core.existingJob(jobId);
        require(j.state == JobState.PAID, Fault.NOT_CHALLENGEABLE, "job " + jobId + " is " + j.state);
        PaidResult paid = paidResult(jobId);
        require(now <= paid.paidAt + core.rules.challengeWindow(), Fault.CHALLENGE_WINDOW_CLOSED,
                "paid at " + paid.paidAt + ", window " + core.rules.challengeWindow() + " s");
        require(view(jobId).isEmpty(), Fault.ALREADY_CHALLENGED, "job " + jobId);
        require(bond >= core.rules.challengeBond(), Fault.BOND_TOO_SMALL, bond + " < " + core.rules.challengeBond());
        long balance = core.store.balance(challenger);
        require(balance >= bond, Fault.INSUFFICIENT_BALANCE, "balance " + balance + " < bond " + bond);
        core.store.setBalance(challenger, balance - bond);
        core.event(EventType.CHALLENGE_OPENED, jobId, challenger, bond, null, "re-verifying the stored proof");

        byte[] key = core.store.verifierKey(j.model).orElseThrow();
        LedgerCore.Check check = core.check(j, key, paid.node, paid.proof, paid.outputs);
        ChallengeView outcome;
        if (check.fault() == null) {
            core.store.addTotal(Totals.SLASHED_POOL, bond);
            core.event(EventType.CHALLENGE_REJECTED, jobId, challenger, bond, null,
                    "the stored proof still verifies: the bond goes to the slashed pool");
            outcome = new ChallengeView(jobId, challenger, bond, ChallengeView.Status.REJECTED, now, 0, 0);
        } else {
            NodeRow n = core.existingNode(paid.node);
            long slashed = core.slash(n);
            n.reputation = Math.max(0, n.reputation - EmbeddedLedger.REPUTATION_PENALTY);
            core.store.updateNode(n);
            long reward = Math.min(bond, slashed);
            core.store.addTotal(Totals.SLASHED_POOL, -reward);
            core.credit(challenger, bond + reward);
            j.state = JobState.OVERTURNED;
            core.store.updateJob(j);
            core.event(EventType.NODE_SLASHED, jobId, n.address, slashed, Fault.RESULT_OVERTURNED, check.detail());
            core.event(EventType.CHALLENGE_UPHELD, jobId, challenger, reward, check.fault(),
                    "bond returned with a reward from the slash");
            outcome = new ChallengeView(jobId, challenger, bond, ChallengeView.Status.UPHELD, now, slashed, reward);
        }
        core.store.update("INSERT INTO challenges (job_id, challenger, bond, status, opened_at, slashed, reward)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", jobId, challenger.bytes(), bond, outcome.status().name(), now,
                outcome.slashed(), outcome.reward());
        return outcome;
    }

    /** Every challenge here is decided when it is filed, so none ever waits for an arbiter. */
    ChallengeView resolve(long jobId) throws SQLException {
        core.existingJob(jobId);
        throw new LedgerException(Fault.NO_OPEN_CHALLENGE, "job " + jobId
                + ": the embedded ledger decides a challenge when it is filed");
    }

    Optional<ChallengeView> view(long jobId) throws SQLException {
        return core.store.queryOne("SELECT challenger, bond, status, opened_at, slashed, reward FROM challenges"
                + " WHERE job_id = ?", r -> new ChallengeView(jobId, new Address(r.getBytes(1)), r.getLong(2),
                ChallengeView.Status.valueOf(r.getString(3)), r.getLong(4), r.getLong(5), r.getLong(6)), jobId);
    }

    private PaidResult paidResult(long jobId) throws SQLException {
        return core.store.queryOne("SELECT node, proof, outputs, paid_at FROM paid_results WHERE job_id = ?", r -> {
            int[] outputs = new int[r.getBytes(3).length / 4];
            ByteBuffer.wrap(r.getBytes(3)).asIntBuffer().get(outputs);
            return new PaidResult(new Address(r.getBytes(1)), r.getBytes(2), outputs, r.getLong(4));
        }, jobId).orElseThrow(() -> new IllegalStateException("paid job " + jobId + " has no stored result"));
    }
}
