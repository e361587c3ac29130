package io.edgeproof.field;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class GoldilocksPropertiesTest {
    private static final BigInteger P = new BigInteger(Long.toUnsignedString(Goldilocks.P));

    private static BigInteger big(long v) {
        return new BigInteger(Long.toUnsignedString(v));
    }

    @Provide
    Arbitrary<Long> elements() {
        Arbitrary<Long> edges = Arbitraries.of(0L, 1L, 2L, Goldilocks.P - 1, Goldilocks.P - 2, 1L << 32,
                (1L << 32) - 1, (1L << 32) + 1, 0xFFFF_FFFF_0000_0000L, Long.MAX_VALUE);
        Arbitrary<Long> random = Arbitraries.longs().map(Goldilocks::reduce64);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, edges), net.jqwik.api.Tuple.of(3, random));
    }

    @Property(tries = 2000)
    void mulMatchesBigInteger(@ForAll("elements") long a, @ForAll("elements") long b) {
        assertThat(big(Goldilocks.mul(a, b))).isEqualTo(big(a).multiply(big(b)).mod(P));
    }

    @Property(tries = 2000)
    void addAndSubMatchBigInteger(@ForAll("elements") long a, @ForAll("elements") long b) {
        assertThat(big(Goldilocks.add(a, b))).isEqualTo(big(a).add(big(b)).mod(P));
        assertThat(big(Goldilocks.sub(a, b))).isEqualTo(big(a).subtract(big(b)).mod(P));
    }

    @Property(tries = 2000)
    void reduce128MatchesBigInteger(@ForAll long lo, @ForAll long hi) {
        BigInteger x = big(hi).shiftLeft(64).add(big(lo));
        assertThat(big(Goldilocks.reduce128(lo, hi))).isEqualTo(x.mod(P));
    }

    @Property(tries = 500)
    void inverseIsInverse(@ForAll("elements") long a) {
        if (a != 0) {
            assertThat(Goldilocks.mul(a, Goldilocks.inverse(a))).isEqualTo(1L);
        }
    }
}
