package io.edgeproof.iop.gkr;

import io.edgeproof.field.Ext3;
import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.field.codec.ProofReader;
import io.edgeproof.field.codec.ProofWriter;
import io.edgeproof.iop.sumcheck.SumcheckProof;

/**
 * One layer of fractional-sum GKR: the sumcheck reducing the layer's claim to its children at a random
 * point rho, and the four children values there: p and q of the left (first half) and right children.
 */
public record FractionLayerProof(SumcheckProof sumcheck, Ext3 leftNumerator, Ext3 rightNumerator,
                                 Ext3 leftDenominator, Ext3 rightDenominator) {
    /** The layer sumcheck's degree: eq * p * q. */
    public static final int DEGREE = 3;

    public FractionLayerProof {
        if (sumcheck == null || leftNumerator == null || rightNumerator == null || leftDenominator == null
                || rightDenominator == null) {
            throw new IllegalArgumentException("a layer proof needs its sumcheck and four children values");
        }
    }

    /** The children values as the interleaved vector the transcript absorbs. */
    long[] childrenValues() {
        long[] v = new long[12];
        leftNumerator.write(v, 0);
        rightNumerator.write(v, 1);
        leftDenominator.write(v, 2);
        rightDenominator.write(v, 3);
        return v;
    }

    void writeTo(ProofWriter out) {
        sumcheck.writeTo(out);
        out.ext(leftNumerator).ext(rightNumerator).ext(leftDenominator).ext(rightDenominator);
    }

    static FractionLayerProof readFrom(ProofReader in, int layer) throws MalformedProofException {
        SumcheckProof sumcheck = SumcheckProof.readFrom(in, layer, DEGREE);
        return new FractionLayerProof(sumcheck, in.ext("left numerator"), in.ext("right numerator"),
                in.ext("left denominator"), in.ext("right denominator"));
    }
}
