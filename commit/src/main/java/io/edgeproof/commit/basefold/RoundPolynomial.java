package io.edgeproof.commit.basefold;

import io.edgeproof.field.Ext3;
import io.edgeproof.transcript.Transcript;
import io.edgeproof.transcript.VerificationException;
import java.util.Arrays;

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

    /**
     * The verifier's round j of a sumcheck whose rounds are packed nine longs each in {@code rounds}: checks
     * h(0) + h(1) against the running claim, binds the round, writes its challenge r to challenges[j] and
     * returns h(r), the next claim. {@code name} says which sumcheck in the error.
     */
    static Ext3 verifyRound(long[] rounds, int j, Ext3 claim, Transcript t, String roundLabel, String challengeLabel,
                            String name, long[] challenges) throws VerificationException {
        Ext3 h0 = Ext3.read(rounds, 3 * j), h1 = Ext3.read(rounds, 3 * j + 1), h2 = Ext3.read(rounds, 3 * j + 2);
        if (!h0.add(h1).equals(claim)) {
            throw new VerificationException(BasefoldReason.SUMCHECK_ROUND_MISMATCH,
                    name + " round " + (j + 1) + ": h(0) + h(1) differs from the running claim");
        }
        t.exts(roundLabel, Arrays.copyOfRange(rounds, 9 * j, 9 * j + 9));
        Ext3 r = t.challengeExt(challengeLabel);
        r.write(challenges, j);
        return evaluate(h0, h1, h2, r);
    }
}
