package io.edgeproof.network.sim;

import io.edgeproof.ledger.ModelId;
import io.edgeproof.ledger.ProofRejectedException;
import io.edgeproof.ledger.ProofVerifier;
import io.edgeproof.ledger.VerifiedResult;
import java.util.concurrent.atomic.LongAdder;

/** The ledger's verifier with a stopwatch: how many proofs it checked and the time spent, summed over threads. */
final class TimedVerifier implements ProofVerifier {
    private final ProofVerifier inner;
    private final LongAdder calls = new LongAdder();
    private final LongAdder nanos = new LongAdder();

    TimedVerifier(ProofVerifier inner) {
        this.inner = inner;
    }

    @Override
    public ModelId modelIdOf(byte[] verifierKey) {
        return inner.modelIdOf(verifierKey);
    }

    @Override
    public VerifiedResult verify(byte[] verifierKey, byte[] proof, byte[] context) throws ProofRejectedException {
        long t = System.nanoTime();
        try {
            return inner.verify(verifierKey, proof, context);
        } finally {
            nanos.add(System.nanoTime() - t);
            calls.increment();
        }
    }

    long calls() {
        return calls.sum();
    }

    double totalMillis() {
        return nanos.sum() / 1e6;
    }
}
