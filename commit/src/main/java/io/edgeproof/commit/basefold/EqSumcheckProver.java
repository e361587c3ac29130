package io.edgeproof.commit.basefold;

import io.edgeproof.commit.poly.ExtMath;
import io.edgeproof.commit.poly.SplitEq;
import io.edgeproof.field.Ext3;
import io.edgeproof.field.Goldilocks.BranchFree;
import io.edgeproof.field.Parallel;

/**
 * Prover state of the sumcheck for sum_b P(b) W(b) with W(x) = sum_j c_j eq(x, z_j), binding x_1 first.
 *
 * <p>W is never tabulated. While x_1..x_{k-1} are bound to r, the j-th term splits as
 * c_j eq(r, z_j[..k)) eq(x_k, z_jk) E_j(rest), with E_j the eq table of the remaining coordinates of z_j;
 * so the round polynomial is h(X) = sum_j pre_j eq(X, z_jk) q_j(X) with q_j(X) = sum_rest P(X, rest) E_j(rest)
 * linear, known from q_j(0) and q_j(1). The next E_j is the pairwise sum of the current one (since
 * eq(0, z) + eq(1, z) = 1), so binding costs additions only for W, and the sums for round k+1 are taken in
 * the same pass that folds P for round k. E_j is kept as two half-size factors ({@link SplitEq}).
 */
final class EqSumcheckProver {
    private static final int CHUNKS = 64;
    private static final int PARALLEL_MIN = 1 << 11;

    private long[] table;
    private boolean base;
    /** Before the first round of a batch: P kept as base tables, {@code table} is null. */
    private EmbeddedBatch pending;
    private final long[][] points;
    private final SplitEq[] suffixEq;
    private final Ext3[] prefix;
    private int round;
    /** q_j(0), q_j(1) per point for the current round, interleaved extension values. */
    private long[] sums;

    EqSumcheckProver(long[] table, boolean base, java.util.List<long[]> points, Ext3[] coeffs) {
        this.table = table;
        this.base = base;
        int count = points.size();
        this.points = points.toArray(new long[0][]);
        this.suffixEq = new SplitEq[count];
        this.prefix = coeffs.clone();
        int n = Integer.numberOfTrailingZeros(base ? table.length : table.length / 3);
        if (n > 0) {
            for (int j = 0; j < count; j++) {
                suffixEq[j] = SplitEq.of(this.points[j], 1, n);
            }
            sums = sums(table, base, suffixEq);
        }
    }

    /** For a batch P = sum_i gamma_i E_i f_i of base tables, without building P's extension table. */
    EqSumcheckProver(EmbeddedBatch batch, java.util.List<long[]> points, Ext3[] coeffs) {
        this.pending = batch;
        int count = points.size();
        this.points = points.toArray(new long[0][]);
        this.suffixEq = new SplitEq[count];
        this.prefix = coeffs.clone();
        int n = batch.numVariables();
        if (n > 0) {
            for (int j = 0; j < count; j++) {
                suffixEq[j] = SplitEq.of(this.points[j], 1, n);
            }
            sums = batch.sums(suffixEq);
        }
    }

    /** The current table of P with the bound variables fixed (base only before the first round). */
    long[] table() {
        if (pending != null) {
            table = pending.materialise();
            pending = null;
        }
        return table;
    }

    boolean isBase() {
        return base && pending == null;
    }

    /** h(0), h(1), h(2) of the current round (9 words). */
    long[] roundValues() {
        Ext3 h0 = Ext3.ZERO, h1 = Ext3.ZERO, h2 = Ext3.ZERO;
        for (int j = 0; j < points.length; j++) {
            Ext3 z = Ext3.read(points[j], round);
            Ext3 q0 = Ext3.read(sums, 2 * j), q1 = Ext3.read(sums, 2 * j + 1);
            Ext3 q2 = q1.add(q1).sub(q0);
            Ext3 oneMinusZ = Ext3.ONE.sub(z);
            h0 = h0.add(prefix[j].mul(oneMinusZ).mul(q0));
            h1 = h1.add(prefix[j].mul(z).mul(q1));
            // eq(2, z) = (1 - 2)(1 - z) + 2 z = 3 z - 1
            h2 = h2.add(prefix[j].mul(z.add(z).add(z).sub(Ext3.ONE)).mul(q2));
        }
        long[] out = new long[9];
        h0.write(out, 0);
        h1.write(out, 1);
        h2.write(out, 2);
        return out;
    }

