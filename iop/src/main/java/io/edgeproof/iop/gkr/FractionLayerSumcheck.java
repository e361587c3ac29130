package io.edgeproof.iop.gkr;

import io.edgeproof.field.Ext3;
import io.edgeproof.iop.sumcheck.MultilinearTable;
import io.edgeproof.iop.sumcheck.ParallelSums;
import io.edgeproof.iop.sumcheck.RoundPolynomial;
import io.edgeproof.iop.sumcheck.SumcheckProof;
import io.edgeproof.iop.sumcheck.SumcheckProverOutput;
import io.edgeproof.iop.sumcheck.SumcheckRounds;
import io.edgeproof.transcript.Transcript;
import java.util.ArrayList;
import java.util.List;

/**
 * The sumcheck of one fraction layer, sum_y eq(r, y) g(y) with g = pL qR + pR qL + lambda qL qR, proved
 * with the eq factor kept implicit (Gruen's split of eq). Round i's polynomial is
 * <pre>  s_i(X) = c_i eq(r_i, X) t_i(X),   t_i(X) = sum_{y'} eq(r_{>i}, y') g(rho_{<i}, X, y'),</pre>
 * with c_i = eq(r_{<i}, rho_{<i}) a scalar. t_i has degree 2: the prover sums it at X = 0 and its leading
 * coefficient (g of the pairs' differences, "X = infinity") with the suffix eq table as weights, and
 * recovers t_i(1) from the running claim = c_i ((1 - r_i) t_i(0) + r_i t_i(1)). When the numerators are all
 * one (LogUp's witness leaves), g = qL + qR + lambda qL qR and its leading coefficient is lambda dqL dqR.
 *
 * <p>The first round reads the children layer straight from the tree; every later round's sums are fused
 * with the previous fold (one pass over the tables per round, two ping-pong buffers per layer). The proof is
 * exactly the one the generic prover gives for the explicit instance (eq, pL, pR, qL, qR), so
 * {@link io.edgeproof.iop.sumcheck.SumcheckVerifier} checks it unchanged (tests compare both).
 */
final class FractionLayerSumcheck {
    private final int numVariables;
    private final long[] point;
    /** One kernel per tree of a batch (one tree: the plain layer sumcheck). */
    private final FractionLayerKernels[] kernels;
    /** The batch coefficient of each tree's summand (the first is one). */
    private final Ext3[] coefficients;

    /**
     * @param point r, the layer claim's point (k coordinates)
     * @param numerators the children layer's 2^(k+1) numerators (left half first), or null when all one
     * @param denominators the children layer's 2^(k+1) denominators (interleaved)
     */
    FractionLayerSumcheck(long[] point, Ext3 lambda, MultilinearTable numerators, long[] denominators) {
        this(point, new FractionLayerKernels(lambda, numerators, denominators, null, null), denominators.length / 3);
    }

    /** The children layer's denominators given as shift - values[e] (the leaves of a shifted tree). */
    FractionLayerSumcheck(long[] point, Ext3 lambda, MultilinearTable numerators, Ext3 shift, long[] values) {
        this(point, new FractionLayerKernels(lambda, numerators, null, shift, values), values.length);
    }

    private FractionLayerSumcheck(long[] point, FractionLayerKernels kernels, int childrenSize) {
        this(point, new FractionLayerKernels[] {kernels}, new Ext3[] {Ext3.ONE}, new int[] {childrenSize});
    }

    private FractionLayerSumcheck(long[] point, FractionLayerKernels[] kernels, Ext3[] coefficients,
                                  int[] childrenSizes) {
        this.numVariables = point.length / 3;
        this.point = point;
        this.kernels = kernels;
        this.coefficients = coefficients;
        for (int size : childrenSizes) {
            if (size != 2L << numVariables) {
                throw new IllegalArgumentException("the children layer must have 2^(k+1) fractions");
            }
        }
    }

