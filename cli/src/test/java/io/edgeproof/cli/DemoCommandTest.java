package io.edgeproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code demo --json} on a small run: real proofs (the default hides one frame in four: proved in zero
 * knowledge), and the JSON keys the README promises.
 */
class DemoCommandTest {
    @Test
    void smallDemoEndsWithTheBooksAsJson() throws Exception {
        CliRun run = CliRun.of("demo", "--nodes", "3", "--jobs", "4", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode o = new ObjectMapper().readTree(run.lastOutLine());
        for (String key : new String[] {"jobs_posted", "jobs_verified", "hidden_posted", "hidden_verified",
                "jobs_reassigned", "nodes", "faults", "hidden_faults", "escrow_invariant_ok"}) {
            assertThat(o.has(key)).as(key).isTrue();
        }
        assertThat(o.get("jobs_posted").asInt()).isEqualTo(4);
        assertThat(o.get("jobs_verified").asInt()).isEqualTo(4);
        assertThat(o.get("hidden_posted").asInt()).isEqualTo(1);
        assertThat(o.get("hidden_verified").asInt()).isEqualTo(1);
        assertThat(o.get("chain").asText()).isEqualTo("embedded");
        assertThat(o.get("rewards_minted").asLong()).isEqualTo(1_000);
        assertThat(o.get("escrow_invariant_ok").asBoolean()).isTrue();
        assertThat(o.get("nodes")).hasSize(3);
        for (JsonNode n : o.get("nodes")) {
            for (String key : new String[] {"address", "jobs_paid", "hidden_paid", "earned", "fees", "reward", "stake",
                    "slashed", "faults"}) {
                assertThat(n.has(key)).as(key).isTrue();
            }
        }
        assertThat(o.get("faults").get("BAD_DEVICE_SIGNATURE").asInt()).isEqualTo(1);
    }

    /**
     * The same run on the EVM contracts on a local anvil (skipped without node/npm), one frame of three hidden
     * (its attesters verify a zero-knowledge proof): books balance, gas shown.
     */
    @Test
    void demoOnAnvilSettlesTheSameWayAndReportsGas() throws Exception {
        CliRun run = CliRun.of("demo", "--chain", "anvil", "--nodes", "3", "--jobs", "3", "--hidden-share", "0.5",
                "--json");
        Assumptions.assumeFalse(run.exitCode() == 2 && run.err().contains("chain tools are missing"), run.err());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode o = new ObjectMapper().readTree(run.lastOutLine());
        assertThat(o.get("chain").asText()).isEqualTo("anvil");
        assertThat(o.get("jobs_verified").asInt()).isEqualTo(3);
        assertThat(o.get("hidden_verified").asInt()).isEqualTo(1);
        assertThat(o.get("escrow_invariant_ok").asBoolean()).isTrue();
        assertThat(o.get("rewards_minted").asLong()).isPositive();
        long fees = 0;
        for (JsonNode n : o.get("nodes")) {
            fees += n.get("fees").asLong();
        }
        assertThat(fees).isPositive();
        for (String op : new String[] {"postJob (device)", "assign", "submitResult", "attest (k-th: settles, pays fees)",
                "closeEpoch", "claimReward"}) {
            assertThat(o.get("gas").has(op)).as(op).isTrue();
        }
    }

    @Test
    void rejectsAnUnknownChainAndTooFewNodesForTheQuorum() {
        CliRun unknown = CliRun.of("demo", "--chain", "ganache", "--json");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("embedded or anvil");
        CliRun few = CliRun.of("demo", "--chain", "anvil", "--nodes", "2", "--json");
        assertThat(few.exitCode()).isEqualTo(2);
        assertThat(few.err()).contains("at least 3 nodes");
    }

    @Test
    void rejectsZeroNodesAndAHiddenShareOutsideZeroToOne() {
        CliRun run = CliRun.of("demo", "--nodes", "0", "--json");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("at least one node");
        CliRun share = CliRun.of("demo", "--hidden-share", "1.5", "--json");
        assertThat(share.exitCode()).isEqualTo(2);
        assertThat(share.err()).contains("--hidden-share is between 0 and 1");
    }
}