    /**
     * Binds the current variable to r: folds P, halves every E_j and takes the next round's sums. Only
     * q_j(0) is summed when every next z_jk is nonzero: q_j(r) is the whole remaining weighted sum T_j =
     * (1 - z_jk) q_j(0) + z_jk q_j(1) of the next round, which gives q_j(1) for free.
     */
    void bind(Ext3 r) {
        Ext3[] remaining = new Ext3[points.length];
        for (int j = 0; j < points.length && sums != null; j++) {
            Ext3 q0 = Ext3.read(sums, 2 * j);
            remaining[j] = q0.add(r.mul(Ext3.read(sums, 2 * j + 1).sub(q0)));
        }
        for (int j = 0; j < points.length; j++) {
            Ext3 z = Ext3.read(points[j], round);
            // eq(r, z) = 1 - r - z + 2 r z
            Ext3 rz = r.mul(z);
            prefix[j] = prefix[j].mul(Ext3.ONE.sub(r).sub(z).add(rz).add(rz));
        }
        round++;
        // a pending batch folds on its base tables; the pass below then only halves E and sums
        long[] src = pending == null ? table : null;
        boolean srcBase = base;
        int half = pending != null ? 1 << (pending.numVariables() - 1) : (base ? table.length : table.length / 3) >>> 1;
        long[] next = pending != null ? pending.fold(r) : new long[3 * half];
        pending = null;
        if (half == 1) {
            if (src != null) {
                foldRange(src, srcBase, r, next, 0, 1);
            }
            table = next;
            base = false;
            return;
        }
        for (int j = 0; j < points.length; j++) {
            suffixEq[j] = suffixEq[j].halve();
        }
        int pairs = half >>> 1; // pairs of the folded table = entries of the next E_j
        int chunks = pairs >= PARALLEL_MIN ? CHUNKS : 1;
        long[] partial = new long[6 * points.length * chunks];
        boolean derive = true;
        for (long[] z : points) {
            derive &= !Ext3.read(z, round).isZero();
        }
        boolean withOdd = !derive;
        Parallel.forRange(chunks, 1, (from, to) -> {
            for (int c = from; c < to; c++) {
                int lo = (int) ((long) pairs * c / chunks);
                int hi = (int) ((long) pairs * (c + 1) / chunks);
                if (src != null) {
                    foldRange(src, srcBase, r, next, 2 * lo, 2 * hi);
                }
                for (int j = 0; j < points.length; j++) {
                    accumulate(next, false, withOdd, suffixEq[j], lo, hi, partial, 6 * (points.length * c + j));
                }
            }
        });
        table = next;
        base = false;
        sums = reduce(partial, chunks, points.length);
        for (int j = 0; j < points.length && derive; j++) {
            Ext3 z = Ext3.read(points[j], round);
            Ext3 q0 = Ext3.read(sums, 2 * j);
            remaining[j].sub(Ext3.ONE.sub(z).mul(q0)).mul(z.inverse()).write(sums, 2 * j + 1);
        }
    }

    /** (sum_t P(0, t) E_j(t), sum_t P(1, t) E_j(t)) per eq table, in parallel. */
    static long[] sums(long[] p, boolean base, SplitEq[] eqs) {
        int pairs = eqs[0].size();
        int chunks = pairs >= PARALLEL_MIN ? CHUNKS : 1;
        long[] partial = new long[6 * eqs.length * chunks];
        Parallel.forRange(chunks, 1, (from, to) -> {
            for (int c = from; c < to; c++) {
                int lo = (int) ((long) pairs * c / chunks);
                int hi = (int) ((long) pairs * (c + 1) / chunks);
                for (int j = 0; j < eqs.length; j++) {
                    accumulate(p, base, true, eqs[j], lo, hi, partial, 6 * (eqs.length * c + j));
                }
            }
        });
        return reduce(partial, chunks, eqs.length);
    }

    private static long[] reduce(long[] partial, int chunks, int count) {
        long[] out = new long[6 * count];
        for (int c = 0; c < chunks; c++) {
            for (int i = 0; i < out.length; i++) {
                out[i] = BranchFree.add(out[i], partial[6 * count * c + i]);
            }
        }
        return out;
    }

