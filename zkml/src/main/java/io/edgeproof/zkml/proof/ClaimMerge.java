package io.edgeproof.zkml.proof;

import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import io.edgeproof.field.Ext3Vec;
import io.edgeproof.field.Parallel;
import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.field.codec.ProofReader;
import io.edgeproof.field.codec.ProofWriter;
import io.edgeproof.iop.gkr.EvaluationClaim;
import io.edgeproof.iop.sumcheck.MultilinearTable;
import io.edgeproof.iop.sumcheck.SubClaim;
import io.edgeproof.iop.sumcheck.SumcheckInstance;
import io.edgeproof.iop.sumcheck.SumcheckProof;
import io.edgeproof.iop.sumcheck.SumcheckProver;
import io.edgeproof.iop.sumcheck.SumcheckProverOutput;
import io.edgeproof.iop.sumcheck.SumcheckVerifier;
import io.edgeproof.transcript.Transcript;
import io.edgeproof.transcript.VerificationException;
import java.util.List;

/**
 * Merges the block claims on one committed polynomial P into one claim P(rho) = v, for the commitment
 * opening. With a random gamma, sum_j gamma^j v_j = sum_b P(b) W(b), W = sum_j gamma^j eq(z_j', .), where
 * z_j' is claim j's point embedded in P (boolean high coordinates): W is zero outside each claim's block,
 * so the prover builds it in the total size of the claimed blocks, not claims x |P|. A product sumcheck
 * ends at rho; the verifier evaluates W(rho) itself in O(claims x variables). Error: (m - 1 + 2n) / |F|,
 * as {@code ClaimMerger}, which does the same with dense eq tables.
 */
final class ClaimMerge {
    private ClaimMerge() {}

    record Proof(SumcheckProof sumcheck, Ext3 value) {
        void writeTo(ProofWriter w) {
            sumcheck.writeTo(w);
            w.ext(value);
        }

        static Proof readFrom(ProofReader r, int vars) throws MalformedProofException {
            return new Proof(SumcheckProof.readFrom(r, vars, 2), r.ext("merged value"));
        }
    }

    record Result(Proof proof, long[] point) {}

    static Result prove(long[] table, List<ClaimBook.Claim> claims, Transcript transcript) {
        int vars = Multilinear.numVariables(table.length);
        Ext3 gamma = bind(claims, transcript);
        long[] weights = new long[3 * table.length];
        Ext3 power = Ext3.ONE;
        long[] eq = null;
        long[] eqPoint = null;
        for (ClaimBook.Claim c : claims) {
            if (!java.util.Arrays.equals(c.point(), eqPoint)) { // a column's claims share their point: one table
                eqPoint = c.point();
                eq = Multilinear.eqTable(eqPoint);
            }
            long[] claimEq = eq;
            long[] scalar = new long[3];
            power.write(scalar, 0);
            int base = c.offset();
            Parallel.forRange(claimEq.length / 3, 1 << 12, (from, to) -> {
                long[] term = new long[3];
                for (int i = from; i < to; i++) {
                    Ext3Vec.mul(claimEq, i, scalar, 0, term, 0);
                    Ext3Vec.add(weights, base + i, term, 0, weights, base + i);
                }
            });
            power = power.mul(gamma);
        }
        SumcheckProverOutput out = SumcheckProver.prove(
                SumcheckInstance.productOfTwo(MultilinearTable.base(table), MultilinearTable.ext(weights)), transcript);
        Ext3 value = out.finalEvaluation(0);
        transcript.ext("merge-value", value);
        if (out.point().length != 3 * vars) {
            throw new IllegalStateException("merge sumcheck ended at a point of the wrong size");
        }
        return new Result(new Proof(out.proof(), value), out.point());
    }

    static EvaluationClaim verify(int vars, List<ClaimBook.Claim> claims, Proof proof, Transcript transcript,
                                  ZkmlReason reason) throws VerificationException {
        Ext3 gamma = bind(claims, transcript);
        Ext3 claimed = Ext3.ZERO;
        Ext3 power = Ext3.ONE;
        for (ClaimBook.Claim c : claims) {
            claimed = claimed.add(power.mul(c.value()));
            power = power.mul(gamma);
        }
        SubClaim sub = SumcheckVerifier.verify(claimed, vars, 2, proof.sumcheck(), transcript);
        long[] rho = sub.point();
        Ext3 weight = Ext3.ZERO;
        power = Ext3.ONE;
        for (ClaimBook.Claim c : claims) {
            weight = weight.add(power.mul(Multilinear.eq(BlockLayout.embed(c.point(), c.offset(), vars), rho)));
            power = power.mul(gamma);
        }
        if (!proof.value().mul(weight).equals(sub.expectedValue())) {
            throw new VerificationException(reason, claims.size()
                    + " claims on a committed polynomial of 2^" + vars + " entries do not merge to its value");
        }
        transcript.ext("merge-value", proof.value());
        return new EvaluationClaim(rho, proof.value());
    }

    /** Bits of soundness of merging {@code claims} claims on n variables. */
    static double soundnessBits(int vars, int claims) {
        return Ext3.LOG2_ORDER - Math.log(Math.max(1, claims - 1 + 2.0 * vars)) / Math.log(2);
    }

    private static Ext3 bind(List<ClaimBook.Claim> claims, Transcript transcript) {
        if (claims.isEmpty()) {
            throw new IllegalStateException("a committed polynomial with no claim");
        }
        transcript.u64("merge-claims", claims.size());
        for (ClaimBook.Claim c : claims) {
            transcript.u64("merge-offset", c.offset());
            transcript.exts("merge-point", c.point());
            transcript.ext("merge-value", c.value());
        }
        return transcript.challengeExt("merge-gamma");
    }
}
