package io.edgeproof.commit.basefold;

import io.edgeproof.field.Goldilocks;
import io.edgeproof.transcript.Hasher;
import io.edgeproof.transcript.Transcript;
import io.edgeproof.transcript.VerificationException;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies a zero-knowledge opening of hiding commitments against weighted claims: replays
 * {@link HidingBasefold#open} (shared steps in {@link HidingStatement}), then the ordinary folding checks on
 * the masked batch. Throws {@link VerificationException} with a {@link BasefoldReason}.
 */
public final class HidingBasefoldVerifier {
    private HidingBasefoldVerifier() {}

    public static void verify(BasefoldParams params, List<HidingCommitment> commitments, List<WeightedClaim> claims,
            HidingProof proof, Transcript transcript) throws VerificationException {
        HidingStatement st = new HidingStatement(params, commitments, claims);
        byte[] maskRoot = proof.maskRoot();
        long[] maskValues = proof.maskValues();
        if (maskRoot.length != Hasher.DIGEST_BYTES || maskValues.length != 3 * claims.size()) {
            throw new VerificationException(BasefoldReason.SHAPE_MISMATCH,
                    "expected a " + Hasher.DIGEST_BYTES + "-byte mask root and one mask value per claim");
        }
        for (long v : maskValues) {
            if (!Goldilocks.isCanonical(v)) {
                throw new VerificationException(BasefoldReason.SHAPE_MISMATCH, "non-canonical mask value");
            }
        }
        BasefoldVerifier.checkShape(params, st.opening, proof.opening());
        st.bind(transcript, params, commitments);
        HidingStatement.Coefficients k = st.bindMask(transcript, maskRoot, maskValues);
        List<BasefoldCommitment> inputs = new ArrayList<>();
        for (HidingCommitment c : commitments) {
            inputs.add(c.inner());
        }
        inputs.add(new BasefoldCommitment(maskRoot, st.committedVariables()));
        BasefoldVerifier.verifyFolding(params, st.opening, inputs, k.batch(), st.batchedClaim(k, maskValues),
                st.extendedPoints, st.pointCoefficients(k), proof.opening(), transcript);
    }
}