    /**
     * The batched layer sumcheck of several trees whose claims share the point r: sum_y eq(r, y)
     * sum_a c_a g_a(y), with tree a's layer {@code layer + 1} as children. The round sums are linear in g,
     * so each tree's kernel sums on its own and the sums are combined with the c_a.
     */
    static FractionLayerSumcheck batch(long[] point, Ext3 lambda, List<FractionTree> trees, int layer,
                                       Ext3[] coefficients) {
        FractionLayerKernels[] kernels = new FractionLayerKernels[trees.size()];
        int[] sizes = new int[trees.size()];
        for (int a = 0; a < kernels.length; a++) {
            FractionTree tree = trees.get(a);
            MultilinearTable p = tree.unitNumerators(layer + 1) ? null : tree.numerators(layer + 1);
            long[] q = tree.denominators(layer + 1);
            kernels[a] = q != null ? new FractionLayerKernels(lambda, p, q, null, null)
                    : new FractionLayerKernels(lambda, p, null, tree.leafShift(), tree.leafValues());
            sizes[a] = q != null ? q.length / 3 : tree.leafValues().length;
        }
        return new FractionLayerSumcheck(point, kernels, coefficients, sizes);
    }

    /** From the four halves as separate tables (tests, and callers that hold them apart). */
    FractionLayerSumcheck(long[] point, Ext3 lambda, MultilinearTable pl, MultilinearTable pr, MultilinearTable ql,
                          MultilinearTable qr) {
        this(point, lambda, concat(pl, pr), concat(ql, qr).values());
    }

    /** The same sumcheck with pL = pR = 1. */
    static FractionLayerSumcheck withUnitNumerators(long[] point, Ext3 lambda, MultilinearTable ql, MultilinearTable qr) {
        return new FractionLayerSumcheck(point, lambda, null, concat(ql, qr).values());
    }

    private static MultilinearTable concat(MultilinearTable left, MultilinearTable right) {
        boolean ext = left.extension() || right.extension();
        long[] l = ext && !left.extension() ? io.edgeproof.field.Ext3Vec.fromBase(left.values()) : left.values();
        long[] r = ext && !right.extension() ? io.edgeproof.field.Ext3Vec.fromBase(right.values()) : right.values();
        long[] out = java.util.Arrays.copyOf(l, l.length + r.length);
        System.arraycopy(r, 0, out, l.length, r.length);
        return new MultilinearTable(out, ext);
    }

    /**
     * Output laid out as the explicit instance's: final evaluations eq(r, rho), then pL, pR, qL, qR of each
     * tree in batch order.
     */
    SumcheckProverOutput prove(Ext3 claimedSum, Transcript transcript) {
        SumcheckRounds.bindStatement(transcript, numVariables, FractionLayerProof.DEGREE, claimedSum);
        int n = numVariables;
        if (n == 0) {
            long[][] entries = new long[kernels.length][];
            for (int a = 0; a < kernels.length; a++) {
                entries[a] = kernels[a].treeEntry(0);
            }
            return new SumcheckProverOutput(new SumcheckProof(List.of()), claimedSum, new long[0],
                    finals(entries, Ext3.ONE));
        }
        long[][] suffixEq = FractionLayerKernels.suffixEqTables(point);
        long[][][] buffers = new long[kernels.length][][];
        for (int a = 0; a < kernels.length; a++) {
            int width = kernels[a].width();
            buffers[a] = new long[][] {new long[width << (n - 1)], new long[width << Math.max(0, n - 2)]};
        }
        List<RoundPolynomial> rounds = new ArrayList<>(n);
        long[] rho = new long[3 * n];
        Ext3 claim = claimedSum;
        Ext3 prefix = Ext3.ONE;
        long[][] sources = new long[kernels.length][]; // null: the tree
        int entries = 1 << n;
        boolean withOne = needsOne(prefix, 0);
        long[][] sums = new long[kernels.length][];
        for (int a = 0; a < kernels.length; a++) {
            sums[a] = kernels[a].treeSums(suffixEq[0], withOne);
        }
        for (int i = 0; i < n; i++) {
            Ext3 ri = Ext3.read(point, i);
            RoundPolynomial polynomial = roundPolynomial(combined(sums), claim, prefix, ri);
            rounds.add(polynomial);
            Ext3 r = SumcheckRounds.bindRound(transcript, polynomial);
            r.write(rho, i);
            claim = polynomial.evaluate(claim, r);
            prefix = prefix.mul(Ext3.ONE.sub(ri).mul(Ext3.ONE.sub(r)).add(ri.mul(r)));
            boolean last = i == n - 1;
            withOne = !last && needsOne(prefix, i + 1);
            for (int a = 0; a < kernels.length; a++) {
                long[] target = buffers[a][i & 1];
                sums[a] = kernels[a].foldAndSum(sources[a], entries, r, target, last ? null : suffixEq[i + 1], withOne);
                sources[a] = target;
            }
            entries /= 2;
        }
        return new SumcheckProverOutput(new SumcheckProof(rounds), claimedSum, rho, finals(sources, prefix));
    }

