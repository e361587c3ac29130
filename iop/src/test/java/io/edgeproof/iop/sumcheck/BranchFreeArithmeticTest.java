package io.edgeproof.iop.sumcheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeproof.field.Goldilocks;
import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

class BranchFreeArithmeticTest {
    private static final BigInteger P = new BigInteger(Long.toUnsignedString(Goldilocks.P));

    private static BigInteger big(long v) {
        return new BigInteger(Long.toUnsignedString(v));
    }

    @Provide
    Arbitrary<Long> elements() {
        Arbitrary<Long> edges = Arbitraries.of(0L, 1L, 2L, Goldilocks.P - 1, Goldilocks.P - 2, 1L << 32,
                (1L << 32) - 1, 0xFFFF_FFFF_0000_0000L, Long.MAX_VALUE);
        return Arbitraries.frequencyOf(Tuple.of(1, edges), Tuple.of(3, Arbitraries.longs().map(Goldilocks::reduce64)));
    }

    /** Any 64-bit word, canonical or not: the dot products accept both. */
    @Provide
    Arbitrary<Long> words() {
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.of(0L, -1L, -2L, Goldilocks.P, 1L << 63)),
                Tuple.of(3, Arbitraries.longs()));
    }

    @Property(tries = 3000)
    void fieldOperationsMatchGoldilocks(@ForAll("elements") long a, @ForAll("elements") long b) {
        assertThat(BranchFreeArithmetic.add(a, b)).isEqualTo(Goldilocks.add(a, b));
        assertThat(BranchFreeArithmetic.sub(a, b)).isEqualTo(Goldilocks.sub(a, b));
        assertThat(BranchFreeArithmetic.mul(a, b)).isEqualTo(Goldilocks.mul(a, b));
        assertThat(BranchFreeArithmetic.dbl(a)).isEqualTo(Goldilocks.dbl(a));
    }

    @Property(tries = 3000)
    void canonicalMatchesReduce64(@ForAll("words") long a) {
        assertThat(BranchFreeArithmetic.canonical(a)).isEqualTo(Goldilocks.reduce64(a));
    }

    @Property(tries = 3000)
    void dotProductsMatchBigInteger(@ForAll("words") long a0, @ForAll("words") long b0, @ForAll("words") long a1,
                                    @ForAll("words") long b1, @ForAll("words") long a2, @ForAll("words") long b2,
                                    @ForAll("words") long a3, @ForAll("words") long b3) {
        BigInteger three = big(a0).multiply(big(b0)).add(big(a1).multiply(big(b1))).add(big(a2).multiply(big(b2)));
        assertThat(big(BranchFreeArithmetic.dot3(a0, b0, a1, b1, a2, b2))).isEqualTo(three.mod(P));
        assertThat(big(BranchFreeArithmetic.dot3Plus(a0, b0, a1, b1, a2, b2, a3))).isEqualTo(three.add(big(a3)).mod(P));
        BigInteger four = three.add(big(a3).multiply(big(b3)));
        assertThat(big(BranchFreeArithmetic.dot4(a0, b0, a1, b1, a2, b2, a3, b3))).isEqualTo(four.mod(P));
    }

    @Property(tries = 300)
    void wideSumsMatchBigInteger(@ForAll("words") long a, @ForAll("words") long b, @ForAll("words") long c,
                                 @ForAll("words") long d) {
        long[] acc = new long[3];
        BigInteger expected = BigInteger.ZERO;
        for (int i = 0; i < 64; i++) { // enough products to carry into the top word
            WideSums.addProduct(acc, 0, a, b);
            WideSums.addDot3(acc, 0, a, c, b, d, c, d);
            expected = expected.add(big(a).multiply(big(b))).add(big(a).multiply(big(c)))
                    .add(big(b).multiply(big(d))).add(big(c).multiply(big(d)));
        }
        assertThat(big(WideSums.reduce(acc, 0))).isEqualTo(expected.mod(P));
    }
}
