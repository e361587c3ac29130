package io.edgeproof.zkml.zk;

import io.edgeproof.field.Goldilocks;

/**
 * An affine combination sum_i coef_i op_i + constant of a check's operands, with base-field coefficients
 * (limb weights 2^(8l), 1/2, -1). Affine with constant coefficients, so its multilinear extension is the same
 * combination of the operands' extensions: the verifier gets its value at the final point from the revealed
 * values. Per-index public coefficients belong in a term's factor instead.
 */
record Form(int[] operands, long[] coefficients, long constant) {
    Form {
        if (operands.length != coefficients.length) {
            throw new IllegalArgumentException("one coefficient per operand");
        }
        operands = operands.clone();
        coefficients = coefficients.clone();
        for (long c : coefficients) {
            Goldilocks.checkCanonical(c);
        }
        Goldilocks.checkCanonical(constant);
    }

    static Form of(int operand) {
        return new Form(new int[] {operand}, new long[] {1}, 0);
    }
}
