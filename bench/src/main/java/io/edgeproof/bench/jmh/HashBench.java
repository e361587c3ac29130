package io.edgeproof.bench.jmh;

import io.edgeproof.transcript.HashFunction;
import io.edgeproof.transcript.Hasher;
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
 * One hash call per operation, for each {@link HashFunction}: 64-byte inputs are a Merkle node compression
 * (two child digests), 1024-byte inputs a leaf. Divide the input size by the time per operation for bytes/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HashBench {
    @Param({"SHA256", "KECCAK256", "BLAKE3"})
    public HashFunction hash;

    @Param({"64", "1024"})
    public int inputBytes;

    private Hasher hasher;
    private byte[] input;
    private final byte[] digest = new byte[Hasher.DIGEST_BYTES];

    @Setup
    public void setup() {
        hasher = hash.newHasher();
        input = new byte[inputBytes];
        new SplittableRandom(inputBytes).nextBytes(input);
    }

    @Benchmark
    public byte[] hashOnce() {
        hasher.hash(input, 0, input.length, digest, 0);
        return digest;
    }
}
