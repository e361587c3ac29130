package io.edgeproof.commit.basefold;

import io.edgeproof.field.Ext3;
import io.edgeproof.transcript.Transcript;
import io.edgeproof.transcript.VerificationException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reduces claims on several polynomials at several points to one claim per polynomial at one common
 * point, by a sumcheck on
 * <pre>  sum_{b in {0,1}^n} sum_i E_i(b_1..b_{d_i}) f_i(b_{d_i+1}..b_n) W_i(b_{d_i+1}..b_n)</pre>
 * where n is the largest size, d_i = n - n_i, W_i = sum over i's claims c of alpha_c eq(., z_c), and
 * E_i(x) = prod_k (1 - x_k) selects b_1..b_{d_i} = 0, so the sum equals sum_c alpha_c v_c. After n rounds
 * with challenges r, the prover states y_i = f_i(r_{d_i+1}..r_n) and the verifier checks the last round
 * against sum_i E_i(r) y_i W_i(r_{d_i+1}..r_n). While a round binds one of b_1..b_{d_i}, polynomial i adds
 * the linear term e (1 - X) S_i with S_i its whole weighted sum, so small polynomials cost nothing there.
 */
final class PointReduction {
    /** The common point (n coordinates) and y_i per polynomial, interleaved; rounds are 3 values each. */
    record Result(long[] point, long[] values, long[] rounds) {}

    private PointReduction() {}

    static Result prove(OpeningStatement st, List<long[]> tables, Transcript t) {
        int n = st.maxVariables;
        int polys = st.polynomials();
        Ext3[] alpha = OpeningStatement.randomCoefficients(t, OpeningStatement.REDUCE_COEFFS, st.claims.size());
        EqSumcheckProver[] provers = new EqSumcheckProver[polys];
        Ext3[] total = new Ext3[polys];
        Ext3[] prefix = new Ext3[polys];
        for (int i = 0; i < polys; i++) {
            Ext3[] coeffs = coefficientsOf(st, i, alpha);
            provers[i] = new EqSumcheckProver(tables.get(i), true, pointsOf(st, i), coeffs);
            if (st.numVariables[i] == 0) {
                Ext3 sum = Ext3.ZERO;
                for (Ext3 c : coeffs) {
                    sum = sum.add(c);
                }
                total[i] = sum.mulBase(tables.get(i)[0]);
            } else {
                long[] h = provers[i].roundValues();
                total[i] = Ext3.read(h, 0).add(Ext3.read(h, 1));
            }
            prefix[i] = Ext3.ONE;
        }
        long[] rounds = new long[9 * n];
        long[] point = new long[3 * n];
        for (int j = 0; j < n; j++) {
            Ext3 h0 = Ext3.ZERO, h1 = Ext3.ZERO, h2 = Ext3.ZERO;
            for (int i = 0; i < polys; i++) {
                if (j < st.offset(i)) {
                    Ext3 s = prefix[i].mul(total[i]); // e (1 - X) S_i at X = 0, 1, 2
                    h0 = h0.add(s);
                    h2 = h2.sub(s);
                } else {
                    long[] h = provers[i].roundValues();
                    h0 = h0.add(prefix[i].mul(Ext3.read(h, 0)));
                    h1 = h1.add(prefix[i].mul(Ext3.read(h, 1)));
                    h2 = h2.add(prefix[i].mul(Ext3.read(h, 2)));
                }
            }
            h0.write(rounds, 3 * j);
            h1.write(rounds, 3 * j + 1);
            h2.write(rounds, 3 * j + 2);
            t.exts(OpeningStatement.REDUCE_ROUND, java.util.Arrays.copyOfRange(rounds, 9 * j, 9 * j + 9));
            Ext3 r = t.challengeExt(OpeningStatement.REDUCE_CHALLENGE);
            r.write(point, j);
            for (int i = 0; i < polys; i++) {
                if (j < st.offset(i)) {
                    prefix[i] = prefix[i].mul(Ext3.ONE.sub(r));
                } else {
                    provers[i].bind(r);
                }
            }
        }
        long[] values = new long[3 * polys];
        for (int i = 0; i < polys; i++) {
            long[] f = provers[i].table();
            Ext3 y = provers[i].isBase() ? Ext3.ofBase(f[0]) : Ext3.read(f, 0);
            y.write(values, i);
        }
        t.exts(OpeningStatement.REDUCED_VALUES, values);
        return new Result(point, values, rounds);
    }

    /** Replays the reduction; returns the common point and the (now bound) values y_i. */
    static Result verify(OpeningStatement st, long[] rounds, long[] values, Transcript t) throws VerificationException {
        int n = st.maxVariables;
        Ext3[] alpha = OpeningStatement.randomCoefficients(t, OpeningStatement.REDUCE_COEFFS, st.claims.size());
        Ext3 claim = Ext3.ZERO;
        for (int c = 0; c < alpha.length; c++) {
            claim = claim.add(alpha[c].mul(st.claims.get(c).value()));
        }
        long[] point = new long[3 * n];
        for (int j = 0; j < n; j++) {
            claim = RoundPolynomial.verifyRound(rounds, j, claim, t, OpeningStatement.REDUCE_ROUND,
                    OpeningStatement.REDUCE_CHALLENGE, "point-reduction", point);
        }
        t.exts(OpeningStatement.REDUCED_VALUES, values);
        Ext3 expected = Ext3.ZERO;
        for (int i = 0; i < st.polynomials(); i++) {
            int d = st.offset(i);
            long[] suffix = OpeningStatement.slice(point, d, n);
            Ext3 weight = OpeningStatement.weightAt(pointsOf(st, i), coefficientsOf(st, i, alpha), suffix);
            expected = expected.add(OpeningStatement.zeroPrefixWeight(point, d).mul(Ext3.read(values, i)).mul(weight));
        }
        if (!expected.equals(claim)) {
            throw new VerificationException(BasefoldReason.REDUCTION_MISMATCH,
                    "the reduced evaluations do not match the last point-reduction round");
        }
        return new Result(point, values, rounds);
    }

    private static List<long[]> pointsOf(OpeningStatement st, int i) {
        List<long[]> out = new ArrayList<>();
        for (EvaluationClaim c : st.claims) {
            if (c.polynomial() == i) {
                out.add(c.pointView());
            }
        }
        return out;
    }

    private static Ext3[] coefficientsOf(OpeningStatement st, int i, Ext3[] alpha) {
        List<Ext3> out = new ArrayList<>();
        for (int c = 0; c < st.claims.size(); c++) {
            if (st.claims.get(c).polynomial() == i) {
                out.add(alpha[c]);
            }
        }
        return out.toArray(new Ext3[0]);
    }
}
