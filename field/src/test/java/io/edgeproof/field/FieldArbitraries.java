package io.edgeproof.field;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ArbitrarySupplier;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators and a BigInteger reference shared by the field tests. Edge values (0, 1, p - 1, values around
 * 2^32, the largest canonical values) make up a quarter of all draws, because reductions go wrong at the
 * borders; jqwik's own edge-case enumeration is off, since it would spend all tries on their combinations.
 */
final class FieldArbitraries {
    static final BigInteger P = big(Goldilocks.P);

    private FieldArbitraries() {}

    /** The unsigned value of a 64-bit pattern. */
    static BigInteger big(long v) {
        return new BigInteger(Long.toUnsignedString(v));
    }

    static Arbitrary<Long> elements() {
        Arbitrary<Long> edges = Arbitraries.of(0L, 1L, 2L, Goldilocks.P - 1, Goldilocks.P - 2, 1L << 32,
                (1L << 32) - 1, (1L << 32) + 1, 0xFFFF_FFFF_0000_0000L, Long.MAX_VALUE, Long.MIN_VALUE);
        Arbitrary<Long> random = Arbitraries.longs().map(Goldilocks::reduce64);
        return Arbitraries.frequencyOf(Tuple.of(1, edges), Tuple.of(3, random)).withoutEdgeCases();
    }

    static Arbitrary<Ext3> ext3Elements() {
        Arbitrary<Ext3> special = Arbitraries.of(Ext3.ZERO, Ext3.ONE, Ext3.of(0, 1, 0), Ext3.of(0, 0, 1),
                Ext3.ofBase(Goldilocks.P - 1), Ext3.of(Goldilocks.P - 1, Goldilocks.P - 1, Goldilocks.P - 1));
        Arbitrary<Ext3> random = Combinators.combine(elements(), elements(), elements()).as(Ext3::of);
        return Arbitraries.frequencyOf(Tuple.of(1, special), Tuple.of(6, random)).withoutEdgeCases();
    }

    /** Canonical Goldilocks elements, edge values included. */
    static final class Elements implements ArbitrarySupplier<Long> {
        @Override
        public Arbitrary<Long> get() {
            return elements();
        }
    }

    static final class NonZeroElements implements ArbitrarySupplier<Long> {
        @Override
        public Arbitrary<Long> get() {
            return elements().filter(a -> a != 0);
        }
    }

    static final class Ext3Elements implements ArbitrarySupplier<Ext3> {
        @Override
        public Arbitrary<Ext3> get() {
            return ext3Elements();
        }
    }

    static final class NonZeroExt3Elements implements ArbitrarySupplier<Ext3> {
        @Override
        public Arbitrary<Ext3> get() {
            return ext3Elements().filter(e -> !e.isZero());
        }
    }
}
