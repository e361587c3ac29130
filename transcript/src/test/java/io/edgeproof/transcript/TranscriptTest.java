package io.edgeproof.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeproof.field.Ext3;
import io.edgeproof.field.Goldilocks;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class TranscriptTest {
    private static final DomainSeparator DOMAIN = new DomainSeparator("edgeproof-test", 1);
    private static final PublicStatement STATEMENT = b -> b.u64("rows", 1024).base("claim", 42);

    /** Opens the reference transcript, runs {@code script} on it and draws one extension challenge. */
    private static Ext3 challengeAfter(Consumer<Transcript> script) {
        return challengeAfter(DOMAIN, STATEMENT, script);
    }

    private static Ext3 challengeAfter(DomainSeparator domain, PublicStatement statement, Consumer<Transcript> script) {
        Transcript t = Transcript.open(domain, statement);
        script.accept(t);
        return t.challengeExt("alpha");
    }

    private static final Consumer<Transcript> REFERENCE_SCRIPT =
            t -> t.base("round-0", 7).exts("round-1", new long[] {1, 2, 3});

    // ---- determinism ----------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(HashFunction.class)
    void sameCallsGiveSameChallenges(HashFunction hash) {
        Transcript a = Transcript.open(DOMAIN, STATEMENT, hash);
        Transcript b = Transcript.open(DOMAIN, STATEMENT, hash);
        for (Transcript t : List.of(a, b)) {
            REFERENCE_SCRIPT.accept(t);
        }
        assertThat(a.challengeExt("alpha")).isEqualTo(b.challengeExt("alpha"));
        assertThat(a.challengeBase("beta")).isEqualTo(b.challengeBase("beta"));
        assertThat(a.challengeIndices("queries", 40, 1000)).containsExactly(b.challengeIndices("queries", 40, 1000));
        assertThat(a.challengeExts("batch", 5)).containsExactly(b.challengeExts("batch", 5));
        assertThat(a.fingerprint()).isEqualTo(b.fingerprint());
    }

    // ---- everything absorbed binds later challenges ---------------------------------------------------

    @Test
    void differentStatementValueChangesChallenges() {
        PublicStatement other = b -> b.u64("rows", 1024).base("claim", 43);
        assertThat(challengeAfter(DOMAIN, other, REFERENCE_SCRIPT)).isNotEqualTo(challengeAfter(REFERENCE_SCRIPT));
    }

    @Test
    void differentStatementLabelChangesChallenges() {
        PublicStatement other = b -> b.u64("cols", 1024).base("claim", 42);
        assertThat(challengeAfter(DOMAIN, other, REFERENCE_SCRIPT)).isNotEqualTo(challengeAfter(REFERENCE_SCRIPT));
    }

    @Test
    void differentDomainVersionOrProtocolChangesChallenges() {
        Ext3 reference = challengeAfter(REFERENCE_SCRIPT);
        assertThat(challengeAfter(new DomainSeparator("edgeproof-test", 2), STATEMENT, REFERENCE_SCRIPT)).isNotEqualTo(reference);
        assertThat(challengeAfter(new DomainSeparator("edgeproof-tesT", 1), STATEMENT, REFERENCE_SCRIPT)).isNotEqualTo(reference);
    }

    @Test
    void differentHashFunctionChangesChallenges() {
        Set<Ext3> seen = new HashSet<>();
        for (HashFunction hash : HashFunction.values()) {
            Transcript t = Transcript.open(DOMAIN, STATEMENT, hash);
            REFERENCE_SCRIPT.accept(t);
            seen.add(t.challengeExt("alpha"));
        }
        assertThat(seen).hasSize(HashFunction.values().length);
    }

    @Test
    void everyProverMessageChangesLaterChallenges() {
        Ext3 reference = challengeAfter(REFERENCE_SCRIPT);
        List<Consumer<Transcript>> variants = List.of(
                t -> t.base("round-0", 8).exts("round-1", new long[] {1, 2, 3}),          // value
                t -> t.base("round-0", 7).exts("round-1", new long[] {1, 2, 4}),          // last coefficient
                t -> t.base("round-O", 7).exts("round-1", new long[] {1, 2, 3}),          // label
                t -> t.exts("round-1", new long[] {1, 2, 3}).base("round-0", 7),          // order
                t -> t.base("round-0", 7),                                                // a message missing
                t -> t.base("round-0", 7).exts("round-1", new long[] {1, 2, 3}).bytes("x", new byte[0]), // empty extra
                t -> t.base("round-0", 7).exts("round-1", new long[] {1, 2, 3, 0, 0, 0})); // trailing zeros
        for (int i = 0; i < variants.size(); i++) {
            assertThat(challengeAfter(variants.get(i))).as("variant %d", i).isNotEqualTo(reference);
        }
    }

    @Test
    void labelAndDataCannotTradeBytes() {
        byte[] c = "c".getBytes(StandardCharsets.UTF_8);
        byte[] bc = "bc".getBytes(StandardCharsets.UTF_8);
        assertThat(challengeAfter(t -> t.bytes("ab", c))).isNotEqualTo(challengeAfter(t -> t.bytes("a", bc)));
        assertThat(challengeAfter(t -> t.bytes("a", new byte[] {1, 2}).bytes("b", new byte[] {3})))
                .isNotEqualTo(challengeAfter(t -> t.bytes("a", new byte[] {1}).bytes("b", new byte[] {2, 3})));
    }

    @Test
    void challengeLabelAndPositionMatter() {
        Transcript a = Transcript.open(DOMAIN, STATEMENT);
        Transcript b = Transcript.open(DOMAIN, STATEMENT);
        assertThat(a.challengeBase("alpha")).isNotEqualTo(b.challengeBase("beta"));
        Transcript c = Transcript.open(DOMAIN, STATEMENT);
        assertThat(c.challengeBase("alpha")).isNotEqualTo(c.challengeBase("alpha")); // a squeeze is absorbed too
    }

    @Test
    void absorbingBetweenChallengesDiscardsBufferedRandomness() {
        Transcript a = Transcript.open(DOMAIN, STATEMENT);
        Transcript b = Transcript.open(DOMAIN, STATEMENT);
        a.challengeBase("first");
        b.challengeBase("first");
        a.base("msg", 1);
        b.base("msg", 2);
        assertThat(a.challengeBase("second")).isNotEqualTo(b.challengeBase("second"));
    }

    // ---- challenge distributions ------------------------------------------------------------------------

    @Test
    void fieldChallengesAreCanonical() {
        Transcript t = Transcript.open(DOMAIN, STATEMENT);
        long[] exts = t.challengeExts("many", 1000);
        for (long v : exts) {
            assertThat(Goldilocks.isCanonical(v)).isTrue();
        }
        assertThat(new HashSet<>(Arrays.stream(exts).boxed().toList())).hasSize(exts.length);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 1000, 1 << 20, (1 << 20) + 1, Integer.MAX_VALUE})
    void indicesStayInRange(int bound) {
        int[] idx = Transcript.open(DOMAIN, STATEMENT).challengeIndices("queries", 500, bound);
        assertThat(idx).hasSize(500);
        for (int i : idx) {
            assertThat(i).isBetween(0, bound - 1);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {7, 10, 16})
    void indicesAreUniformIncludingBoundsThatAreNotPowersOfTwo(int bound) {
        int samples = 20_000;
        long[] counts = new long[bound];
        for (int i : Transcript.open(DOMAIN, STATEMENT).challengeIndices("queries", samples, bound)) {
            counts[i]++;
        }
        double expected = (double) samples / bound;
        double chiSquare = 0;
        for (long c : counts) {
            chiSquare += (c - expected) * (c - expected) / expected;
        }
        // The transcript is deterministic, so this is one fixed sample, not a flaky test. 42 is the 99.99%
        // quantile of chi^2 with 15 degrees of freedom (the most used here); a skewed sampler lands far above.
        assertThat(chiSquare).isLessThan(42.0);
    }

    @Test
    void indexRequestsAreValidated() {
        Transcript t = Transcript.open(DOMAIN, STATEMENT);
        assertThat(t.challengeIndices("none", 0, 10)).isEmpty();
        assertThatThrownBy(() -> t.challengeIndices("q", 3, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.challengeIndices("q", 3, -5)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- proof of work ----------------------------------------------------------------------------------

    @Test
    void honestGrindingNonceIsAcceptedAndKeepsTranscriptsInStep() throws VerificationException {
        Transcript prover = Transcript.open(DOMAIN, STATEMENT);
        Transcript verifier = Transcript.open(DOMAIN, STATEMENT);
        long nonce = prover.grind(10);
        verifier.verifyWork(10, nonce);
        assertThat(verifier.fingerprint()).isEqualTo(prover.fingerprint());
        assertThat(verifier.challengeExt("after-work")).isEqualTo(prover.challengeExt("after-work"));
    }

    @Test
    void rejectsNonceWithInsufficientWork() {
        long nonce = Transcript.open(DOMAIN, STATEMENT).grind(10);
        // grind returns the smallest working nonce, so the one before it cannot work.
        assertThat(nonce).as("the fixed transcript needs a non-zero nonce").isPositive();
        Transcript verifier = Transcript.open(DOMAIN, STATEMENT);
        assertThatThrownBy(() -> verifier.verifyWork(10, nonce - 1))
                .isInstanceOf(VerificationException.class)
                .satisfies(e -> assertThat(((VerificationException) e).reason()).isEqualTo(TranscriptReason.INSUFFICIENT_WORK));
    }

    @Test
    void rejectsNonceGroundForAnotherStatement() {
        PublicStatement other = b -> b.u64("rows", 1024).base("claim", 43);
        Transcript prover = Transcript.open(DOMAIN, other);
        long nonce = prover.grind(12);
        Transcript verifier = Transcript.open(DOMAIN, STATEMENT);
        assertThatThrownBy(() -> verifier.verifyWork(12, nonce))
                .isInstanceOf(VerificationException.class)
                .satisfies(e -> assertThat(((VerificationException) e).reason()).isEqualTo(TranscriptReason.INSUFFICIENT_WORK));
    }

    @Test
    void zeroBitsOfWorkAcceptsAnyNonceAndOutOfRangeBitsAreRejected() throws VerificationException {
        assertThat(Transcript.open(DOMAIN, STATEMENT).grind(0)).isZero();
        Transcript.open(DOMAIN, STATEMENT).verifyWork(0, 12345);
        Transcript t = Transcript.open(DOMAIN, STATEMENT);
        assertThatThrownBy(() -> t.grind(41)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.verifyWork(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
