package io.edgeproof.commit.basefold;

import io.edgeproof.commit.merkle.MerkleMultiProof;
import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import io.edgeproof.field.Goldilocks;
import io.edgeproof.transcript.Hasher;
import io.edgeproof.transcript.Transcript;
import io.edgeproof.transcript.VerificationException;
import java.util.List;

/**
 * Verifies a Basefold opening against trusted commitments and the caller's claims. Returns normally only
 * if every check passes; checks the proof's shape before any arithmetic; replays the transcript exactly as
 * {@link BasefoldProver} drives it.
 */
public final class BasefoldVerifier {
    private BasefoldVerifier() {}

    /** One polynomial, claims with polynomial index 0. */
    public static void verify(BasefoldParams params, BasefoldCommitment commitment, List<EvaluationClaim> claims,
            BasefoldProof proof, Transcript transcript) throws VerificationException {
        verify(params, List.of(commitment), claims, proof, transcript);
    }

    public static void verify(BasefoldParams params, List<BasefoldCommitment> commitments, List<EvaluationClaim> claims,
            BasefoldProof proof, Transcript transcript) throws VerificationException {
        int[] nv = new int[commitments.size()];
        for (int i = 0; i < nv.length; i++) {
            nv[i] = commitments.get(i).numVariables();
        }
        OpeningStatement st = new OpeningStatement(params, nv, claims);
        FoldingSchedule sch = st.schedule;
        checkShape(params, st, proof);
        st.bind(transcript, params, commitments);

        int count = nv.length;
        PointReduction.Result red = st.reduce
                ? PointReduction.verify(st, proof.reductionRounds(), proof.reducedValues(), transcript) : null;
        Ext3[] gamma = OpeningStatement.leadingOneCoefficients(transcript, OpeningStatement.BATCH_COEFFS, count);
        Ext3 claim = Ext3.ZERO;
        List<long[]> points;
        Ext3[] pointCoeffs;
        if (red != null) {
            for (int i = 0; i < count; i++) {
                Ext3 e = OpeningStatement.zeroPrefixWeight(red.point(), st.offset(i));
                claim = claim.add(gamma[i].mul(e).mul(Ext3.read(red.values(), i)));
            }
            points = List.of(red.point());
            pointCoeffs = new Ext3[] {Ext3.ONE};
        } else {
            pointCoeffs = OpeningStatement.leadingOneCoefficients(transcript, OpeningStatement.POINT_COEFFS, st.points.size());
            points = st.points;
            int[] seen = new int[count];
            for (EvaluationClaim c : claims) {
                int j = seen[c.polynomial()]++;
                claim = claim.add(pointCoeffs[j].mul(gamma[c.polynomial()]).mul(c.value()));
            }
        }
        verifyFolding(params, st, commitments, gamma, claim, points, pointCoeffs, proof, transcript);
    }

    /**
     * The folding sumcheck for sum_b P(b) W(b) = claim, P = sum_i gamma_i E_i f_i and
     * W = sum_j pointCoeffs_j eq(., points_j), then the final polynomial, grinding and the query phase.
     * Shared by the plain and the hiding opening; the proof's shape was checked by the caller.
     */
    static void verifyFolding(BasefoldParams params, OpeningStatement st, List<BasefoldCommitment> commitments,
            Ext3[] gamma, Ext3 claim, List<long[]> points, Ext3[] pointCoeffs, BasefoldProof proof,
            Transcript transcript) throws VerificationException {
        FoldingSchedule sch = st.schedule;
        int count = st.polynomials();
        int rounds = sch.rounds();
        long[] challenges = new long[3 * rounds];
        int rootsSeen = 0;
        for (int j = 0; j < rounds; j++) {
            claim = RoundPolynomial.verifyRound(proof.foldRounds(), j, claim, transcript, OpeningStatement.ROUND,
                    OpeningStatement.FOLD_CHALLENGE, "folding", challenges);
            if (rootsSeen < sch.committedLayers() && sch.layerVariables(rootsSeen + 1) == sch.numVariables() - j - 1) {
                transcript.bytes(OpeningStatement.LAYER_ROOT, proof.layerRoots().get(rootsSeen++));
            }
        }
        transcript.exts(OpeningStatement.FINAL, proof.finalPolynomial());
        checkFinalSum(proof.finalPolynomial(), points, pointCoeffs, challenges, rounds, claim);
        try {
            transcript.verifyWork(params.grindingBits(), proof.powNonce());
        } catch (VerificationException e) {
            throw new VerificationException(BasefoldReason.INSUFFICIENT_WORK, e.getMessage());
        }
        int[] queries = transcript.challengeIndices(OpeningStatement.QUERIES, params.queries(), 1 << sch.queryLogBound());
        Ext3[] scales = new Ext3[count];
        for (int i = 0; i < count; i++) {
            scales[i] = gamma[i].mul(OpeningStatement.zeroPrefixWeight(challenges, st.offset(i)));
        }
        Ext3[] foldChallenges = new Ext3[rounds];
        for (int j = 0; j < rounds; j++) {
            foldChallenges[j] = Ext3.read(challenges, j);
        }
        QueryPhase.verify(params, st, commitments, scales, foldChallenges, proof, queries);
    }

