package io.edgeproof.ledger.zkml;

import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.ledger.Fault;
import io.edgeproof.ledger.LedgerException;
import io.edgeproof.ledger.ModelId;
import io.edgeproof.ledger.ProofRejectedException;
import io.edgeproof.ledger.ProofVerifier;
import io.edgeproof.ledger.VerifiedResult;
import io.edgeproof.transcript.VerificationException;
import io.edgeproof.zkml.proof.VerifiedInference;
import io.edgeproof.zkml.proof.VerifierKey;
import io.edgeproof.zkml.proof.ZkmlReason;
import io.edgeproof.zkml.proof.ZkmlVerifier;
import io.edgeproof.zkml.zk.VerifiedZkInference;
import io.edgeproof.zkml.zk.ZkProof;
import io.edgeproof.zkml.zk.ZkReason;
import io.edgeproof.zkml.zk.ZkVerifier;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies with the Java zkml verifiers; decoded keys are cached by the bytes they came from. A proof on a
 * public input goes to {@link ZkmlVerifier}; a zero-knowledge proof on a hidden input ({@link ZkProof#matches})
 * to {@link ZkVerifier} with the same public-mode key, and the result names the input commitment the proof
 * is about, which the ledger compares (by {@link io.edgeproof.ledger.InputDigest#ofCommitment}) with the
 * commitment the device signed.
 */
public final class ZkmlProofVerifier implements ProofVerifier {
    private final ConcurrentHashMap<KeyBytes, VerifierKey> keys = new ConcurrentHashMap<>();

    @Override
    public ModelId modelIdOf(byte[] verifierKey) {
        return new ModelId(decode(verifierKey).modelId());
    }

    @Override
    public VerifiedResult verify(byte[] verifierKey, byte[] proof, byte[] context) throws ProofRejectedException {
        VerifierKey key = decode(verifierKey);
        try {
            if (ZkProof.matches(proof)) {
                return hidden(key, proof, context);
            }
            VerifiedInference v = ZkmlVerifier.verify(key, proof, context);
            return new VerifiedResult(new ModelId(key.modelId()), v.input(), v.outputs());
        } catch (VerificationException e) {
            boolean wrongModel = e.reason() == ZkmlReason.WRONG_MODEL || e.reason() == ZkReason.WRONG_MODEL;
            throw new ProofRejectedException(wrongModel ? Fault.WRONG_MODEL : Fault.INVALID_PROOF, e.getMessage());
        } catch (MalformedProofException e) {
            throw new ProofRejectedException(Fault.MALFORMED_PROOF, e.getMessage());
        } catch (RuntimeException e) {
            // Bytes that make the verifier fail in an unplanned way are no proof either.
            throw new ProofRejectedException(Fault.MALFORMED_PROOF, "the verifier could not read the proof: " + e);
        }
    }

    /** A zero-knowledge proof with public weights: it must be about a hidden input (a public one has no commitment). */
    private static VerifiedResult hidden(VerifierKey key, byte[] proof, byte[] context)
            throws VerificationException, MalformedProofException, ProofRejectedException {
        VerifiedZkInference v = ZkVerifier.verify(key, proof, context);
        if (!v.inputHidden()) {
            throw new ProofRejectedException(Fault.WRONG_INPUT_BINDING, "a zero-knowledge proof on a public input:"
                    + " public inputs are proved in the clear");
        }
        return VerifiedResult.hidden(new ModelId(key.modelId()), v.inputCommitment().toBytes(), v.outputs());
    }

    private VerifierKey decode(byte[] bytes) {
        KeyBytes k = new KeyBytes(bytes.clone());
        VerifierKey cached = keys.get(k);
        if (cached != null) {
            return cached;
        }
        try {
            VerifierKey key = VerifierKey.fromBytes(k.bytes);
            keys.putIfAbsent(k, key);
            return key;
        } catch (MalformedProofException | RuntimeException e) {
            throw new LedgerException(Fault.MALFORMED_VERIFIER_KEY, e.getMessage());
        }
    }

    private record KeyBytes(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof KeyBytes b && Arrays.equals(bytes, b.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }
}
