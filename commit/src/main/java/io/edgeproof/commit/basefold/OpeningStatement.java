package io.edgeproof.commit.basefold;

import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import io.edgeproof.transcript.Transcript;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The validated statement of one opening (polynomial sizes and claims) and the transcript steps that
 * prover and verifier share, so their order cannot drift.
 *
 * <p>If every polynomial has the same size and is claimed at the same list of points, the opening is
 * <em>direct</em>: one folding sumcheck on sum_b (sum_i gamma_i f_i(b)) (sum_j beta_j eq(b, z_j)).
 * Otherwise a point-reduction sumcheck first turns all claims into claims at one common point (the
 * smaller polynomials at its last coordinates), and the folding sumcheck runs on that point.
 */
final class OpeningStatement {
    static final String OPEN = "basefold-open";
    static final String REDUCE_COEFFS = "basefold-reduce-coeffs";
    static final String REDUCE_ROUND = "basefold-reduce-round";
    static final String REDUCE_CHALLENGE = "basefold-reduce-challenge";
    static final String REDUCED_VALUES = "basefold-reduced-values";
    static final String BATCH_COEFFS = "basefold-batch-coeffs";
    static final String POINT_COEFFS = "basefold-point-coeffs";
    static final String ROUND = "basefold-round";
    static final String FOLD_CHALLENGE = "basefold-fold-challenge";
    static final String LAYER_ROOT = "basefold-layer-root";
    static final String FINAL = "basefold-final";
    static final String QUERIES = "basefold-queries";

    final int[] numVariables;
    final List<EvaluationClaim> claims;
    final int maxVariables;
    final boolean reduce;
    /** Direct mode: the shared points, in claim order of polynomial 0. */
    final List<long[]> points;
    final FoldingSchedule schedule;
    /** Per input polynomial: whether its codeword rows are extension elements (the hiding mask). */
    final boolean[] extensionInputs;
    /** Salt bytes per leaf of the input trees (0 for plain commitments). */
    final int inputSaltBytes;

    /**
     * A hiding opening: always direct, every polynomial of {@code numVariables} variables, weighted at the
     * shared {@code points}; the claims themselves are bound by the hiding prover and verifier.
     */
    private OpeningStatement(BasefoldParams params, int numVariables, List<long[]> points, boolean[] extensionInputs,
            int saltBytes) {
        this.numVariables = new int[extensionInputs.length];
        Arrays.fill(this.numVariables, numVariables);
        this.claims = List.of();
        this.maxVariables = numVariables;
        this.reduce = false;
        this.points = List.copyOf(points);
        this.schedule = FoldingSchedule.of(params, numVariables, numVariables);
        this.extensionInputs = extensionInputs.clone();
        this.inputSaltBytes = saltBytes;
    }

    static OpeningStatement hiding(BasefoldParams params, int numVariables, List<long[]> points,
            boolean[] extensionInputs, int saltBytes) {
        return new OpeningStatement(params, numVariables, points, extensionInputs, saltBytes);
    }

