package io.edgeproof.commit.poly;

import io.edgeproof.field.Goldilocks.BranchFree;

/**
 * Coefficients of a product in F_p[X]/(X^3 - 2), one function per coefficient so that kernels keep
 * everything in registers (no temporary arrays or objects):
 * (a0 + a1 X + a2 X^2)(b0 + b1 X + b2 X^2) = c0 + c1 X + c2 X^2 with c0 = a0b0 + 2(a1b2 + a2b1),
 * c1 = a0b1 + a1b0 + 2 a2b2, c2 = a0b2 + a1b1 + a2b0.
 */
public final class ExtMath {
    private ExtMath() {}

    public static long mul0(long a0, long a1, long a2, long b0, long b1, long b2) {
        long t = BranchFree.add(BranchFree.mul(a1, b2), BranchFree.mul(a2, b1));
        return BranchFree.add(BranchFree.mul(a0, b0), BranchFree.add(t, t));
    }

    public static long mul1(long a0, long a1, long a2, long b0, long b1, long b2) {
        long t = BranchFree.mul(a2, b2);
        return BranchFree.add(BranchFree.add(BranchFree.mul(a0, b1), BranchFree.mul(a1, b0)), BranchFree.add(t, t));
    }

    public static long mul2(long a0, long a1, long a2, long b0, long b1, long b2) {
        return BranchFree.add(BranchFree.add(BranchFree.mul(a0, b2), BranchFree.mul(a1, b1)), BranchFree.mul(a2, b0));
    }
}
