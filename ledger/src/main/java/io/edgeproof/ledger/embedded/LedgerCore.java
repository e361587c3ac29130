package io.edgeproof.ledger.embedded;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.EventType;
import io.edgeproof.ledger.Fault;
import io.edgeproof.ledger.JobContext;
import io.edgeproof.ledger.JobState;
import io.edgeproof.ledger.LedgerException;
import io.edgeproof.ledger.LedgerRules;
import io.edgeproof.ledger.ModelId;
import io.edgeproof.ledger.ProofRejectedException;
import io.edgeproof.ledger.ProofVerifier;
import io.edgeproof.ledger.VerifiedResult;
import io.edgeproof.ledger.device.DeviceReading;
import io.edgeproof.ledger.device.SignedReading;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.Arrays;

/**
 * What the embedded ledger's parts share: the store, the rules, the one clock, the verifier, and the
 * small steps every rule uses (credit, slash, log an event, look up a node or job, check a proof). Every
 * method runs inside the caller's transaction.
 */
final class LedgerCore {
    final LedgerStore store;
    final LedgerRules rules;
    final long chainId;
    private final InstantSource clock;
    private final ProofVerifier verifier;

    LedgerCore(LedgerStore store, LedgerRules rules, long chainId, InstantSource clock, ProofVerifier verifier) {
        this.store = store;
        this.rules = rules;
        this.chainId = chainId;
        this.clock = clock;
        this.verifier = verifier;
    }

    ProofVerifier verifier() {
        return verifier;
    }

    long now() {
        return clock.instant().getEpochSecond();
    }

    NodeRow existingNode(Address node) throws SQLException {
        return store.node(node).orElseThrow(() -> new LedgerException(Fault.UNKNOWN_NODE, "node " + node));
    }

    JobRow existingJob(long id) throws SQLException {
        return store.job(id).orElseThrow(() -> new LedgerException(Fault.UNKNOWN_JOB, "job " + id));
    }

    void credit(Address a, long amount) throws SQLException {
        store.setBalance(a, Math.addExact(store.balance(a), amount));
    }

    /** Takes the slash share of the node's stake into the slashed pool; the caller writes the node back. */
    long slash(NodeRow n) throws SQLException {
        long slash = rules.slashOf(n.stake);
        n.stake -= slash;
        n.slashedTotal = Math.addExact(n.slashedTotal, slash);
        store.addTotal(Totals.SLASHED_POOL, slash);
        return slash;
    }

    void event(EventType type, long jobId, Address a, long amount, Fault fault, String detail) throws SQLException {
        store.appendEvent(now(), type, jobId, a, amount, fault, detail);
    }

    static void require(boolean ok, Fault fault, String detail) {
        if (!ok) {
            throw new LedgerException(fault, detail);
        }
    }

    /** Signature first, then sequence: a replayed reading is well signed but not fresh. Records the sequence. */
    void acceptReading(SignedReading signed) throws SQLException {
        DeviceReading r = signed.reading();
        LedgerStore.DeviceRow device = signedDevice(signed);
        require(r.sequence() > device.lastSequence(), Fault.REPLAYED_READING, "sequence " + r.sequence()
                + " <= last " + device.lastSequence() + " of " + r.deviceId());
        store.setDeviceSequence(r.deviceId(), r.sequence());
    }

    /** The registered device whose key signed the reading; UNKNOWN_DEVICE or BAD_DEVICE_SIGNATURE otherwise. */
    LedgerStore.DeviceRow signedDevice(SignedReading signed) throws SQLException {
        DeviceReading r = signed.reading();
        LedgerStore.DeviceRow device = store.device(r.deviceId())
                .orElseThrow(() -> new LedgerException(Fault.UNKNOWN_DEVICE, "device " + r.deviceId()));
        require(signed.isSignedBy(device.publicKey()), Fault.BAD_DEVICE_SIGNATURE,
                "reading #" + r.sequence() + " of " + r.deviceId());
        return device;
    }

    /** Inserts a POSTED job holding {@code price} in escrow (the caller has already taken it) and logs it. */
    long newJob(Address requester, ModelId model, byte[] inputDigest, long price, long deadline, String detail)
            throws SQLException {
        long id = store.total(Totals.NEXT_JOB_ID) + 1;
        store.putMeta(Totals.NEXT_JOB_ID, id);
        JobRow j = new JobRow(id, requester, model, inputDigest, price, now(), deadline);
        j.escrowHeld = price;
        j.state = JobState.POSTED;
        store.insertJob(j);
        event(EventType.JOB_POSTED, id, requester, price, null, detail + ", deadline " + deadline);
        return id;
    }

    /** A verified result that binds to the job, or the fault that stops it. */
    record Check(VerifiedResult result, Fault fault, String detail) {}

    /** Verifies under (chain, job, node), then the model, the input binding and the claimed outputs. */
    Check check(JobRow j, byte[] verifierKey, Address node, byte[] proof, int[] outputs) {
        VerifiedResult result;
        try {
            result = verifier.verify(verifierKey, proof, new JobContext(chainId, j.id, node).toBytes());
        } catch (ProofRejectedException e) {
            return new Check(null, e.fault(), e.getMessage());
        }
        if (!result.model().equals(j.model)) {
            return new Check(null, Fault.WRONG_MODEL, "proof for model " + result.model());
        }
        if (!MessageDigest.isEqual(result.inputDigest(), j.inputDigest)) {
            return new Check(null, Fault.WRONG_INPUT_BINDING, result.inputMismatch());
        }
        if (!Arrays.equals(result.outputs(), outputs)) {
            return new Check(null, Fault.OUTPUT_MISMATCH, "claimed outputs differ from the proven ones");
        }
        return new Check(result, null, null);
    }

    /** Keys of the meta table that hold running totals and counters. */
    static final class Totals {
        static final String CHAIN_ID = "chain_id";
        static final String MINTED = "minted";
        static final String ESCROW_POSTED = "escrow_posted";
        static final String PAID = "paid";
        static final String REFUNDED = "refunded";
        static final String SLASHED_POOL = "slashed_pool";
        static final String REWARD_POOL = "reward_pool";
        static final String NEXT_JOB_ID = "next_job_id";
        static final String NEXT_FEED_ID = "next_feed_id";

        private Totals() {}
    }
}
