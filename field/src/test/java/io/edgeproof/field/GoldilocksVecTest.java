package io.edgeproof.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeproof.field.FieldArbitraries.Elements;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongBinaryOperator;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GoldilocksVecTest {
    /** A whole-vector kernel and the scalar operation it must agree with. */
    private record Kernel(String name, VectorOp vector, LongBinaryOperator scalar) {}

    @FunctionalInterface
    private interface VectorOp {
        void apply(long[] a, long[] b, long[] out);
    }

    private static final List<Kernel> KERNELS = List.of(
            new Kernel("add", GoldilocksVec::add, Goldilocks::add),
            new Kernel("sub", GoldilocksVec::sub, Goldilocks::sub),
            new Kernel("mul", GoldilocksVec::mul, Goldilocks::mul));

    private static long[] randomVector(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] edges = {0, 1, Goldilocks.P - 1, Goldilocks.P - 2, 1L << 32, (1L << 32) - 1, 0xFFFF_FFFF_0000_0000L};
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextInt(4) == 0 ? edges[rnd.nextInt(edges.length)] : Goldilocks.reduce64(rnd.nextLong());
        }
        return v;
    }

    private static void assertAgreesWithScalar(long[] a, long[] b) {
        for (Kernel k : KERNELS) {
            long[] out = new long[a.length];
            k.vector().apply(a, b, out);
            for (int i = 0; i < a.length; i++) {
                assertThat(out[i]).as("%s at %d", k.name(), i).isEqualTo(k.scalar().applyAsLong(a[i], b[i]));
            }
        }
        long s = b.length > 0 ? b[0] : 3;
        long[] scaled = new long[a.length];
        GoldilocksVec.mulScalar(a, s, scaled);
        for (int i = 0; i < a.length; i++) {
            assertThat(scaled[i]).as("mulScalar at %d", i).isEqualTo(Goldilocks.mul(a[i], s));
        }
    }

    @Property(tries = 300)
    void kernelsAgreeWithScalarOperations(@ForAll @Size(max = 40) List<@From(supplier = Elements.class) Long> xs,
            @ForAll @Size(max = 40) List<@From(supplier = Elements.class) Long> ys) {
        int n = Math.min(xs.size(), ys.size());
        long[] a = xs.stream().limit(n).mapToLong(Long::longValue).toArray();
        long[] b = ys.stream().limit(n).mapToLong(Long::longValue).toArray();
        assertAgreesWithScalar(a, b);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, (1 << 16) + 3})
    void kernelsAgreeWithScalarOperationsAcrossParallelChunks(int n) {
        assertAgreesWithScalar(randomVector(n, n), randomVector(n, n + 1L));
    }

    @Test
    void everyPairOfEdgeValuesAddsAndSubtractsCorrectly() {
        long[] edges = {0, 1, 2, Goldilocks.P - 1, Goldilocks.P - 2, 1L << 32, (1L << 32) - 1, (1L << 32) + 1,
                0xFFFF_FFFF_0000_0000L, Long.MAX_VALUE, Long.MIN_VALUE};
        for (long x : edges) {
            for (long y : edges) {
                assertThat(GoldilocksVec.addNoBranch(x, y)).isEqualTo(Goldilocks.add(x, y));
                assertThat(GoldilocksVec.subNoBranch(x, y)).isEqualTo(Goldilocks.sub(x, y));
            }
        }
    }

    @Test
    void outputMayAliasAnInput() {
        long[] a = randomVector(100, 1);
        long[] b = randomVector(100, 2);
        long[] expected = new long[100];
        GoldilocksVec.mul(a, b, expected);
        GoldilocksVec.mul(a, b, a);
        assertThat(a).containsExactly(expected);
    }

    @Test
    void rangeFormsTouchOnlyTheirRange() {
        long[] a = randomVector(10, 3);
        long[] b = randomVector(10, 4);
        long[] out = new long[10];
        GoldilocksVec.add(a, b, out, 2, 5);
        for (int i = 0; i < 10; i++) {
            assertThat(out[i]).isEqualTo(i >= 2 && i < 5 ? Goldilocks.add(a[i], b[i]) : 0);
        }
    }

    @Test
    void rejectsVectorsOfDifferentLengths() {
        assertThatThrownBy(() -> GoldilocksVec.add(new long[2], new long[3], new long[2]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GoldilocksVec.mulScalar(new long[2], 5, new long[1]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
