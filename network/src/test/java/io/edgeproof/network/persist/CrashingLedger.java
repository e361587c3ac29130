package io.edgeproof.network.persist;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.JobRequest;
import io.edgeproof.ledger.JobView;
import io.edgeproof.ledger.Ledger;
import io.edgeproof.ledger.LedgerAudit;
import io.edgeproof.ledger.LedgerEvent;
import io.edgeproof.ledger.LedgerRules;
import io.edgeproof.ledger.ModelId;
import io.edgeproof.ledger.NodeResources;
import io.edgeproof.ledger.NodeView;
import io.edgeproof.ledger.Settlement;
import io.edgeproof.ledger.device.DeviceId;
import java.util.List;
import java.util.Optional;

/**
 * A ledger that lets one chosen operation commit and then "crashes" the caller (throws {@link Crash}, an
 * Error nobody catches): the process dies between the ledger's commit and the gateway's own record. With
 * the operation named "before:op" it dies before the ledger sees the call instead.
 */
final class CrashingLedger implements Ledger {
    /** The simulated kill -9. */
    static final class Crash extends Error {
        private static final long serialVersionUID = 1L;

        Crash(String op) {
            super("simulated crash after the ledger committed " + op);
        }
    }

    private final Ledger inner;
    private final String crashAfter;

    CrashingLedger(Ledger inner, String crashAfter) {
        this.inner = inner;
        this.crashAfter = crashAfter;
    }

    private <T> T maybeCrash(String op, T result) {
        if (op.equals(crashAfter)) {
            throw new Crash(op);
        }
        return result;
    }

    @Override
    public long chainId() {
        return inner.chainId();
    }

    @Override
    public LedgerRules rules() {
        return inner.rules();
    }

    @Override
    public void mint(Address to, long amount) {
        inner.mint(to, amount);
    }

    @Override
    public void registerNode(Address node, long stake, NodeResources resources) {
        inner.registerNode(node, stake, resources);
        maybeCrash("registerNode", null);
    }

    @Override
    public void heartbeat(Address node) {
        inner.heartbeat(node);
    }

    @Override
    public void unbond(Address node) {
        inner.unbond(node);
    }

    @Override
    public void withdrawStake(Address node) {
        inner.withdrawStake(node);
    }

    @Override
    public ModelId registerModel(Address owner, byte[] verifierKey) {
        return maybeCrash("registerModel", inner.registerModel(owner, verifierKey));
    }

    @Override
    public void registerDevice(Address owner, DeviceId device, byte[] publicKey) {
        inner.registerDevice(owner, device, publicKey);
        maybeCrash("registerDevice", null);
    }

    @Override
    public long postJob(Address requester, JobRequest request) {
        maybeCrash("before:postJob", null);
        return maybeCrash("postJob", inner.postJob(requester, request));
    }

    @Override
    public void assign(long jobId, Address node) {
        inner.assign(jobId, node);
        maybeCrash("assign", null);
    }

    @Override
    public Settlement submitResult(long jobId, Address node, byte[] proof, int[] outputs) {
        return maybeCrash("submitResult", inner.submitResult(jobId, node, proof, outputs));
    }

    @Override
    public List<LedgerEvent> tick() {
        return inner.tick();
    }

    @Override
    public long balanceOf(Address account) {
        return inner.balanceOf(account);
    }

    @Override
    public Optional<NodeView> node(Address node) {
        return inner.node(node);
    }

    @Override
    public Optional<JobView> job(long jobId) {
        return inner.job(jobId);
    }

    @Override
    public List<LedgerEvent> events(long afterSeq, int limit) {
        return inner.events(afterSeq, limit);
    }

    @Override
    public LedgerAudit audit() {
        return inner.audit();
    }

    @Override
    public void close() {
        inner.close();
    }
}