    /**
     * out[o..o+6) = (sum P(0, t) E(t), sum P(1, t) E(t)) over t in [lo, hi); the second left 0 without odd.
     * Runs block by block of E's low factor, scaling each block's sums by the high factor once, and only
     * over E's support (the rest of the range adds zero).
     */
    private static void accumulate(long[] p, boolean base, boolean withOdd, SplitEq eq, int from, int to, long[] out,
            int o) {
        int lo = Math.max(from, eq.supportFrom);
        int hi = Math.min(to, eq.supportTo);
        long[] e = eq.lo;
        long[] h = eq.hi;
        int mask = (1 << eq.loLog) - 1;
        long a0 = 0, a1 = 0, a2 = 0, b0 = 0, b1 = 0, b2 = 0;
        for (int start = lo; start < hi; ) {
            int end = Math.min(hi, (start | mask) + 1);
            int hk = 3 * (start >>> eq.loLog);
            if (h[hk] == 0 && h[hk + 1] == 0 && h[hk + 2] == 0) {
                start = end; // a zero high factor: the block adds nothing (points with boolean high coordinates)
                continue;
            }
            long u0 = 0, u1 = 0, u2 = 0, v0 = 0, v1 = 0, v2 = 0;
            for (int t = start; t < end; t++) {
                int l = 3 * (t & mask);
                long e0 = e[l], e1 = e[l + 1], e2 = e[l + 2];
                if (base) {
                    long x = p[2 * t], y = p[2 * t + 1];
                    u0 = BranchFree.add(u0, BranchFree.mul(x, e0));
                    u1 = BranchFree.add(u1, BranchFree.mul(x, e1));
                    u2 = BranchFree.add(u2, BranchFree.mul(x, e2));
                    v0 = BranchFree.add(v0, BranchFree.mul(y, e0));
                    v1 = BranchFree.add(v1, BranchFree.mul(y, e1));
                    v2 = BranchFree.add(v2, BranchFree.mul(y, e2));
                } else {
                    int i = 6 * t;
                    long x0 = p[i], x1 = p[i + 1], x2 = p[i + 2];
                    u0 = BranchFree.add(u0, ExtMath.mul0(x0, x1, x2, e0, e1, e2));
                    u1 = BranchFree.add(u1, ExtMath.mul1(x0, x1, x2, e0, e1, e2));
                    u2 = BranchFree.add(u2, ExtMath.mul2(x0, x1, x2, e0, e1, e2));
                    if (withOdd) {
                        long y0 = p[i + 3], y1 = p[i + 4], y2 = p[i + 5];
                        v0 = BranchFree.add(v0, ExtMath.mul0(y0, y1, y2, e0, e1, e2));
                        v1 = BranchFree.add(v1, ExtMath.mul1(y0, y1, y2, e0, e1, e2));
                        v2 = BranchFree.add(v2, ExtMath.mul2(y0, y1, y2, e0, e1, e2));
                    }
                }
            }
            int k = 3 * (start >>> eq.loLog);
            long h0 = h[k], h1 = h[k + 1], h2 = h[k + 2];
            a0 = BranchFree.add(a0, ExtMath.mul0(u0, u1, u2, h0, h1, h2));
            a1 = BranchFree.add(a1, ExtMath.mul1(u0, u1, u2, h0, h1, h2));
            a2 = BranchFree.add(a2, ExtMath.mul2(u0, u1, u2, h0, h1, h2));
            b0 = BranchFree.add(b0, ExtMath.mul0(v0, v1, v2, h0, h1, h2));
            b1 = BranchFree.add(b1, ExtMath.mul1(v0, v1, v2, h0, h1, h2));
            b2 = BranchFree.add(b2, ExtMath.mul2(v0, v1, v2, h0, h1, h2));
            start = end;
        }
        out[o] = a0;
        out[o + 1] = a1;
        out[o + 2] = a2;
        out[o + 3] = b0;
        out[o + 4] = b1;
        out[o + 5] = b2;
    }

    /** next[k] = p[2k] + r (p[2k+1] - p[2k]) for k in [lo, hi). */
    private static void foldRange(long[] p, boolean base, Ext3 r, long[] next, int lo, int hi) {
        long r0 = r.c0(), r1 = r.c1(), r2 = r.c2();
        for (int k = lo; k < hi; k++) {
            if (base) {
                long x = p[2 * k];
                long d = BranchFree.sub(p[2 * k + 1], x);
                next[3 * k] = BranchFree.add(x, BranchFree.mul(d, r0));
                next[3 * k + 1] = BranchFree.mul(d, r1);
                next[3 * k + 2] = BranchFree.mul(d, r2);
            } else {
                int i = 6 * k;
                long d0 = BranchFree.sub(p[i + 3], p[i]);
                long d1 = BranchFree.sub(p[i + 4], p[i + 1]);
                long d2 = BranchFree.sub(p[i + 5], p[i + 2]);
                next[3 * k] = BranchFree.add(p[i], ExtMath.mul0(d0, d1, d2, r0, r1, r2));
                next[3 * k + 1] = BranchFree.add(p[i + 1], ExtMath.mul1(d0, d1, d2, r0, r1, r2));
                next[3 * k + 2] = BranchFree.add(p[i + 2], ExtMath.mul2(d0, d1, d2, r0, r1, r2));
            }
        }
    }

}
