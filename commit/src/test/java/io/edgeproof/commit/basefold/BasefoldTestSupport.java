package io.edgeproof.commit.basefold;

import io.edgeproof.field.Ext3;
import io.edgeproof.field.Goldilocks;
import io.edgeproof.transcript.DomainSeparator;
import io.edgeproof.transcript.PublicStatement;
import io.edgeproof.transcript.Transcript;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded instances and a transcript that binds the commitments, as a caller would. */
final class BasefoldTestSupport {
    static final DomainSeparator DOMAIN = new DomainSeparator("edgeproof-basefold-test", 1);

    private BasefoldTestSupport() {}

    static long[] randomTable(int n, SplittableRandom rnd) {
        long[] t = new long[1 << n];
        for (int i = 0; i < t.length; i++) {
            t[i] = Goldilocks.reduce64(rnd.nextLong());
        }
        return t;
    }

    static long[] randomPoint(int n, SplittableRandom rnd) {
        long[] p = new long[3 * n];
        for (int i = 0; i < p.length; i++) {
            p[i] = Goldilocks.reduce64(rnd.nextLong());
        }
        return p;
    }

    static Transcript transcript(List<BasefoldCommitment> commitments) {
        PublicStatement st = binder -> {
            for (BasefoldCommitment c : commitments) {
                c.bindTo(binder);
            }
        };
        return Transcript.open(DOMAIN, st);
    }

    /** A committed batch and honest claims: polynomial i at {@code pointsPer[i]} random points. */
    record Instance(List<BasefoldProverData> data, List<BasefoldCommitment> commitments, List<EvaluationClaim> claims) {}

    static Instance instance(BasefoldParams params, int[] sizes, int[] pointsPer, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<BasefoldProverData> data = new ArrayList<>();
        List<BasefoldCommitment> commitments = new ArrayList<>();
        List<EvaluationClaim> claims = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            BasefoldProverData d = BasefoldProver.commit(params, randomTable(sizes[i], rnd));
            data.add(d);
            commitments.add(d.commitment());
            for (int j = 0; j < pointsPer[i]; j++) {
                claims.add(EvaluationClaim.of(d, i, randomPoint(sizes[i], rnd)));
            }
        }
        return new Instance(data, commitments, claims);
    }

    static BasefoldProof prove(BasefoldParams params, Instance in) {
        return BasefoldProver.open(params, in.data(), in.claims(), transcript(in.commitments()));
    }

    static void verify(BasefoldParams params, Instance in, List<EvaluationClaim> claims, BasefoldProof proof)
            throws io.edgeproof.transcript.VerificationException {
        BasefoldVerifier.verify(params, in.commitments(), claims, proof, transcript(in.commitments()));
    }

    static EvaluationClaim withValue(EvaluationClaim c, Ext3 value) {
        return new EvaluationClaim(c.polynomial(), c.point(), value);
    }
}
