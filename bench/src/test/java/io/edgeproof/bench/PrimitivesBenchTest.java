package io.edgeproof.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrimitivesBenchTest {
    @Test
    void producesEveryPrimitiveFigureInOrder() {
        List<String> progress = new ArrayList<>();
        Map<String, Number> results = new PrimitivesBench(8).run(new MedianTimer(1, 3), progress::add);
        assertThat(results.keySet()).containsExactly("log_size", "field_mul_per_sec",
                "sha256_64b_hashes_per_sec", "sha256_1kib_mb_per_sec",
                "keccak256_64b_hashes_per_sec", "keccak256_1kib_mb_per_sec",
                "blake3_64b_hashes_per_sec", "blake3_1kib_mb_per_sec",
                "sumcheck_prove_ms_2e8", "sumcheck_verify_ms_2e8",
                "pcs_commit_ms_2e8", "pcs_open_ms_2e8", "pcs_verify_ms_2e8", "pcs_proof_bytes_2e8",
                "security_bits");
        assertThat(results.get("log_size")).isEqualTo(8);
        results.forEach((key, value) -> assertThat(value.doubleValue()).as(key).isPositive().isFinite());
        assertThat(progress).hasSize(results.size());
        assertThat(results.get("security_bits").doubleValue()).isGreaterThanOrEqualTo(100);
    }

    @Test
    void rejectsLogSizesOutsideTheSupportedRange() {
        assertThatThrownBy(() -> new PrimitivesBench(PrimitivesBench.MIN_LOG_SIZE - 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PrimitivesBench(PrimitivesBench.MAX_LOG_SIZE + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMetricCannotBeRecordedTwice() {
        BenchResults results = new BenchResults(new MedianTimer(0, 1), line -> { });
        results.recordValue("pcs_proof_bytes_2e10", () -> 123);
        assertThatThrownBy(() -> results.recordValue("pcs_proof_bytes_2e10", () -> 124))
                .isInstanceOf(IllegalStateException.class);
    }
}
