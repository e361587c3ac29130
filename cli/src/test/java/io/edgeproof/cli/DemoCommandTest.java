package io.edgeproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** {@code demo --json} on a small run: real proofs, and the JSON keys the README promises. */
class DemoCommandTest {
    @Test
    void smallDemoEndsWithTheBooksAsJson() throws Exception {
        CliRun run = CliRun.of("demo", "--nodes", "3", "--jobs", "4", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode o = new ObjectMapper().readTree(run.lastOutLine());
        for (String key : new String[] {"jobs_posted", "jobs_verified", "jobs_reassigned", "nodes", "faults",
                "escrow_invariant_ok"}) {
            assertThat(o.has(key)).as(key).isTrue();
        }
        assertThat(o.get("jobs_posted").asInt()).isEqualTo(4);
        assertThat(o.get("jobs_verified").asInt()).isEqualTo(4);
        assertThat(o.get("escrow_invariant_ok").asBoolean()).isTrue();
        assertThat(o.get("nodes")).hasSize(3);
        for (JsonNode n : o.get("nodes")) {
            for (String key : new String[] {"address", "earned", "stake", "slashed", "faults"}) {
                assertThat(n.has(key)).as(key).isTrue();
            }
        }
        assertThat(o.get("faults").get("BAD_DEVICE_SIGNATURE").asInt()).isEqualTo(1);
    }

    @Test
    void rejectsZeroNodes() {
        CliRun run = CliRun.of("demo", "--nodes", "0", "--json");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("at least one node");
    }
}
