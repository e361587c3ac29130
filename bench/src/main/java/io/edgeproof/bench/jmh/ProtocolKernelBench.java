package io.edgeproof.bench.jmh;

import io.edgeproof.commit.merkle.MerkleTree;
import io.edgeproof.field.Goldilocks;
import io.edgeproof.field.Ntt;
import io.edgeproof.iop.lookup.LookupWorkload;
import io.edgeproof.iop.sumcheck.SumcheckProverOutput;
import io.edgeproof.iop.sumcheck.SumcheckWorkload;
import io.edgeproof.transcript.HashFunction;
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
 * The kernels under the protocols, at 2^logSize: NTT (in place, bit-reversed output), Merkle tree build over
 * rows of 16 elements (a folding coset), the product sumcheck prover and a LogUp-GKR lookup of 2^logSize
 * 16-bit values. {@code ./edgeproof bench primitives} times the whole protocols; these isolate the parts.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ProtocolKernelBench {
    private static final int MERKLE_ROW = 16;

    @Param({"16", "20"})
    public int logSize;

    private long[] values;
    private long[] scratch;
    private Ntt ntt;
    private SumcheckWorkload sumcheck;
    private LookupWorkload lookup;

    @Setup
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(logSize);
        values = new long[1 << logSize];
        for (int i = 0; i < values.length; i++) {
            values[i] = Goldilocks.reduce64(rnd.nextLong());
        }
        scratch = new long[values.length];
        ntt = Ntt.ofLog(logSize);
        sumcheck = SumcheckWorkload.randomProductOfTwo(logSize, 5);
        lookup = LookupWorkload.randomRangeLookups(logSize, 6);
    }

    @Benchmark
    public long[] nttForward() {
        System.arraycopy(values, 0, scratch, 0, values.length);
        ntt.forwardToBitReversed(scratch);
        return scratch;
    }

    @Benchmark
    public byte[] merkleBuildSha256() {
        return MerkleTree.build(values, MERKLE_ROW, HashFunction.SHA256).root();
    }

    @Benchmark
    public SumcheckProverOutput productSumcheckProve() {
        return sumcheck.prove();
    }

    @Benchmark
    public LookupWorkload.Proved logUpRangeLookupProve() {
        return lookup.prove();
    }
}
