package io.edgeproof.ledger.embedded;

import io.edgeproof.ledger.ModelId;
import io.edgeproof.ledger.ProofRejectedException;
import io.edgeproof.ledger.ProofVerifier;
import io.edgeproof.ledger.VerifiedResult;
import java.nio.ByteBuffer;

/**
 * A stand-in verifier for storage tests only, where proving would dominate the run: a "proof" is the input
 * as big-endian ints, and it "verifies" to outputs equal to the input. Never used by the conformance suite.
 */
final class EchoVerifier implements ProofVerifier {
    static final ModelId MODEL = new ModelId(new byte[32]);

    @Override
    public ModelId modelIdOf(byte[] verifierKey) {
        return MODEL;
    }

    @Override
    public VerifiedResult verify(byte[] verifierKey, byte[] proof, byte[] context) throws ProofRejectedException {
        int[] input = new int[proof.length / 4];
        ByteBuffer.wrap(proof).asIntBuffer().get(input);
        return new VerifiedResult(MODEL, input, input);
    }

    static byte[] proofOf(int[] input) {
        ByteBuffer b = ByteBuffer.allocate(4 * input.length);
        b.asIntBuffer().put(input);
        return b.array();
    }
}
