package io.edgeproof.zkml.zk;

import io.edgeproof.field.Goldilocks;
import java.security.SecureRandom;

/** Uniform field elements for the one-time masks (rejection sampling: every output exactly uniform). */
final class Sampling {
    private Sampling() {}

    static long[] uniform(SecureRandom random, int count) {
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            long v;
            do {
                v = random.nextLong();
            } while (!Goldilocks.isCanonical(v));
            out[i] = v;
        }
        return out;
    }
}
