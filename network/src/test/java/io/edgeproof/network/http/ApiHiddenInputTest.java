package io.edgeproof.network.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeproof.ledger.LedgerAudit;
import io.edgeproof.ledger.NodeResources;
import io.edgeproof.ledger.Settlement;
import io.edgeproof.network.Assignment;
import io.edgeproof.network.Behaviour;
import io.edgeproof.network.ContentHash;
import io.edgeproof.network.Device;
import io.edgeproof.network.JobResult;
import io.edgeproof.network.ModelKeys;
import io.edgeproof.network.ProviderNode;
import io.edgeproof.network.TestKeys;
import io.edgeproof.zkml.zk.InputLayout;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hidden-input job over the API (1l_mlp, public weights): the status shows only the commitment, the
 * sealed input goes to the assigned node only (403 to anyone else, never in the public content store), and
 * it survives a gateway restart; the node's zero-knowledge proof is paid exactly the escrow.
 */
class ApiHiddenInputTest {
    @TempDir
    Path dir;

    private ApiFixture api;

    @BeforeEach
    void start() throws Exception {
        api = new ApiFixture(dir);
    }

    @AfterEach
    void stop() {
        LedgerAudit a = api.gateway.ledger().audit().check();
        assertThat(a.escrowPosted()).isEqualTo(a.paid() + a.refunded() + a.escrowHeld());
        api.close();
    }

    private GatewayClient join(String name) {
        GatewayClient c = api.client(name);
        c.registerNode(c.address(), ApiFixture.STAKE, new NodeResources(1, 1_024, 0, 1, Set.of(api.model)));
        return c;
    }

    @Test
    void hiddenJobShowsOnlyItsCommitmentServesTheInputToTheAssignedNodeAndSettles() throws Exception {
        GatewayClient a = join("node-a");
        Device.HiddenFrame f = api.meter.captureHidden(TestKeys.input(21), InputLayout.of(TestKeys.proverKey().verifierKey()),
                2, api.clock.now(), new SecureRandom());
        long job = api.client("requester").postHiddenJob(api.model, f.sealed(), f.reading(), ApiFixture.PRICE, 600);
        api.server.tick();
        Assignment held = a.pollAssignments(a.address()).getFirst();
        join("node-b");

        ApiFixture.Reply status = api.signed(TestKeys.key("node-b"), "GET", "/v1/jobs/" + job, null);
        assertThat(status.json().get("visibility").asText()).isEqualTo("hidden");
        assertThat(status.json().get("input_commitment").asText()).isEqualTo(HexFormat.of().formatHex(f.commitment()));
        assertThat(status.body()).doesNotContain("\"input\"");
        for (String stranger : new String[] {"node-b", "requester"}) {
            ApiFixture.Reply r = api.signed(TestKeys.key(stranger), "GET", "/v1/jobs/" + job + "/input", null);
            assertThat(r.status()).as(stranger).isEqualTo(403);
            assertThat(r.json().get("code").asText()).isEqualTo("NOT_ASSIGNED_NODE");
        }
        ApiFixture.Reply content = api.signed(TestKeys.key("node-b"), "GET", "/v1/content/" + held.inputContent().hex(), null);
        assertThat(content.status()).isEqualTo(404);

        api.restart();
        GatewayClient again = api.client("node-a");
        Assignment restored = again.pollAssignments(again.address()).getFirst();
        assertThat(restored.hidden().commitment()).isEqualTo(f.commitment());
        ModelKeys keys = new ModelKeys();
        keys.add(ContentHash.of(TestKeys.modelBytes()), TestKeys.proverKey());
        JobResult r = new ProviderNode(TestKeys.key("node-a"), keys, Behaviour.HONEST).work(restored, again);
        assertThat(r).isInstanceOf(JobResult.Proved.class);

        assertThat(again.submit((JobResult.Proved) r)).isInstanceOf(Settlement.Paid.class);
        LedgerAudit books = api.gateway.ledger().audit();
        assertThat(books.paid()).isEqualTo(ApiFixture.PRICE).isEqualTo(books.escrowPosted());
        assertThat(again.job(job).outputs()).isPresent();
    }
}
