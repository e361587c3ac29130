package io.edgeproof.iop.sumcheck;

import io.edgeproof.field.Ext3;
import io.edgeproof.transcript.Transcript;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The prover's side of the round loop, in {@link SumcheckRounds}' order: the first round's p(0) + p(1) is
 * the claimed sum, bound with the statement before anything else; every round polynomial is kept for the
 * proof and bound before its challenge, which joins the point.
 */
final class ProverRounds {
    private final Transcript transcript;
    private final int numVariables;
    private final int degree;
    private final List<RoundPolynomial> rounds;
    private final long[] point;
    private Ext3 claimedSum;

    ProverRounds(Transcript transcript, int numVariables, int degree) {
        this.transcript = transcript;
        this.numVariables = numVariables;
        this.degree = degree;
        rounds = new ArrayList<>(numVariables);
        point = new long[3 * numVariables];
    }

    /** Binds the next round's evaluations p(0), ..., p(d) (interleaved) and returns its challenge. */
    Ext3 bind(long[] evaluations) {
        int round = rounds.size();
        if (round == 0) {
            claimedSum = Ext3.read(evaluations, 0).add(Ext3.read(evaluations, 1));
            SumcheckRounds.bindStatement(transcript, numVariables, degree, claimedSum);
        }
        RoundPolynomial polynomial = RoundPolynomial.fromEvaluations(evaluations);
        rounds.add(polynomial);
        Ext3 r = SumcheckRounds.bindRound(transcript, polynomial);
        r.write(point, round);
        return r;
    }

    /** The polynomial of the round bound last. */
    RoundPolynomial last() {
        return rounds.get(rounds.size() - 1);
    }

    /** The challenges of the rounds bound so far (interleaved). */
    long[] challenges() {
        return Arrays.copyOf(point, 3 * rounds.size());
    }

    /** The sum the first round claimed; null before it. */
    Ext3 claimedSum() {
        return claimedSum;
    }

    /** After the last round: the whole point. */
    long[] point() {
        return point.clone();
    }

    SumcheckProof proof() {
        return new SumcheckProof(rounds);
    }
}