    OpeningStatement(BasefoldParams params, int[] numVariables, List<EvaluationClaim> claims) {
        if (numVariables.length == 0 || claims.isEmpty()) {
            throw new IllegalArgumentException("an opening needs at least one polynomial and one claim");
        }
        this.numVariables = numVariables.clone();
        this.claims = List.copyOf(claims);
        List<List<long[]>> perPoly = new ArrayList<>();
        for (int i = 0; i < numVariables.length; i++) {
            perPoly.add(new ArrayList<>());
        }
        for (EvaluationClaim c : claims) {
            if (c.polynomial() >= numVariables.length) {
                throw new IllegalArgumentException("claim on polynomial " + c.polynomial() + " of a batch of " + numVariables.length);
            }
            if (c.dimension() != numVariables[c.polynomial()]) {
                throw new IllegalArgumentException("claim point has " + c.dimension() + " coordinates, polynomial "
                        + c.polynomial() + " has " + numVariables[c.polynomial()] + " variables");
            }
            perPoly.get(c.polynomial()).add(c.pointView());
        }
        int max = 0;
        int min = Integer.MAX_VALUE;
        for (int i = 0; i < numVariables.length; i++) {
            if (perPoly.get(i).isEmpty()) {
                throw new IllegalArgumentException("polynomial " + i + " of the batch has no claim");
            }
            max = Math.max(max, numVariables[i]);
            min = Math.min(min, numVariables[i]);
        }
        boolean direct = true;
        for (int i = 1; i < numVariables.length && direct; i++) {
            direct = numVariables[i] == numVariables[0] && samePoints(perPoly.get(i), perPoly.get(0));
        }
        this.maxVariables = max;
        this.reduce = !direct;
        this.points = perPoly.get(0);
        this.schedule = FoldingSchedule.of(params, max, min);
        this.extensionInputs = new boolean[numVariables.length];
        this.inputSaltBytes = 0;
    }

    private static boolean samePoints(List<long[]> a, List<long[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int j = 0; j < a.size(); j++) {
            if (!Arrays.equals(a.get(j), b.get(j))) {
                return false;
            }
        }
        return true;
    }

    int polynomials() {
        return numVariables.length;
    }

    /** Variables bound before polynomial i joins the fold (it lives on the last coordinates). */
    int offset(int i) {
        return maxVariables - numVariables[i];
    }

    /** Absorbs the parameters, commitments and every claim (point and value) before any challenge. */
    void bind(Transcript t, BasefoldParams p, List<BasefoldCommitment> commitments) {
        t.bases(OPEN, new long[] {p.logBlowup(), p.foldingArityLog(), p.finalLogSize(), p.queries(), p.grindingBits(),
                numVariables.length, claims.size()});
        for (BasefoldCommitment c : commitments) {
            c.bindTo(t);
        }
        for (EvaluationClaim c : claims) {
            t.u64("basefold-claim-poly", c.polynomial()).exts("basefold-claim-point", c.pointView())
                    .ext("basefold-claim-value", c.value());
        }
    }

    /** Coefficients 1, c_2, ..., c_count with the c_i from the transcript (none drawn for count = 1). */
    static Ext3[] leadingOneCoefficients(Transcript t, String label, int count) {
        Ext3[] out = new Ext3[count];
        out[0] = Ext3.ONE;
        if (count > 1) {
            long[] drawn = t.challengeExts(label, count - 1);
            for (int i = 1; i < count; i++) {
                out[i] = Ext3.read(drawn, i - 1);
            }
        }
        return out;
    }

    /** Fully random coefficients, one per element. */
    static Ext3[] randomCoefficients(Transcript t, String label, int count) {
        long[] drawn = t.challengeExts(label, count);
        Ext3[] out = new Ext3[count];
        for (int i = 0; i < count; i++) {
            out[i] = Ext3.read(drawn, i);
        }
        return out;
    }

    /** prod_{k < count} (1 - r_k) for an interleaved point r. */
    static Ext3 zeroPrefixWeight(long[] r, int count) {
        Ext3 acc = Ext3.ONE;
        for (int k = 0; k < count; k++) {
            acc = acc.mul(Ext3.ONE.sub(Ext3.read(r, k)));
        }
        return acc;
    }

    /** Coordinates [from, to) of an interleaved point. */
    static long[] slice(long[] point, int from, int to) {
        return Arrays.copyOfRange(point, 3 * from, 3 * to);
    }

    /** sum_j coeffs_j eq(x, z_j) at one point x. */
    static Ext3 weightAt(List<long[]> points, Ext3[] coeffs, long[] x) {
        Ext3 acc = Ext3.ZERO;
        for (int j = 0; j < points.size(); j++) {
            acc = acc.add(coeffs[j].mul(Multilinear.eq(points.get(j), x)));
        }
        return acc;
    }
}
