package io.edgeproof.ledger;

/** The seam between the rules and the proof system; the real adapter is {@code zkml.ZkmlProofVerifier}. */
public interface ProofVerifier {
    /** The model id a verifier key commits to; throws {@link LedgerException} (MALFORMED_VERIFIER_KEY). */
    ModelId modelIdOf(byte[] verifierKey);

    /** Verifies {@code proof} for the key's model under {@code context}, or throws with the fault. */
    VerifiedResult verify(byte[] verifierKey, byte[] proof, byte[] context) throws ProofRejectedException;
}
