package io.edgeproof.iop.sumcheck;

import io.edgeproof.field.Ext3;
import io.edgeproof.transcript.Transcript;

/**
 * The transcript steps of a sumcheck, shared by prover and verifier so that their order cannot drift:
 * the statement (shape and claimed sum) first, then each compressed round polynomial before its challenge.
 * Public for specialised provers (GKR layers) whose proofs {@link SumcheckVerifier} checks.
 */
public final class SumcheckRounds {
    private SumcheckRounds() {}

    public static void bindStatement(Transcript transcript, int numVariables, int degree, Ext3 claimedSum) {
        transcript.u64("sumcheck-variables", numVariables);
        transcript.u64("sumcheck-degree", degree);
        transcript.ext("sumcheck-claim", claimedSum);
    }

    public static Ext3 bindRound(Transcript transcript, RoundPolynomial round) {
        transcript.exts("sumcheck-round", round.compressed());
        return transcript.challengeExt("sumcheck-challenge");
    }
}
