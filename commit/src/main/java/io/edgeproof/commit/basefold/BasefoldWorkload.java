package io.edgeproof.commit.basefold;

import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Goldilocks;
import io.edgeproof.transcript.DomainSeparator;
import io.edgeproof.transcript.Transcript;
import io.edgeproof.transcript.VerificationException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded random polynomial run through commit, open and verify the way a protocol uses them: the
 * transcript binds the commitment, the evaluation point is drawn from it, and the claim is opened on it.
 * For benchmarks and examples; each call repeats its whole step so it can be timed.
 */
public final class BasefoldWorkload {
    private static final DomainSeparator DOMAIN = new DomainSeparator("edgeproof-basefold-workload", 1);

    private final BasefoldParams params;
    private final long[] table;
    private BasefoldProverData data;
    private EvaluationClaim claim;

    private BasefoldWorkload(BasefoldParams params, long[] table) {
        this.params = params;
        this.table = table;
    }

    public static BasefoldWorkload random(BasefoldParams params, int numVariables, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] t = new long[1 << numVariables];
        for (int i = 0; i < t.length; i++) {
            t[i] = Goldilocks.reduce64(rnd.nextLong());
        }
        return new BasefoldWorkload(params, t);
    }

    public BasefoldParams params() {
        return params;
    }

    public BasefoldCommitment commit() {
        data = BasefoldProver.commit(params, table);
        claim = null;
        return data.commitment();
    }

    /**
     * The claim to open: f at a point drawn from a transcript that bound the commitment. Evaluating f is
     * the caller's work in a real protocol, so it is kept out of {@link #open()}.
     */
    public EvaluationClaim claim() {
        if (data == null) {
            throw new IllegalStateException("commit first");
        }
        if (claim == null) {
            long[] point = pointTranscript(data.commitment()).challengeExts("workload-point", data.numVariables());
            claim = new EvaluationClaim(0, point, Multilinear.evaluate(table, point));
        }
        return claim;
    }

    /** Opens the committed polynomial at {@link #claim()}'s point. */
    public BasefoldProof open() {
        EvaluationClaim c = claim();
        Transcript t = pointTranscript(data.commitment());
        t.challengeExts("workload-point", data.numVariables());
        return BasefoldProver.open(params, data, List.of(c), t);
    }

    private static Transcript pointTranscript(BasefoldCommitment commitment) {
        return Transcript.open(DOMAIN, commitment::bindTo);
    }

    /** Verifies as a verifier would: it knows the commitment and the claimed value, not the table. */
    public void verify(BasefoldCommitment commitment, EvaluationClaim claimed, BasefoldProof proof)
            throws VerificationException {
        Transcript t = pointTranscript(commitment);
        long[] point = t.challengeExts("workload-point", commitment.numVariables());
        if (!java.util.Arrays.equals(point, claimed.point())) {
            throw new IllegalArgumentException("the claim is not at the transcript's point");
        }
        BasefoldVerifier.verify(params, commitment, List.of(claimed), proof, t);
    }
}
