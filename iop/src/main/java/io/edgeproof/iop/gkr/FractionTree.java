package io.edgeproof.iop.gkr;

import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import io.edgeproof.field.Ext3Vec;
import io.edgeproof.field.Parallel;
import io.edgeproof.iop.sumcheck.BranchFreeArithmetic;
import io.edgeproof.iop.sumcheck.MultilinearTable;

/**
 * The binary tree of fractions p/q that fractional-sum GKR proves, kept by the prover. Layer k has 2^k
 * fractions; the children of fraction j of layer k are j and j + 2^k of layer k + 1 (the new variable is
 * the last, most significant one), and
 * <pre>  p_k(j) = p_{k+1}(j) q_{k+1}(j + 2^k) + p_{k+1}(j + 2^k) q_{k+1}(j),   q_k(j) = q_{k+1}(j) q_{k+1}(j + 2^k)</pre>
 * so the root p_0 / q_0 is the sum of the leaf fractions, with q_0 the product of all leaf denominators.
 * Leaf numerators may be base-field (multiplicities, ones); denominators are extension elements.
 */
public final class FractionTree {
    private static final int MIN_CHUNK = 1 << 10;

    private final MultilinearTable[] numerators;
    private final long[][] denominators;
    private final boolean unitLeaves;

    private FractionTree(MultilinearTable[] numerators, long[][] denominators, boolean unitLeaves) {
        this.numerators = numerators;
        this.denominators = denominators;
        this.unitLeaves = unitLeaves;
    }

    /**
     * The tree of 1/q_i (LogUp's witness side). Same tree as {@link #build} with numerators all one, but the
     * first layer and its GKR step skip the multiplications by one.
     */
    public static FractionTree buildWithUnitNumerators(long[] leafDenominators) {
        long[] ones = new long[leafDenominators.length / 3];
        java.util.Arrays.fill(ones, 1);
        return build(MultilinearTable.base(ones), leafDenominators, true);
    }

    /** Builds every layer from the leaves: O(2^n) extension products. */
    public static FractionTree build(MultilinearTable leafNumerators, long[] leafDenominators) {
        return build(leafNumerators, leafDenominators, false);
    }

    private static FractionTree build(MultilinearTable leafNumerators, long[] leafDenominators, boolean unit) {
        int n = leafNumerators.numVariables();
        if (leafDenominators.length != 3 * leafNumerators.size()) {
            throw new IllegalArgumentException("need one extension denominator per numerator");
        }
        MultilinearTable[] p = new MultilinearTable[n + 1];
        long[][] q = new long[n + 1][];
        p[n] = leafNumerators;
        q[n] = leafDenominators;
        for (int k = n - 1; k >= 0; k--) {
            long[] parentP = Ext3Vec.allocate(1 << k);
            long[] parentQ = Ext3Vec.allocate(1 << k);
            combine(p[k + 1], q[k + 1], 1 << k, parentP, parentQ, unit && k == n - 1);
            p[k] = MultilinearTable.ext(parentP);
            q[k] = parentQ;
        }
        return new FractionTree(p, q, unit);
    }

    private static void combine(MultilinearTable childP, long[] childQ, int half, long[] parentP, long[] parentQ,
                                boolean unit) {
        long[] cp = childP.values();
        boolean ext = childP.extension();
        Parallel.forRange(half, MIN_CHUNK, (from, to) -> {
            for (int j = from; j < to; j++) {
                int right = j + half;
                if (unit) {
                    for (int c = 0; c < 3; c++) {
                        parentP[3 * j + c] = BranchFreeArithmetic.add(childQ[3 * j + c], childQ[3 * right + c]);
                    }
                } else if (ext) {
                    BranchFreeArithmetic.mulAddExt(cp, j, childQ, right, cp, right, childQ, j, parentP, j);
                } else {
                    long pl = cp[j], pr = cp[right];
                    int l = 3 * j, r = 3 * right;
                    for (int c = 0; c < 3; c++) {
                        parentP[l + c] = BranchFreeArithmetic.dot3(pl, childQ[r + c], pr, childQ[l + c], 0, 0);
                    }
                }
                BranchFreeArithmetic.mulExt(childQ, j, childQ, right, parentQ, j);
            }
        });
    }

    /** Variables of the leaves: the depth of the tree. */
    public int numVariables() {
        return numerators.length - 1;
    }

    public Ext3 rootNumerator() {
        return numerators[0].get(0);
    }

    public Ext3 rootDenominator() {
        return Ext3.read(denominators[0], 0);
    }

    /** Whether the numerators of {@code layer} are all one (only the leaves of a unit tree). */
    boolean unitNumerators(int layer) {
        return unitLeaves && layer == numVariables();
    }

    MultilinearTable numerators(int layer) {
        return numerators[layer];
    }

    long[] denominators(int layer) {
        return denominators[layer];
    }

    /** The leaves' numerator and denominator multilinear extensions at a point (for tests and callers). */
    public Ext3 leafNumeratorAt(long[] point) {
        return numerators[numVariables()].evaluate(point);
    }

    public Ext3 leafDenominatorAt(long[] point) {
        return Multilinear.evaluateExt(denominators[numVariables()], point);
    }
}
