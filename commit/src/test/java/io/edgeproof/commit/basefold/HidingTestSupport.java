package io.edgeproof.commit.basefold;

import io.edgeproof.field.Ext3;
import io.edgeproof.transcript.PublicStatement;
import io.edgeproof.transcript.Transcript;
import io.edgeproof.transcript.VerificationException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded hiding instances: deterministic SecureRandom, a transcript binding the commitments. */
final class HidingTestSupport {
    private HidingTestSupport() {}

    static SecureRandom seeded(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Transcript transcript(List<HidingCommitment> commitments) {
        PublicStatement st = binder -> {
            for (HidingCommitment c : commitments) {
                c.bindTo(binder);
            }
        };
        return Transcript.open(BasefoldTestSupport.DOMAIN, st);
    }

    record Instance(List<HidingProverData> data, List<HidingCommitment> commitments, List<WeightedClaim> claims) {}

    /** {@code polys} random tables of n variables, {@code claims} claims of {@code pointsPer} weighted points. */
    static Instance instance(BasefoldParams p, int n, int polys, int claims, int pointsPer, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        SecureRandom random = seeded(seed);
        List<HidingProverData> data = new ArrayList<>();
        List<HidingCommitment> commitments = new ArrayList<>();
        for (int i = 0; i < polys; i++) {
            HidingProverData d = HidingBasefold.commit(p, BasefoldTestSupport.randomTable(n, rnd), random);
            data.add(d);
            commitments.add(d.commitment());
        }
        List<WeightedClaim> out = new ArrayList<>();
        for (int c = 0; c < claims; c++) {
            List<long[]> points = new ArrayList<>();
            Ext3[] weights = new Ext3[pointsPer];
            for (int j = 0; j < pointsPer; j++) {
                points.add(BasefoldTestSupport.randomPoint(n, rnd));
                weights[j] = j == 0 ? Ext3.ONE : Ext3.read(BasefoldTestSupport.randomPoint(1, rnd), 0);
            }
            out.add(WeightedClaim.of(data, points, weights));
        }
        return new Instance(data, commitments, out);
    }

    static HidingProof prove(BasefoldParams p, Instance in, long seed) {
        return HidingBasefold.open(p, in.data(), in.claims(), transcript(in.commitments()), seeded(seed));
    }

    static void verify(BasefoldParams p, Instance in, List<WeightedClaim> claims, HidingProof proof)
            throws VerificationException {
        HidingBasefoldVerifier.verify(p, in.commitments(), claims, proof, transcript(in.commitments()));
    }
}
