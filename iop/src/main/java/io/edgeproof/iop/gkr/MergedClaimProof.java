package io.edgeproof.iop.gkr;

import io.edgeproof.field.Ext3;
import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.field.codec.ProofReader;
import io.edgeproof.field.codec.ProofWriter;
import io.edgeproof.iop.sumcheck.SumcheckProof;

/** The sumcheck that merges several claims on one polynomial, and the polynomial's value where it ends. */
public record MergedClaimProof(SumcheckProof sumcheck, Ext3 value) {
    public MergedClaimProof {
        if (sumcheck == null || value == null) {
            throw new IllegalArgumentException("a merged-claim proof needs its sumcheck and value");
        }
    }

    public void writeTo(ProofWriter out) {
        sumcheck.writeTo(out);
        out.ext(value);
    }

    public static MergedClaimProof readFrom(ProofReader in, int numVariables) throws MalformedProofException {
        SumcheckProof sumcheck = SumcheckProof.readFrom(in, numVariables, 2);
        return new MergedClaimProof(sumcheck, in.ext("merged value"));
    }
}
