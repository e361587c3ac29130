package io.edgeproof.bench.jmh;

import io.edgeproof.field.Ext3;
import io.edgeproof.field.Ext3Vec;
import io.edgeproof.field.Goldilocks;
import io.edgeproof.field.GoldilocksVec;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Field kernels over vectors of {@code size} elements, single-threaded (the sequential range forms), so the
 * time per operation is the time per vector: divide by {@code size} for the time per element.
 *
 * <p>Kernels write back into their first input, so every invocation sees new values. Re-running on the same
 * data lets the branch predictor learn a 4096-element pattern of carries, which once made a branchy
 * Goldilocks multiplication look 4x faster here than on real data.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FieldBench {
    /** 2^12 fits in L2 beside its output; 2^20 streams from memory. */
    @Param({"4096", "1048576"})
    public int size;

    private long[] a;
    private long[] b;
    private long[] out;
    private long[] extA;
    private long[] extB;

    @Setup
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(size);
        a = randomNonZero(rnd, size);
        b = randomNonZero(rnd, size);
        out = new long[size];
        extA = randomNonZero(rnd, 3 * size);
        extB = randomNonZero(rnd, 3 * size);
    }

    private static long[] randomNonZero(SplittableRandom rnd, int n) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            long x = Goldilocks.reduce64(rnd.nextLong());
            v[i] = x == 0 ? 1 : x;
        }
        return v;
    }

    @Benchmark
    public long[] goldilocksMul() {
        GoldilocksVec.mul(a, b, a, 0, size);
        return a;
    }

    @Benchmark
    public long[] goldilocksMulScalar() {
        GoldilocksVec.mulScalar(a, b[0], a, 0, size);
        return a;
    }

    @Benchmark
    public long[] goldilocksAdd() {
        GoldilocksVec.add(a, b, a, 0, size);
        return a;
    }

    @Benchmark
    public long[] goldilocksAddScalarLoop() {
        for (int i = 0; i < size; i++) {
            a[i] = Goldilocks.add(a[i], b[i]);
        }
        return a;
    }

    @Benchmark
    public long[] goldilocksSub() {
        GoldilocksVec.sub(a, b, a, 0, size);
        return a;
    }

    @Benchmark
    public long[] ext3MulInterleaved() {
        for (int i = 0; i < size; i++) {
            Ext3Vec.mul(extA, i, extB, i, extA, i);
        }
        return extA;
    }

    /** The object form, as verifiers use it, as one dependent chain: latency and allocation, not throughput. */
    @Benchmark
    public Ext3 ext3ProductChainObjects() {
        Ext3 acc = Ext3.ONE;
        for (int i = 0; i < size; i++) {
            acc = acc.mul(Ext3.read(extA, i));
        }
        return acc;
    }

    @Benchmark
    public long[] batchInverse() {
        Goldilocks.batchInverse(a, out);
        return out;
    }
}
