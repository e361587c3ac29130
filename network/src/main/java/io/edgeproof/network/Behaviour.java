package io.edgeproof.network;

import java.util.Optional;
import java.util.SplittableRandom;

/**
 * How a provider node behaves on a job: honest, or dishonest on a reproducible share of jobs. The simulated
 * cheater exists so the network's defences (verification before payment, slashing, reassignment) run on
 * every demo; the choice depends only on the seed and the job id.
 */
public sealed interface Behaviour {
    /** The forgery this node commits on the job, if any. */
    Optional<Forgery> on(long jobId);

    Behaviour HONEST = new Honest();

    static Behaviour dishonest(long seed, double rate) {
        return new Dishonest(seed, rate);
    }

    record Honest() implements Behaviour {
        @Override
        public Optional<Forgery> on(long jobId) {
            return Optional.empty();
        }
    }

    /** Commits the same forgery on every job: for fault-injection tests of one defence at a time. */
    record Always(Forgery forgery) implements Behaviour {
        @Override
        public Optional<Forgery> on(long jobId) {
            return Optional.of(forgery);
        }
    }

    /** Cheats on a share {@code rate} of its jobs, with a forgery picked per job; both drawn from (seed, job). */
    record Dishonest(long seed, double rate) implements Behaviour {
        public Dishonest {
            if (!(rate >= 0 && rate <= 1)) {
                throw new IllegalArgumentException("a cheating rate is in [0, 1]");
            }
        }

        @Override
        public Optional<Forgery> on(long jobId) {
            SplittableRandom r = new SplittableRandom(seed ^ jobId * 0x9E37_79B9_7F4A_7C15L);
            if (r.nextDouble() >= rate) {
                return Optional.empty();
            }
            Forgery[] all = Forgery.values();
            return Optional.of(all[r.nextInt(all.length)]);
        }
    }
}
