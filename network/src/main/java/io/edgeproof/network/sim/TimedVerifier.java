package io.edgeproof.network.sim;

import io.edgeproof.ledger.ModelId;
import io.edgeproof.ledger.ProofRejectedException;
import io.edgeproof.ledger.ProofVerifier;
import io.edgeproof.ledger.VerifiedResult;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The ledger's verifier with a stopwatch: how many proofs it checked and the CPU time of the verifying
 * threads (not wall time, which on a busy machine also counts the time other threads held the core).
 */
final class TimedVerifier implements ProofVerifier {
    private final ProofVerifier inner;
    private final LongAdder calls = new LongAdder();
    private final LongAdder nanos = new LongAdder();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    TimedVerifier(ProofVerifier inner) {
        this.inner = inner;
    }

    @Override
    public ModelId modelIdOf(byte[] verifierKey) {
        return inner.modelIdOf(verifierKey);
    }

    @Override
    public VerifiedResult verify(byte[] verifierKey, byte[] proof, byte[] context) throws ProofRejectedException {
        long t = threads.getCurrentThreadCpuTime();
        try {
            return inner.verify(verifierKey, proof, context);
        } finally {
            nanos.add(threads.getCurrentThreadCpuTime() - t);
            calls.increment();
        }
    }

    long calls() {
        return calls.sum();
    }

    /** CPU milliseconds spent verifying, summed over threads. */
    double totalMillis() {
        return nanos.sum() / 1e6;
    }
}
