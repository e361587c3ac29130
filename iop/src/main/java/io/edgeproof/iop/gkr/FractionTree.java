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
    /** When not null, the leaf denominators are leafShift - leafValues[i] and denominators[n] is null. */
    private final long[] leafValues;
    private final Ext3 leafShift;

    private FractionTree(MultilinearTable[] numerators, long[][] denominators, boolean unitLeaves, long[] leafValues,
                         Ext3 leafShift) {
        this.numerators = numerators;
        this.denominators = denominators;
        this.unitLeaves = unitLeaves;
        this.leafValues = leafValues;
        this.leafShift = leafShift;
    }

    /**
     * The tree of p_i / (shift - v_i) for base values v_i (LogUp with a single-column table: shift = alpha):
     * the same tree as {@link #build} with those denominators, but the leaf denominators are never
     * materialised, and the first layer costs three base products per fraction instead of nine.
     *
     * @param leafNumerators base-field numerators, or null for numerators all one (the witness side)
     */
    public static FractionTree buildShifted(MultilinearTable leafNumerators, Ext3 shift, long[] values) {
        int n = io.edgeproof.commit.poly.Multilinear.numVariables(values.length);
        boolean unit = leafNumerators == null;
        if (!unit && (leafNumerators.extension() || leafNumerators.size() != values.length)) {
            throw new IllegalArgumentException("need one base-field numerator per leaf value");
        }
        MultilinearTable[] p = new MultilinearTable[n + 1];
        long[][] q = new long[n + 1][];
        p[n] = unit ? ones(values.length) : leafNumerators;
        if (n > 0) {
            long[] parentP = Ext3Vec.allocate(1 << (n - 1));
            q[n - 1] = Ext3Vec.allocate(1 << (n - 1));
            combineShifted(unit ? null : leafNumerators.values(), shift, values, parentP, q[n - 1]);
            p[n - 1] = MultilinearTable.ext(parentP);
            buildUpFrom(n - 1, p, q);
        }
        return new FractionTree(p, q, unit, values, shift);
    }

    private static MultilinearTable ones(int size) {
        long[] ones = new long[size];
        java.util.Arrays.fill(ones, 1);
        return MultilinearTable.base(ones);
    }

    /**
     * The tree of 1/q_i (LogUp's witness side). Same tree as {@link #build} with numerators all one, but the
     * first layer and its GKR step skip the multiplications by one.
     */
    public static FractionTree buildWithUnitNumerators(long[] leafDenominators) {
        return build(ones(leafDenominators.length / 3), leafDenominators, true);
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
        if (n > 0) {
            long[] parentP = Ext3Vec.allocate(1 << (n - 1));
            q[n - 1] = Ext3Vec.allocate(1 << (n - 1));
            combine(p[n], q[n], 1 << (n - 1), parentP, q[n - 1], unit);
            p[n - 1] = MultilinearTable.ext(parentP);
            buildUpFrom(n - 1, p, q);
        }
        return new FractionTree(p, q, unit, null, null);
    }

    /** Fills layers k - 1 down to 0 from layer k. */
    private static void buildUpFrom(int k, MultilinearTable[] p, long[][] q) {
        for (int layer = k - 1; layer >= 0; layer--) {
            long[] parentP = Ext3Vec.allocate(1 << layer);
            q[layer] = Ext3Vec.allocate(1 << layer);
            combine(p[layer + 1], q[layer + 1], 1 << layer, parentP, q[layer], false);
            p[layer] = MultilinearTable.ext(parentP);
        }
    }

    /**
     * The first layer over leaves m_i / (s - v_i) (m null: all one). With x = s0 - v_L, y = s0 - v_R, the
     * product (x, s1, s2)(y, s1, s2) is (xy + 4 s1 s2, s1 (x + y) + 2 s2^2, s2 (x + y) + s1^2), and
     * m_L q_R + m_R q_L = (m_L y + m_R x, (m_L + m_R) s1, (m_L + m_R) s2).
     */
    private static void combineShifted(long[] m, Ext3 shift, long[] v, long[] parentP, long[] parentQ) {
        long s0 = shift.c0(), s1 = shift.c1(), s2 = shift.c2();
        long k0 = BranchFreeArithmetic.mul(4, BranchFreeArithmetic.mul(s1, s2));
        long k1 = BranchFreeArithmetic.dbl(BranchFreeArithmetic.mul(s2, s2));
        long k2 = BranchFreeArithmetic.mul(s1, s1);
        int half = parentQ.length / 3;
        Parallel.forRange(half, MIN_CHUNK, (from, to) -> {
            for (int j = from; j < to; j++) {
                long x = BranchFreeArithmetic.sub(s0, v[j]), y = BranchFreeArithmetic.sub(s0, v[j + half]);
                long sum = BranchFreeArithmetic.add(x, y);
                int o = 3 * j;
                parentQ[o] = BranchFreeArithmetic.add(BranchFreeArithmetic.mul(x, y), k0);
                parentQ[o + 1] = BranchFreeArithmetic.add(BranchFreeArithmetic.mul(s1, sum), k1);
                parentQ[o + 2] = BranchFreeArithmetic.add(BranchFreeArithmetic.mul(s2, sum), k2);
                if (m == null) {
                    parentP[o] = sum;
                    parentP[o + 1] = BranchFreeArithmetic.dbl(s1);
                    parentP[o + 2] = BranchFreeArithmetic.dbl(s2);
                } else {
                    long ml = m[j], mr = m[j + half], msum = BranchFreeArithmetic.add(ml, mr);
                    parentP[o] = BranchFreeArithmetic.dot3(ml, y, mr, x, 0, 0);
                    parentP[o + 1] = BranchFreeArithmetic.mul(msum, s1);
                    parentP[o + 2] = BranchFreeArithmetic.mul(msum, s2);
                }
            }
        });
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
        return numVariables() == 0 && leafValues != null ? leafShift.sub(Ext3.ofBase(leafValues[0]))
                : Ext3.read(denominators[0], 0);
    }

    /** Whether the numerators of {@code layer} are all one (only the leaves of a unit tree). */
    boolean unitNumerators(int layer) {
        return unitLeaves && layer == numVariables();
    }

    MultilinearTable numerators(int layer) {
        return numerators[layer];
    }

    /** Layer {@code layer}'s denominators, or null for the leaves of a shifted tree ({@link #leafValues}). */
    long[] denominators(int layer) {
        return denominators[layer];
    }

    /** The base values v_i of a shifted tree's leaves (denominators shift - v_i), else null. */
    long[] leafValues() {
        return leafValues;
    }

    Ext3 leafShift() {
        return leafShift;
    }

    /** The leaves' numerator and denominator multilinear extensions at a point (for tests and callers). */
    public Ext3 leafNumeratorAt(long[] point) {
        return numerators[numVariables()].evaluate(point);
    }

    public Ext3 leafDenominatorAt(long[] point) {
        return leafValues != null ? leafShift.sub(Multilinear.evaluate(leafValues, point))
                : Multilinear.evaluateExt(denominators[numVariables()], point);
    }
}
