package io.edgeproof.bench;

import io.edgeproof.commit.basefold.BasefoldCommitment;
import io.edgeproof.commit.basefold.BasefoldParams;
import io.edgeproof.commit.basefold.BasefoldProof;
import io.edgeproof.commit.basefold.BasefoldWorkload;
import io.edgeproof.commit.basefold.EvaluationClaim;
import io.edgeproof.field.Goldilocks;
import io.edgeproof.field.GoldilocksVec;
import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.iop.security.SecurityBudget;
import io.edgeproof.iop.sumcheck.SumcheckProverOutput;
import io.edgeproof.iop.sumcheck.SumcheckWorkload;
import io.edgeproof.transcript.HashFunction;
import io.edgeproof.transcript.Hasher;
import io.edgeproof.transcript.VerificationException;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The figures behind {@code edgeproof bench primitives}: single-thread field multiplication throughput, the
 * throughput of each {@link HashFunction} on Merkle-node inputs (64 bytes) and leaf inputs (1 KiB), the
 * sumcheck of a product of two multilinears and a Basefold commit/open/verify over 2^logSize evaluations,
 * and the security level of those primitives ({@link SecurityBudget#primitives}).
 *
 * <p>{@code logSize} scales the work per run (2^logSize multiplications, 2^(logSize-4) node hashes,
 * 2^(logSize-6) leaf hashes, 2^logSize-entry tables), so small sizes make a quick smoke test; protocol keys
 * carry the size ({@code sumcheck_prove_ms_2e20} at the default).
 */
public final class PrimitivesBench {
    public static final int DEFAULT_LOG_SIZE = 20;
    public static final int MIN_LOG_SIZE = 4;
    public static final int MAX_LOG_SIZE = 26;

    /** Multiplication operands live in blocks this long: 3 x 32 KiB stays in L2, so memory does not bound it. */
    private static final int MUL_BLOCK = 1 << 12;
    private static final int NODE_BYTES = 64;
    private static final int LEAF_BYTES = 1024;
    /** Hash inputs are read from this many random bytes, cycling. */
    private static final int HASH_DATA_BYTES = 1 << 20;

    /** Results land here so the JIT cannot discard the measured work. */
    private static volatile long sink;

    private final int logSize;

    public PrimitivesBench(int logSize) {
        if (logSize < MIN_LOG_SIZE || logSize > MAX_LOG_SIZE) {
            throw new IllegalArgumentException("log size must be in [" + MIN_LOG_SIZE + ", " + MAX_LOG_SIZE + "], got " + logSize);
        }
        this.logSize = logSize;
    }

    /** Runs every measurement; the map keeps measurement order. */
    public Map<String, Number> run(MedianTimer timer, Consumer<String> progress) {
        BenchResults results = new BenchResults(timer, progress);
        results.recordValue("log_size", () -> logSize);
        recordFieldMul(results);
        for (HashFunction hash : HashFunction.values()) {
            recordHash(results, hash);
        }
        recordSumcheck(results);
        recordBasefold(results);
        results.recordValue("security_bits", () -> SecurityBudget.primitives(logSize, BasefoldParams.standard()).bits());
        return results.asMap();
    }

    /**
     * {@code field_mul_per_sec}: a[i] *= b[i] over an L2-resident block, repeated up to 2^logSize products.
     * Products at different i are independent, so this measures throughput, not latency.
     */
    private void recordFieldMul(BenchResults results) {
        long total = 1L << logSize;
        int block = (int) Math.min(total, MUL_BLOCK);
        long repeats = total / block;
        SplittableRandom rnd = new SplittableRandom(1);
        long[] a = randomNonZero(rnd, block);
        long[] b = randomNonZero(rnd, block);
        results.recordRate("field_mul_per_sec", total, () -> {
            for (long r = 0; r < repeats; r++) {
                GoldilocksVec.mul(a, b, a, 0, block);
            }
            sink = a[0];
        });
    }

    /** {@code sumcheck_prove_ms_2e<n>} and {@code sumcheck_verify_ms_2e<n>}: sum_b A(b) B(b), fresh transcripts. */
    private void recordSumcheck(BenchResults results) {
        SumcheckWorkload workload = SumcheckWorkload.randomProductOfTwo(logSize, 3);
        SumcheckProverOutput proved = workload.prove();
        results.recordMillis("sumcheck_prove_ms_" + sizeSuffix(), () -> workload, w -> sink = w.prove().proof().hashCode());
        results.recordMillis("sumcheck_verify_ms_" + sizeSuffix(), () -> proved, p -> verifyOrFail(() -> workload.verify(p)));
    }

    /**
     * {@code pcs_commit_ms}, {@code pcs_open_ms} (one point, drawn from a transcript that bound the commitment),
     * {@code pcs_verify_ms} (decoding the proof bytes included) and {@code pcs_proof_bytes}, standard parameters.
     */
    private void recordBasefold(BenchResults results) {
        BasefoldParams params = BasefoldParams.standard();
        BasefoldWorkload workload = BasefoldWorkload.random(params, logSize, 4);
        results.recordMillis("pcs_commit_ms_" + sizeSuffix(), () -> workload, w -> sink = w.commit().hashCode());
        BasefoldCommitment commitment = workload.commit();
        EvaluationClaim claim = workload.claim();
        results.recordMillis("pcs_open_ms_" + sizeSuffix(), () -> workload, w -> sink = w.open().hashCode());
        byte[] proofBytes = workload.open().toBytes();
        results.recordMillis("pcs_verify_ms_" + sizeSuffix(), () -> proofBytes, bytes -> verifyOrFail(() ->
                workload.verify(commitment, claim, BasefoldProof.fromBytes(bytes, params, logSize))));
        results.recordValue("pcs_proof_bytes_" + sizeSuffix(), () -> proofBytes.length);
    }

    private String sizeSuffix() {
        return "2e" + logSize;
    }

    /** A benchmark that verified nothing would measure nothing: an honest proof must pass. */
    private static void verifyOrFail(Verification check) {
        try {
            check.run();
        } catch (VerificationException | MalformedProofException e) {
            throw new IllegalStateException("an honest benchmark proof was rejected: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Verification {
        void run() throws VerificationException, MalformedProofException;
    }

    private void recordHash(BenchResults results, HashFunction hash) {
        String name = hash.name().toLowerCase(Locale.ROOT);
        byte[] data = new byte[HASH_DATA_BYTES];
        new SplittableRandom(2).nextBytes(data);
        Hasher hasher = hash.newHasher();
        int nodes = 1 << (logSize - 4);
        int leaves = 1 << Math.max(0, logSize - 6);
        results.recordRate(name + "_64b_hashes_per_sec", nodes, () -> hashMany(hasher, data, NODE_BYTES, nodes));
        double megabytes = (double) leaves * LEAF_BYTES / 1e6;
        results.recordRate(name + "_1kib_mb_per_sec", megabytes, () -> hashMany(hasher, data, LEAF_BYTES, leaves));
    }

    private static void hashMany(Hasher hasher, byte[] data, int inputBytes, int count) {
        byte[] out = new byte[Hasher.DIGEST_BYTES];
        long acc = 0;
        for (int i = 0; i < count; i++) {
            int off = (int) (((long) i * inputBytes) % (HASH_DATA_BYTES - inputBytes + 1));
            hasher.hash(data, off, inputBytes, out, 0);
            acc += out[0];
        }
        sink = acc;
    }

    private static long[] randomNonZero(SplittableRandom rnd, int n) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            long x = Goldilocks.reduce64(rnd.nextLong());
            v[i] = x == 0 ? 1 : x;
        }
        return v;
    }
}
