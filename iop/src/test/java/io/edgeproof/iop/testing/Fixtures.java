package io.edgeproof.iop.testing;

import io.edgeproof.field.Ext3;
import io.edgeproof.field.Goldilocks;
import io.edgeproof.transcript.DomainSeparator;
import io.edgeproof.transcript.PublicStatement;
import io.edgeproof.transcript.Transcript;
import java.util.SplittableRandom;

/** Seeded randomness and transcripts shared by the iop tests. */
public final class Fixtures {
    private Fixtures() {}

    public static Transcript transcript() {
        return transcript("edgeproof-iop-test");
    }

    public static Transcript transcript(String protocol) {
        return Transcript.open(new DomainSeparator(protocol, 1), PublicStatement.none());
    }

    public static long randomBase(SplittableRandom rnd) {
        while (true) {
            long v = rnd.nextLong();
            if (Goldilocks.isCanonical(v)) {
                return v;
            }
        }
    }

    public static Ext3 randomExt(SplittableRandom rnd) {
        return Ext3.of(randomBase(rnd), randomBase(rnd), randomBase(rnd));
    }

    public static long[] randomBaseTable(int length, SplittableRandom rnd) {
        long[] t = new long[length];
        for (int i = 0; i < length; i++) {
            t[i] = randomBase(rnd);
        }
        return t;
    }

    /** An interleaved vector of {@code length} random extension elements (a table or a point). */
    public static long[] randomExtVector(int length, SplittableRandom rnd) {
        return randomBaseTable(3 * length, rnd);
    }

    /** Flips one bit of a canonical element, staying canonical (the low bit never crosses p). */
    public static long tweak(long v) {
        return v == Goldilocks.P - 1 ? v - 1 : v ^ 1;
    }
}
