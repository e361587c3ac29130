package io.edgeproof.iop.gkr;

import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import io.edgeproof.iop.sumcheck.BranchFreeArithmetic;
import io.edgeproof.iop.sumcheck.MultilinearTable;
import io.edgeproof.iop.sumcheck.SubClaim;
import io.edgeproof.iop.sumcheck.SumcheckInstance;
import io.edgeproof.iop.sumcheck.SumcheckProver;
import io.edgeproof.iop.sumcheck.SumcheckProverOutput;
import io.edgeproof.iop.sumcheck.SumcheckVerifier;
import io.edgeproof.transcript.Transcript;
import io.edgeproof.transcript.VerificationException;
import java.util.List;

/**
 * Merges claims f(r_1) = v_1, ..., f(r_m) = v_m on one multilinear f into a single claim f(rho) = v, so a
 * polynomial used by several layers is opened once. With a random gamma,
 * <pre>  sum_i gamma^i v_i = sum_b f(b) E(b),   E = sum_i gamma^i eq(r_i, .),</pre>
 * is proved by a product sumcheck ending at rho; the verifier evaluates E(rho) itself in O(m n) and checks
 * the sumcheck's last value against v E(rho). Soundness error: (m - 1)/|F| for gamma plus 2n/|F|.
 */
public final class ClaimMerger {
    private ClaimMerger() {}

    public record Output(MergedClaimProof proof, EvaluationClaim merged) {}

    public static Output prove(MultilinearTable f, List<EvaluationClaim> claims, Transcript transcript) {
        int n = f.numVariables();
        Ext3 gamma = bindClaims(n, claims, transcript);
        long[] combinedEq = combinedEqTable(n, claims, gamma);
        SumcheckProverOutput out = SumcheckProver.prove(
                SumcheckInstance.productOfTwo(f, MultilinearTable.ext(combinedEq)), transcript);
        if (!out.claimedSum().equals(combinedValue(claims, gamma))) {
            throw new IllegalArgumentException("the claims do not hold for the given polynomial");
        }
        Ext3 value = out.finalEvaluation(0);
        transcript.ext("merge-value", value);
        return new Output(new MergedClaimProof(out.proof(), value), new EvaluationClaim(out.point(), value));
    }

    public static EvaluationClaim verify(int numVariables, List<EvaluationClaim> claims, MergedClaimProof proof,
                                         Transcript transcript) throws VerificationException {
        Ext3 gamma = bindClaims(numVariables, claims, transcript);
        SubClaim sub = SumcheckVerifier.verify(combinedValue(claims, gamma), numVariables, 2, proof.sumcheck(), transcript);
        Ext3 combinedEq = Ext3.ZERO;
        Ext3 power = Ext3.ONE;
        for (EvaluationClaim claim : claims) {
            combinedEq = combinedEq.add(power.mul(Multilinear.eq(claim.point(), sub.point())));
            power = power.mul(gamma);
        }
        if (!proof.value().mul(combinedEq).equals(sub.expectedValue())) {
            throw new VerificationException(GkrReason.MERGE_MISMATCH,
                    "merging sumcheck ends at " + sub.expectedValue() + ", not at the claimed value times E(rho)");
        }
        transcript.ext("merge-value", proof.value());
        return new EvaluationClaim(sub.point(), proof.value());
    }

    /** Bits of soundness of merging {@code numClaims} claims on n variables: -log2((m - 1 + 2n)/|F|). */
    public static double soundnessBits(int numVariables, int numClaims) {
        double terms = numClaims - 1 + 2.0 * numVariables;
        return terms <= 0 ? Ext3.LOG2_ORDER : Ext3.LOG2_ORDER - Math.log(terms) / Math.log(2);
    }

    private static Ext3 bindClaims(int numVariables, List<EvaluationClaim> claims, Transcript transcript) {
        if (claims.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        transcript.u64("merge-claims", claims.size());
        for (EvaluationClaim claim : claims) {
            if (claim.numVariables() != numVariables) {
                throw new IllegalArgumentException("claim on " + claim.numVariables() + " variables, expected " + numVariables);
            }
            transcript.exts("merge-point", claim.point());
            transcript.ext("merge-claim", claim.value());
        }
        return transcript.challengeExt("merge-gamma");
    }

    private static Ext3 combinedValue(List<EvaluationClaim> claims, Ext3 gamma) {
        Ext3 sum = Ext3.ZERO;
        Ext3 power = Ext3.ONE;
        for (EvaluationClaim claim : claims) {
            sum = sum.add(power.mul(claim.value()));
            power = power.mul(gamma);
        }
        return sum;
    }

    /** sum_i gamma^i eq(r_i, .) as one extension table. */
    private static long[] combinedEqTable(int n, List<EvaluationClaim> claims, Ext3 gamma) {
        long[] combined = new long[3 << n];
        Ext3 power = Ext3.ONE;
        long[] scalar = new long[3];
        for (EvaluationClaim claim : claims) {
            long[] eq = Multilinear.eqTable(claim.point());
            power.write(scalar, 0);
            for (int b = 0; b < 1 << n; b++) {
                BranchFreeArithmetic.mulExt(eq, b, scalar, 0, eq, b);
                for (int c = 0; c < 3; c++) {
                    combined[3 * b + c] = BranchFreeArithmetic.add(combined[3 * b + c], eq[3 * b + c]);
                }
            }
            power = power.mul(gamma);
        }
        return combined;
    }
}