    /** sum_a c_a sums_a, the round sums of the batched summand. */
    private long[] combined(long[][] sums) {
        if (sums.length == 1) {
            return sums[0];
        }
        long[] out = new long[sums[0].length];
        for (int a = 0; a < sums.length; a++) {
            for (int j = 0; j < out.length / 3; j++) {
                Ext3.read(out, j).add(coefficients[a].mul(Ext3.read(sums[a], j))).write(out, j);
            }
        }
        return out;
    }

    /** eq(r, rho), then each tree's pL, pR, qL, qR from its last working entry. */
    private long[] finals(long[][] lastEntries, Ext3 eq) {
        long[] out = new long[3 + 12 * kernels.length];
        eq.write(out, 0);
        for (int a = 0; a < kernels.length; a++) {
            System.arraycopy(kernels[a].finals(lastEntries[a], eq), 3, out, 3 + 12 * a, 12);
        }
        return out;
    }

    /** Whether round i's scale c_i r_i is zero, so t_i(1) cannot be derived from the claim and is summed too. */
    private boolean needsOne(Ext3 prefix, int i) {
        return prefix.mul(Ext3.read(point, i)).isZero();
    }

    /**
     * s_i in compressed form from t(0), t(infinity) and, if summed, t(1): t(X) = t0 + b X + a X^2 with
     * a = t(infinity), b = t(1) - t0 - a; s_i(X) = c_i eq(r_i, X) t(X), eq(r, X) = (1 - r)(1 - X) + r X.
     */
    private static RoundPolynomial roundPolynomial(long[] sums, Ext3 claim, Ext3 prefix, Ext3 ri) {
        Ext3 t0 = Ext3.read(sums, 0), a = Ext3.read(sums, 1);
        Ext3 oneMinusR = Ext3.ONE.sub(ri);
        Ext3 scale = prefix.mul(ri);
        Ext3 t1 = sums.length > 6 ? Ext3.read(sums, 2)
                : claim.sub(prefix.mul(oneMinusR).mul(t0)).mul(scale.inverse());
        Ext3 b = t1.sub(t0).sub(a);
        Ext3 t2 = t0.add(b.mulBase(2)).add(a.mulBase(4));
        Ext3 t3 = t0.add(b.mulBase(3)).add(a.mulBase(9));
        long[] compressed = new long[9];
        prefix.mul(oneMinusR).mul(t0).write(compressed, 0);
        prefix.mul(ri.mulBase(3).sub(Ext3.ONE)).mul(t2).write(compressed, 1);
        prefix.mul(ri.mulBase(5).sub(Ext3.ofBase(2))).mul(t3).write(compressed, 2);
        return new RoundPolynomial(compressed);
    }
}
