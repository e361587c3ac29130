package io.edgeproof.commit.basefold;

import io.edgeproof.field.Ext3;

/** A degree-2 sumcheck round polynomial, sent as its values at 0, 1 and 2. */
final class RoundPolynomial {
    private static final long INV2 = Ext3.ofBase(2).inverse().c0();

    private RoundPolynomial() {}

    /** h(r) by Lagrange interpolation on 0, 1, 2: h0 (r-1)(r-2)/2 - h1 r (r-2) + h2 r (r-1)/2. */
    static Ext3 evaluate(Ext3 h0, Ext3 h1, Ext3 h2, Ext3 r) {
        Ext3 rm1 = r.sub(Ext3.ONE);
        Ext3 rm2 = rm1.sub(Ext3.ONE);
        Ext3 t0 = h0.mul(rm1).mul(rm2).mulBase(INV2);
        Ext3 t1 = h1.mul(r).mul(rm2);
        Ext3 t2 = h2.mul(r).mul(rm1).mulBase(INV2);
        return t0.sub(t1).add(t2);
    }
}
