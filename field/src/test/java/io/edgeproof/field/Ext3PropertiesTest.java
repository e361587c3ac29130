package io.edgeproof.field;

import static io.edgeproof.field.FieldArbitraries.P;
import static io.edgeproof.field.FieldArbitraries.big;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeproof.field.FieldArbitraries.Elements;
import io.edgeproof.field.FieldArbitraries.Ext3Elements;
import io.edgeproof.field.FieldArbitraries.NonZeroExt3Elements;
import java.math.BigInteger;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class Ext3PropertiesTest {
    private static final Ext3 X = Ext3.of(0, 1, 0);

    /** Schoolbook product of the two polynomials, then X^3 = 2 and X^4 = 2X, all in BigInteger. */
    private static Ext3 referenceMul(Ext3 a, Ext3 b) {
        BigInteger[] x = {big(a.c0()), big(a.c1()), big(a.c2())};
        BigInteger[] y = {big(b.c0()), big(b.c1()), big(b.c2())};
        BigInteger[] prod = new BigInteger[5];
        Arrays.fill(prod, BigInteger.ZERO);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                prod[i + j] = prod[i + j].add(x[i].multiply(y[j]));
            }
        }
        BigInteger w = BigInteger.valueOf(Ext3.NON_RESIDUE);
        return Ext3.of(prod[0].add(w.multiply(prod[3])).mod(P).longValue(),
                prod[1].add(w.multiply(prod[4])).mod(P).longValue(),
                prod[2].mod(P).longValue());
    }

    @Property(tries = 1000)
    void mulMatchesPolynomialProductModuloXCubedMinusTwo(@ForAll(supplier = Ext3Elements.class) Ext3 a,
            @ForAll(supplier = Ext3Elements.class) Ext3 b) {
        assertThat(a.mul(b)).isEqualTo(referenceMul(a, b));
        assertThat(a.square()).isEqualTo(referenceMul(a, a));
    }

    @Test
    void xCubedIsTheNonResidueTwo() {
        assertThat(X.pow(3)).isEqualTo(Ext3.ofBase(2));
        assertThat(X.mul(X)).isEqualTo(Ext3.of(0, 0, 1));
    }

    @Test
    void twoIsNotACubeSoXCubedMinusTwoIsIrreducible() {
        // A cubic with no root is irreducible; X^3 = 2 has a root in F_p iff 2^((p-1)/3) = 1.
        assertThat(Long.remainderUnsigned(Goldilocks.P - 1, 3)).isZero();
        long e = Long.divideUnsigned(Goldilocks.P - 1, 3);
        assertThat(Goldilocks.pow(Ext3.NON_RESIDUE, e)).isNotEqualTo(1L);
        assertThat(big(Goldilocks.pow(Ext3.NON_RESIDUE, e))).isEqualTo(BigInteger.TWO.modPow(big(e), P));
    }

    @Property(tries = 500)
    void addAndMulAreCommutativeAndAssociative(@ForAll(supplier = Ext3Elements.class) Ext3 a,
            @ForAll(supplier = Ext3Elements.class) Ext3 b, @ForAll(supplier = Ext3Elements.class) Ext3 c) {
        assertThat(a.add(b)).isEqualTo(b.add(a));
        assertThat(a.mul(b)).isEqualTo(b.mul(a));
        assertThat(a.add(b).add(c)).isEqualTo(a.add(b.add(c)));
        assertThat(a.mul(b).mul(c)).isEqualTo(a.mul(b.mul(c)));
    }

    @Property(tries = 500)
    void mulDistributesOverAddAndSub(@ForAll(supplier = Ext3Elements.class) Ext3 a,
            @ForAll(supplier = Ext3Elements.class) Ext3 b, @ForAll(supplier = Ext3Elements.class) Ext3 c) {
        assertThat(a.mul(b.add(c))).isEqualTo(a.mul(b).add(a.mul(c)));
        assertThat(a.mul(b.sub(c))).isEqualTo(a.mul(b).sub(a.mul(c)));
    }

    @Property(tries = 500)
    void identitiesNegationAndBaseEmbedding(@ForAll(supplier = Ext3Elements.class) Ext3 a, @ForAll(supplier = Elements.class) long s) {
        assertThat(a.add(Ext3.ZERO)).isEqualTo(a);
        assertThat(a.mul(Ext3.ONE)).isEqualTo(a);
        assertThat(a.add(a.neg())).isEqualTo(Ext3.ZERO);
        assertThat(a.mulBase(s)).isEqualTo(a.mul(Ext3.ofBase(s)));
        assertThat(a.addBase(s)).isEqualTo(a.add(Ext3.ofBase(s)));
        assertThat(Ext3.ofBase(s).isBase()).isTrue();
    }

    @Property(tries = 300)
    void inverseIsInverse(@ForAll(supplier = NonZeroExt3Elements.class) Ext3 a) {
        assertThat(a.mul(a.inverse())).isEqualTo(Ext3.ONE);
    }

    @Property(tries = 100)
    void inverseOfABaseElementIsTheBaseInverse(@ForAll(supplier = Elements.class) long s) {
        if (s != 0) {
            assertThat(Ext3.ofBase(s).inverse()).isEqualTo(Ext3.ofBase(Goldilocks.inverse(s)));
        }
    }

    @Test
    void inverseOfZeroIsRejected() {
        assertThatThrownBy(Ext3.ZERO::inverse).isInstanceOf(ArithmeticException.class);
    }

    @Property(tries = 200)
    void powMatchesRepeatedMultiplication(@ForAll(supplier = Ext3Elements.class) Ext3 a, @ForAll @IntRange(max = 20) int e) {
        Ext3 expected = Ext3.ONE;
        for (int i = 0; i < e; i++) {
            expected = expected.mul(a);
        }
        assertThat(a.pow(e)).isEqualTo(expected);
    }

    @Property(tries = 50)
    void frobeniusHasOrderThree(@ForAll(supplier = Ext3Elements.class) Ext3 a) {
        // a -> a^p generates Gal(F_p^3 / F_p): applied three times it is the identity, once it is not
        // (unless a lies in F_p).
        Ext3 frob = a.pow(Goldilocks.P);
        assertThat(frob.pow(Goldilocks.P).pow(Goldilocks.P)).isEqualTo(a);
        assertThat(frob.equals(a)).isEqualTo(a.isBase());
    }

    @Test
    void nonCanonicalCoefficientsAreRejected() {
        assertThatThrownBy(() -> Ext3.of(0, Goldilocks.P, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ext3.ofBase(-1L)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- Ext3Vec kernels agree with the scalar class --------------------------------------------------

    @Property(tries = 500)
    void vectorKernelsAgreeWithExt3(@ForAll(supplier = Ext3Elements.class) Ext3 a,
            @ForAll(supplier = Ext3Elements.class) Ext3 b, @ForAll(supplier = Elements.class) long s) {
        long[] va = Ext3Vec.allocate(2);
        long[] vb = Ext3Vec.allocate(3);
        a.write(va, 1);
        b.write(vb, 2);
        long[] out = Ext3Vec.allocate(4);

        Ext3Vec.mul(va, 1, vb, 2, out, 0);
        Ext3Vec.add(va, 1, vb, 2, out, 1);
        Ext3Vec.sub(va, 1, vb, 2, out, 2);
        Ext3Vec.mulBase(va, 1, s, out, 3);

        assertThat(Ext3.read(out, 0)).isEqualTo(a.mul(b));
        assertThat(Ext3.read(out, 1)).isEqualTo(a.add(b));
        assertThat(Ext3.read(out, 2)).isEqualTo(a.sub(b));
        assertThat(Ext3.read(out, 3)).isEqualTo(a.mulBase(s));
        assertThat(Ext3Vec.equal(va, 1, vb, 2)).isEqualTo(a.equals(b));
        assertThat(Ext3Vec.length(out)).isEqualTo(4);
    }

    @Property(tries = 200)
    void vectorKernelsMayWriteOverAnInput(@ForAll(supplier = Ext3Elements.class) Ext3 a, @ForAll(supplier = Ext3Elements.class) Ext3 b) {
        long[] v = Ext3Vec.allocate(2);
        a.write(v, 0);
        b.write(v, 1);
        Ext3Vec.mul(v, 0, v, 1, v, 0);
        assertThat(Ext3.read(v, 0)).isEqualTo(a.mul(b));
        Ext3Vec.mul(v, 1, v, 1, v, 1);
        assertThat(Ext3.read(v, 1)).isEqualTo(b.square());
    }

    @Test
    void fromBaseLiftsEveryElement() {
        long[] base = {0, 1, Goldilocks.P - 1, 1L << 32};
        long[] lifted = Ext3Vec.fromBase(base);
        assertThat(Ext3Vec.length(lifted)).isEqualTo(base.length);
        for (int i = 0; i < base.length; i++) {
            assertThat(Ext3.read(lifted, i)).isEqualTo(Ext3.ofBase(base[i]));
        }
    }
}
