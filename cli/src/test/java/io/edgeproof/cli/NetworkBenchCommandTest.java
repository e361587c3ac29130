package io.edgeproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench network --json} on a tiny honest network (its few proofs proved into a fresh bank), and bad options. */
class NetworkBenchCommandTest {
    @TempDir
    Path bank;

    @Test
    void endsWithTheJsonTheIssueAsksFor() throws Exception {
        CliRun r = CliRun.of("bench", "network", "--nodes", "4", "--jobs", "8", "--dishonest", "0", "--offline", "0",
                "--proof-cache", bank.toString(), "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("pass 1 proved 8 proofs");
        JsonNode o = new ObjectMapper().readTree(r.lastOutLine());
        for (String key : new String[] {"nodes", "jobs", "jobs_per_sec", "p50_ms", "p99_ms", "lost_jobs", "verified",
                "reassigned", "slashed_nodes", "settle_breakdown", "ledger", "audit", "failures"}) {
            assertThat(o.has(key)).as(key).isTrue();
        }
        assertThat(o.get("nodes").asInt()).isEqualTo(4);
        assertThat(o.get("jobs").asInt()).isEqualTo(8);
        assertThat(o.get("lost_jobs").asInt()).isZero();
        assertThat(o.get("verified").asInt()).isEqualTo(8);
        assertThat(o.get("jobs_per_sec").asDouble()).isPositive();
        assertThat(o.get("proofs_proved_live").asInt()).isZero();
        assertThat(o.get("audit").asText()).endsWith(": ok");
    }

    @Test
    void rejectsATooSmallNetworkAndTooManyBadNodes() {
        CliRun one = CliRun.of("bench", "network", "--nodes", "1", "--proof-cache", bank.toString());
        assertThat(one.exitCode()).isEqualTo(2);
        assertThat(one.err()).contains("at least 2 nodes");
        CliRun bad = CliRun.of("bench", "network", "--dishonest", "0.4", "--offline", "0.2", "--proof-cache",
                bank.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("at most 0.5");
    }
}
