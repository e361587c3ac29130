package io.edgeproof.commit.basefold;

import io.edgeproof.field.Ext3;
import io.edgeproof.transcript.Transcript;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The validated statement of a hiding opening and the transcript steps its prover and verifier share.
 *
 * <p>Order: bind parameters, commitments and claims; the prover sends the mask G's salted root and its
 * weighted values u_c; then the batching coefficients gamma_i (leading 1) of the f'_i, the mask
 * coefficient gamma_G and the claim coefficients rho_c (leading 1) are drawn. The folding sumcheck runs on
 * sum_b (sum_i gamma_i f'_i(b) + gamma_G G(b)) W'(b) with W' = sum_c rho_c sum_j w_cj eq(., (z_cj, 0^e)),
 * whose value is sum_c rho_c (sum_i gamma_i v_ic + gamma_G u_c).
 */
final class HidingStatement {
    static final String OPEN = "basefold-hiding-open";
    static final String MASK_ROOT = "basefold-hiding-mask-root";
    static final String MASK_VALUES = "basefold-hiding-mask-values";
    static final String BATCH_COEFFS = "basefold-hiding-batch-coeffs";
    static final String MASK_COEFF = "basefold-hiding-mask-coeff";
    static final String CLAIM_COEFFS = "basefold-hiding-claim-coeffs";

    final int numVariables;
    final int extraVariables;
    final int polynomials;
    final List<WeightedClaim> claims;
    /** The claims' points extended by e zero coordinates, in claim then point order. */
    final List<long[]> extendedPoints;
    /** The direct opening of f'_1..f'_m and the mask G (the last input, an extension codeword). */
    final OpeningStatement opening;

    HidingStatement(BasefoldParams params, List<HidingCommitment> commitments, List<WeightedClaim> claims) {
        if (commitments.isEmpty() || claims.isEmpty()) {
            throw new IllegalArgumentException("a hiding opening needs at least one commitment and one claim");
        }
        HidingCommitment first = commitments.get(0);
        for (HidingCommitment c : commitments) {
            if (c.numVariables() != first.numVariables() || c.extraVariables() != first.extraVariables()) {
                throw new IllegalArgumentException("a hiding batch needs commitments of one size (pad smaller tables)");
            }
        }
        this.numVariables = first.numVariables();
        this.extraVariables = first.extraVariables();
        this.polynomials = commitments.size();
        this.claims = List.copyOf(claims);
        List<long[]> points = new ArrayList<>();
        for (WeightedClaim c : claims) {
            if (c.dimension() != numVariables || c.values().length != polynomials) {
                throw new IllegalArgumentException("a claim needs points of " + numVariables
                        + " coordinates and one value per polynomial of the batch (" + polynomials + ")");
            }
            for (long[] z : c.pointsView()) {
                points.add(Arrays.copyOf(z, 3 * (numVariables + extraVariables)));
            }
        }
        this.extendedPoints = List.copyOf(points);
        boolean[] extension = new boolean[polynomials + 1];
        extension[polynomials] = true;
        this.opening = OpeningStatement.hiding(params, numVariables + extraVariables, extendedPoints, extension,
                HidingBasefold.SALT_BYTES);
    }

    int committedVariables() {
        return numVariables + extraVariables;
    }

    void bind(Transcript t, BasefoldParams p, List<HidingCommitment> commitments) {
        t.bases(OPEN, new long[] {p.logBlowup(), p.foldingArityLog(), p.finalLogSize(), p.queries(), p.grindingBits(),
                polynomials, claims.size(), numVariables, extraVariables, HidingBasefold.SALT_BYTES});
        for (HidingCommitment c : commitments) {
            c.bindTo(t);
        }
        for (WeightedClaim c : claims) {
            t.u64("basefold-hiding-claim-points", c.pointsView().size());
            for (long[] z : c.pointsView()) {
                t.exts("basefold-hiding-claim-point", z);
            }
            t.exts("basefold-hiding-claim-weights", interleave(c.weights()));
            t.exts("basefold-hiding-claim-values", interleave(c.values()));
        }
    }

    /** The coefficients drawn after the mask is bound: gamma_1..gamma_m, gamma_G and rho_1..rho_C. */
    record Coefficients(Ext3[] batch, Ext3[] claims) {}

    Coefficients bindMask(Transcript t, byte[] maskRoot, long[] maskValues) {
        t.bytes(MASK_ROOT, maskRoot);
        t.exts(MASK_VALUES, maskValues);
        Ext3[] gamma = OpeningStatement.leadingOneCoefficients(t, BATCH_COEFFS, polynomials);
        Ext3[] batch = Arrays.copyOf(gamma, polynomials + 1);
        batch[polynomials] = t.challengeExt(MASK_COEFF);
        return new Coefficients(batch, OpeningStatement.leadingOneCoefficients(t, CLAIM_COEFFS, claims.size()));
    }

    /** rho_c w_cj, in the order of {@link #extendedPoints}. */
    Ext3[] pointCoefficients(Coefficients k) {
        Ext3[] out = new Ext3[extendedPoints.size()];
        int at = 0;
        for (int c = 0; c < claims.size(); c++) {
            WeightedClaim claim = claims.get(c);
            for (int j = 0; j < claim.pointsView().size(); j++) {
                out[at++] = k.claims()[c].mul(claim.weight(j));
            }
        }
        return out;
    }

    /** sum_c rho_c (sum_i gamma_i v_ic + gamma_G u_c): the value of the folding sumcheck. */
    Ext3 batchedClaim(Coefficients k, long[] maskValues) {
        Ext3 total = Ext3.ZERO;
        for (int c = 0; c < claims.size(); c++) {
            Ext3 inner = k.batch()[polynomials].mul(Ext3.read(maskValues, c));
            for (int i = 0; i < polynomials; i++) {
                inner = inner.add(k.batch()[i].mul(claims.get(c).value(i)));
            }
            total = total.add(k.claims()[c].mul(inner));
        }
        return total;
    }

    private static long[] interleave(Ext3[] values) {
        long[] out = new long[3 * values.length];
        for (int i = 0; i < values.length; i++) {
            values[i].write(out, i);
        }
        return out;
    }
}