    /** sum_b G(b) W(r, b) = claim, with G the final polynomial's hypercube values. */
    private static void checkFinalSum(long[] finalCoefficients, List<long[]> points, Ext3[] coeffs, long[] challenges,
            int rounds, Ext3 claim) throws VerificationException {
        long[] values = finalCoefficients.clone();
        Encoding.zetaExt(values);
        Ext3 total = Ext3.ZERO;
        for (int j = 0; j < points.size(); j++) {
            long[] z = points.get(j);
            int n = z.length / 3;
            Ext3 head = coeffs[j].mul(Multilinear.eq(OpeningStatement.slice(z, 0, rounds), challenges));
            long[] tail = Multilinear.eqTable(OpeningStatement.slice(z, rounds, n));
            long[] w = new long[3];
            for (int b = 0; b < values.length / 3; b++) {
                io.edgeproof.field.Ext3Vec.mul(values, b, tail, b, w, 0);
                total = total.add(head.mul(Ext3.read(w, 0)));
            }
        }
        if (!total.equals(claim)) {
            throw new VerificationException(BasefoldReason.EVALUATION_MISMATCH,
                    "the final polynomial does not give the value the folding sumcheck ended with");
        }
    }

    static void checkShape(BasefoldParams p, OpeningStatement st, BasefoldProof proof) throws VerificationException {
        FoldingSchedule sch = st.schedule;
        int n = st.maxVariables;
        expectLength("point-reduction rounds", proof.reductionRounds(), st.reduce ? 9 * n : 0);
        expectLength("reduced values", proof.reducedValues(), st.reduce ? 3 * st.polynomials() : 0);
        expectLength("folding rounds", proof.foldRounds(), 9 * sch.rounds());
        expectLength("final polynomial", proof.finalPolynomial(), 3 << sch.finalVariables());
        if (proof.layerRoots().size() != sch.committedLayers() || proof.layerOpenings().size() != sch.committedLayers()) {
            throw shape("expected " + sch.committedLayers() + " committed layers");
        }
        for (byte[] root : proof.layerRoots()) {
            if (root == null || root.length != Hasher.DIGEST_BYTES) {
                throw shape("layer root of the wrong length");
            }
        }
        if (proof.inputOpenings().size() != st.polynomials()) {
            throw shape("expected one opening per committed polynomial");
        }
        for (MerkleMultiProof o : proof.inputOpenings()) {
            requireCanonical("opened row", o.rows());
        }
        for (MerkleMultiProof o : proof.layerOpenings()) {
            requireCanonical("opened row", o.rows());
        }
    }

    private static void expectLength(String what, long[] values, int expected) throws VerificationException {
        if (values == null || values.length != expected) {
            throw shape(what + ": expected " + expected + " words, got " + (values == null ? "none" : values.length));
        }
        requireCanonical(what, values);
    }

    private static void requireCanonical(String what, long[] values) throws VerificationException {
        for (long v : values) {
            if (!Goldilocks.isCanonical(v)) {
                throw shape(what + " holds a non-canonical field element");
            }
        }
    }

    private static VerificationException shape(String detail) {
        return new VerificationException(BasefoldReason.SHAPE_MISMATCH, detail);
    }
}
