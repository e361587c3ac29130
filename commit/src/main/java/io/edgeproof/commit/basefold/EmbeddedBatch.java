package io.edgeproof.commit.basefold;

import io.edgeproof.commit.poly.ExtMath;
import io.edgeproof.commit.poly.SplitEq;
import io.edgeproof.field.Ext3;
import io.edgeproof.field.Goldilocks.BranchFree;
import io.edgeproof.field.Parallel;
import java.util.List;

/**
 * The batched polynomial P(b) = sum_i gamma_i [b_1..b_{d_i} = 0] f_i(b >> d_i) of an opening, kept as its
 * base-field tables until the first folding round: its sums and its first fold are linear in the f_i, so
 * they run on base tables (three base products per element instead of an extension product) and the
 * extension table of 2^n entries is never built.
 */
final class EmbeddedBatch {
    private static final int PARALLEL_MIN = 1 << 12;

    private final List<long[]> tables;
    private final int[] shifts;
    private final Ext3[] gamma;
    private final int numVariables;

    EmbeddedBatch(List<long[]> tables, int[] shifts, Ext3[] gamma, int numVariables) {
        this.tables = tables;
        this.shifts = shifts.clone();
        this.gamma = gamma.clone();
        this.numVariables = numVariables;
    }

    int numVariables() {
        return numVariables;
    }

    /** P as an extension table of 2^n entries. */
    long[] materialise() {
        long[] out = new long[3 << numVariables];
        for (int i = 0; i < tables.size(); i++) {
            addScaled(out, tables.get(i), shifts[i], gamma[i]);
        }
        return out;
    }

    /** (sum_t P(0, t) E_j(t), sum_t P(1, t) E_j(t)) per eq table E_j over the last n - 1 variables. */
    long[] sums(SplitEq[] eqs) {
        long[] out = new long[6 * eqs.length];
        for (int i = 0; i < tables.size(); i++) {
            long[] f = tables.get(i);
            long[] part;
            if (shifts[i] == 0) {
                part = EqSumcheckProver.sums(f, true, eqs);
            } else {
                // f_i only lives at even positions 2t with t = k << (d_i - 1): it adds to q(0) alone
                part = new long[6 * eqs.length];
                int stride = shifts[i] - 1;
                long[] e = new long[3];
                for (int j = 0; j < eqs.length; j++) {
                    long a0 = 0, a1 = 0, a2 = 0;
                    for (int k = 0; k < f.length; k++) {
                        eqs[j].at(k << stride, e, 0);
                        a0 = BranchFree.add(a0, BranchFree.mul(f[k], e[0]));
                        a1 = BranchFree.add(a1, BranchFree.mul(f[k], e[1]));
                        a2 = BranchFree.add(a2, BranchFree.mul(f[k], e[2]));
                    }
                    part[6 * j] = a0;
                    part[6 * j + 1] = a1;
                    part[6 * j + 2] = a2;
                }
            }
            for (int v = 0; v < 2 * eqs.length; v++) {
                Ext3.read(out, v).add(gamma[i].mul(Ext3.read(part, v))).write(out, v);
            }
        }
        return out;
    }

    /** The extension table of P(r, x_2, ..., x_n). */
    long[] fold(Ext3 r) {
        int half = 1 << (numVariables - 1);
        long[] out = new long[3 * half];
        for (int i = 0; i < tables.size(); i++) {
            long[] f = tables.get(i);
            if (shifts[i] == 0) {
                foldInto(out, f, gamma[i], gamma[i].mul(r));
            } else {
                // entry k sits at even position k << d_i: it folds to (1 - r) f[k] at k << (d_i - 1)
                addScaled(out, f, shifts[i] - 1, gamma[i].mul(Ext3.ONE.sub(r)));
            }
        }
        return out;
    }

    /** out[t] += g f[2t] + gr (f[2t+1] - f[2t]), with g = gamma_i and gr = gamma_i r. */
    private static void foldInto(long[] out, long[] f, Ext3 g, Ext3 gr) {
        boolean unit = g.equals(Ext3.ONE);
        long g0 = g.c0(), g1 = g.c1(), g2 = g.c2();
        long s0 = gr.c0(), s1 = gr.c1(), s2 = gr.c2();
        Parallel.forRange(f.length >>> 1, PARALLEL_MIN, (from, to) -> {
            for (int t = from; t < to; t++) {
                long x = f[2 * t];
                long d = BranchFree.sub(f[2 * t + 1], x);
                int o = 3 * t;
                if (unit) {
                    out[o] = BranchFree.add(out[o], BranchFree.add(x, BranchFree.mul(d, s0)));
                    out[o + 1] = BranchFree.add(out[o + 1], BranchFree.mul(d, s1));
                    out[o + 2] = BranchFree.add(out[o + 2], BranchFree.mul(d, s2));
                } else {
                    out[o] = BranchFree.add(out[o], BranchFree.add(BranchFree.mul(x, g0), BranchFree.mul(d, s0)));
                    out[o + 1] = BranchFree.add(out[o + 1], BranchFree.add(BranchFree.mul(x, g1), BranchFree.mul(d, s1)));
                    out[o + 2] = BranchFree.add(out[o + 2], BranchFree.add(BranchFree.mul(x, g2), BranchFree.mul(d, s2)));
                }
            }
        });
    }

    /** out[k << shift] += s * base[k] for every k (out interleaved extension, base a base-field vector). */
    static void addScaled(long[] out, long[] base, int shift, Ext3 s) {
        long s0 = s.c0(), s1 = s.c1(), s2 = s.c2();
        Parallel.forRange(base.length, PARALLEL_MIN, (from, to) -> {
            for (int k = from; k < to; k++) {
                int e = 3 * (k << shift);
                long x = base[k];
                out[e] = BranchFree.add(out[e], BranchFree.mul(x, s0));
                out[e + 1] = BranchFree.add(out[e + 1], BranchFree.mul(x, s1));
                out[e + 2] = BranchFree.add(out[e + 2], BranchFree.mul(x, s2));
            }
        });
    }

    /** out += s * v for interleaved extension vectors. */
    static void addScaledExt(long[] out, long[] v, Ext3 s) {
        long s0 = s.c0(), s1 = s.c1(), s2 = s.c2();
        Parallel.forRange(v.length / 3, PARALLEL_MIN, (from, to) -> {
            for (int k = from; k < to; k++) {
                int e = 3 * k;
                long a0 = v[e], a1 = v[e + 1], a2 = v[e + 2];
                out[e] = BranchFree.add(out[e], ExtMath.mul0(a0, a1, a2, s0, s1, s2));
                out[e + 1] = BranchFree.add(out[e + 1], ExtMath.mul1(a0, a1, a2, s0, s1, s2));
                out[e + 2] = BranchFree.add(out[e + 2], ExtMath.mul2(a0, a1, a2, s0, s1, s2));
            }
        });
    }
}
