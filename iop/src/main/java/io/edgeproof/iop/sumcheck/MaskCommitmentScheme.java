package io.edgeproof.iop.sumcheck;

import io.edgeproof.field.Ext3;
import io.edgeproof.transcript.VerificationException;

/**
 * How a zero-knowledge sumcheck commits to its {@link MaskPolynomial} and opens it at the final point.
 * The sumcheck only needs these three verbs; the real scheme (hiding, on the project's PCS) lives in the
 * commitment layer. A mask is a sum of univariates, so g(r) is the inner product of its n d + 1
 * coefficients with (1, r_1, ..., r_1^d, ..., r_n^d): a scheme can commit to the coefficient vector and open
 * that linear form.
 */
public interface MaskCommitmentScheme {
    /** Prover: a binding (and, for zero knowledge, hiding) commitment to the mask. */
    byte[] commit(MaskPolynomial mask);

    /** Prover: evidence that the committed mask takes {@code value} at {@code point}. */
    byte[] open(MaskPolynomial mask, long[] point, Ext3 value);

    /** Verifier: checks an opening; throws with the scheme's reason if it does not hold. */
    void verify(byte[] commitment, long[] point, Ext3 value, byte[] opening) throws VerificationException;
}
