package io.edgeproof.field;

import static io.edgeproof.field.FieldArbitraries.P;
import static io.edgeproof.field.FieldArbitraries.big;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeproof.field.FieldArbitraries.Elements;
import io.edgeproof.field.FieldArbitraries.NonZeroElements;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GoldilocksPropertiesTest {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    // ---- agreement with BigInteger ------------------------------------------------------------------

    @Property(tries = 2000)
    void mulMatchesBigInteger(@ForAll(supplier = Elements.class) long a, @ForAll(supplier = Elements.class) long b) {
        assertThat(big(Goldilocks.mul(a, b))).isEqualTo(big(a).multiply(big(b)).mod(P));
        assertThat(big(Goldilocks.square(a))).isEqualTo(big(a).pow(2).mod(P));
    }

    @Property(tries = 2000)
    void addSubNegDblMatchBigInteger(@ForAll(supplier = Elements.class) long a, @ForAll(supplier = Elements.class) long b) {
        assertThat(big(Goldilocks.add(a, b))).isEqualTo(big(a).add(big(b)).mod(P));
        assertThat(big(Goldilocks.sub(a, b))).isEqualTo(big(a).subtract(big(b)).mod(P));
        assertThat(big(Goldilocks.neg(a))).isEqualTo(big(a).negate().mod(P));
        assertThat(big(Goldilocks.dbl(a))).isEqualTo(big(a).shiftLeft(1).mod(P));
    }

    @Property(tries = 2000)
    void reduce128MatchesBigInteger(@ForAll long lo, @ForAll long hi) {
        BigInteger x = big(hi).shiftLeft(64).add(big(lo));
        assertThat(big(Goldilocks.reduce128(lo, hi))).isEqualTo(x.mod(P));
    }

    @Property(tries = 1000)
    void reduce64MatchesBigIntegerOnEveryBitPattern(@ForAll long a) {
        assertThat(big(Goldilocks.reduce64(a))).isEqualTo(big(a).mod(P));
    }

    @Property(tries = 300)
    void powMatchesBigInteger(@ForAll(supplier = Elements.class) long a, @ForAll long e) {
        assertThat(big(Goldilocks.pow(a, e))).isEqualTo(big(a).modPow(big(e), P));
    }

    // ---- field axioms -------------------------------------------------------------------------------

    @Property(tries = 1000)
    void addAndMulAreCommutativeAndAssociative(@ForAll(supplier = Elements.class) long a,
            @ForAll(supplier = Elements.class) long b, @ForAll(supplier = Elements.class) long c) {
        assertThat(Goldilocks.add(a, b)).isEqualTo(Goldilocks.add(b, a));
        assertThat(Goldilocks.mul(a, b)).isEqualTo(Goldilocks.mul(b, a));
        assertThat(Goldilocks.add(Goldilocks.add(a, b), c)).isEqualTo(Goldilocks.add(a, Goldilocks.add(b, c)));
        assertThat(Goldilocks.mul(Goldilocks.mul(a, b), c)).isEqualTo(Goldilocks.mul(a, Goldilocks.mul(b, c)));
    }

    @Property(tries = 1000)
    void mulDistributesOverAddAndSub(@ForAll(supplier = Elements.class) long a,
            @ForAll(supplier = Elements.class) long b, @ForAll(supplier = Elements.class) long c) {
        assertThat(Goldilocks.mul(a, Goldilocks.add(b, c)))
                .isEqualTo(Goldilocks.add(Goldilocks.mul(a, b), Goldilocks.mul(a, c)));
        assertThat(Goldilocks.mul(a, Goldilocks.sub(b, c)))
                .isEqualTo(Goldilocks.sub(Goldilocks.mul(a, b), Goldilocks.mul(a, c)));
    }

    @Property(tries = 1000)
    void identitiesAndAdditiveInverse(@ForAll(supplier = Elements.class) long a, @ForAll(supplier = Elements.class) long b) {
        assertThat(Goldilocks.add(a, 0)).isEqualTo(a);
        assertThat(Goldilocks.mul(a, 1)).isEqualTo(a);
        assertThat(Goldilocks.mul(a, 0)).isZero();
        assertThat(Goldilocks.add(a, Goldilocks.neg(a))).isZero();
        assertThat(Goldilocks.sub(a, b)).isEqualTo(Goldilocks.add(a, Goldilocks.neg(b)));
    }

    @Property(tries = 300)
    void inverseIsInverse(@ForAll(supplier = NonZeroElements.class) long a) {
        long inv = Goldilocks.inverse(a);
        assertThat(Goldilocks.isCanonical(inv)).isTrue();
        assertThat(Goldilocks.mul(a, inv)).isEqualTo(1L);
        assertThat(big(inv)).isEqualTo(big(a).modInverse(P));
    }

    @Test
    void inverseOfZeroIsRejected() {
        assertThatThrownBy(() -> Goldilocks.inverse(0)).isInstanceOf(ArithmeticException.class);
    }

    // ---- batch inversion ----------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 17, 256})
    void batchInverseMatchesSingleInversesAndMayRunInPlace(int n) {
        SplittableRandom rnd = new SplittableRandom(n);
        long[] values = new long[n];
        long[] edges = {Goldilocks.P - 1, 1L << 32, (1L << 32) - 1};
        for (int i = 0; i < n; i++) {
            long v = i < edges.length ? edges[i] : Goldilocks.reduce64(rnd.nextLong());
            values[i] = v == 0 ? 1 : v;
        }
        long[] out = new long[n];
        Goldilocks.batchInverse(values, out);
        for (int i = 0; i < n; i++) {
            assertThat(out[i]).as("index %d", i).isEqualTo(Goldilocks.inverse(values[i]));
        }
        Goldilocks.batchInverse(values, values);
        assertThat(values).containsExactly(out);
    }

    @Property(tries = 100)
    void batchInverseNamesTheIndexOfAZero(@ForAll @IntRange(min = 1, max = 40) int n, @ForAll @IntRange(max = 39) int zeroAt) {
        int z = zeroAt % n;
        long[] values = new long[n];
        Arrays.fill(values, 5);
        values[z] = 0;
        long[] out = new long[n];
        assertThatThrownBy(() -> Goldilocks.batchInverse(values, out))
                .isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("element " + z + " is zero");
    }

    @Test
    void batchInverseRejectsAShortOutput() {
        assertThatThrownBy(() -> Goldilocks.batchInverse(new long[] {1, 2}, new long[1]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- edge values and encodings ------------------------------------------------------------------

    @Test
    void edgeValuesReduceAndWrapAsExpected() {
        long pMinus1 = Goldilocks.P - 1;
        assertThat(Goldilocks.add(pMinus1, 1)).isZero();
        assertThat(Goldilocks.sub(0, 1)).isEqualTo(pMinus1);
        assertThat(Goldilocks.mul(pMinus1, pMinus1)).isEqualTo(1L); // (-1)^2
        assertThat(Goldilocks.mul(1L << 32, 1L << 32)).isEqualTo((1L << 32) - 1); // 2^64 = 2^32 - 1
        assertThat(Goldilocks.mul(1L << 32, Goldilocks.mul(1L << 32, 1L << 32))).isEqualTo(pMinus1); // 2^96 = -1
        assertThat(Goldilocks.reduce64(-1L)).isEqualTo((1L << 32) - 2); // 2^64 - 1
        assertThat(Goldilocks.reduce64(Goldilocks.P)).isZero();
        assertThat(Goldilocks.neg(0)).isZero();
    }

    @ParameterizedTest
    @ValueSource(longs = {Goldilocks.P, Goldilocks.P + 1, -1L})
    void nonCanonicalValuesAreRejected(long v) {
        assertThat(Goldilocks.isCanonical(v)).isFalse();
        assertThatThrownBy(() -> Goldilocks.checkCanonical(v)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 1000)
    void fromSignedMatchesBigIntegerOnEveryLong(@ForAll long v) {
        assertThat(big(Goldilocks.fromSigned(v))).isEqualTo(BigInteger.valueOf(v).mod(P));
    }

    @Property(tries = 1000)
    void signedRoundTripInsideHalfTheField(@ForAll @LongRange(min = -(Long.MAX_VALUE - (1L << 31)), max = Long.MAX_VALUE - (1L << 31)) long v) {
        // |v| <= (p - 1) / 2 = 2^63 - 2^31
        assertThat(Goldilocks.toSigned(Goldilocks.fromSigned(v))).isEqualTo(v);
    }

    @Property(tries = 1000)
    void toSignedIsTheRepresentativeClosestToZero(@ForAll(supplier = Elements.class) long a) {
        long s = Goldilocks.toSigned(a);
        assertThat(Goldilocks.fromSigned(s)).isEqualTo(a);
        assertThat(BigInteger.valueOf(s).abs().shiftLeft(1)).isLessThan(P);
    }

    // ---- roots of unity -----------------------------------------------------------------------------

    @Property(tries = 33)
    void rootOfUnityHasOrderExactlyTwoToTheK(@ForAll @IntRange(max = Goldilocks.TWO_ADICITY) int k) {
        long w = Goldilocks.rootOfUnity(k);
        assertThat(Goldilocks.pow(w, 1L << k)).isEqualTo(1L);
        if (k > 0) {
            assertThat(Goldilocks.pow(w, 1L << (k - 1))).isEqualTo(Goldilocks.P - 1);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, Goldilocks.TWO_ADICITY + 1})
    void rootOfUnityOutsideTheTwoAdicSubgroupIsRejected(int k) {
        assertThatThrownBy(() -> Goldilocks.rootOfUnity(k)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void multiplicativeGeneratorGeneratesTheWholeGroup() {
        // p - 1 = 2^32 * 3 * 5 * 17 * 257 * 65537: g generates iff g^((p-1)/q) != 1 for each prime q.
        BigInteger order = P.subtract(BigInteger.ONE);
        for (long q : new long[] {2, 3, 5, 17, 257, 65537}) {
            assertThat(order.mod(BigInteger.valueOf(q))).isEqualTo(BigInteger.ZERO);
            long e = order.divide(BigInteger.valueOf(q)).longValue();
            assertThat(Goldilocks.pow(Goldilocks.MULTIPLICATIVE_GENERATOR, e)).as("q = %d", q).isNotEqualTo(1L);
        }
        BigInteger rest = order.shiftRight(32);
        assertThat(rest).isEqualTo(BigInteger.valueOf(3L * 5 * 17 * 257 * 65537));
        assertThat(TWO_64.subtract(BigInteger.ONE.shiftLeft(32)).add(BigInteger.ONE)).isEqualTo(P);
    }
}
