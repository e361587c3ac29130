package io.edgeproof.network.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeproof.ledger.JobState;
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
import io.edgeproof.network.node.NodeRunner;
import io.edgeproof.zkml.proof.ZkmlProver;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Results over the API: a node process's loop end to end, and the submissions the gateway must refuse. */
class ApiSettlementTest {
    @TempDir
    Path dir;

    private ApiFixture api;

    @BeforeEach
    void start() throws Exception {
        api = new ApiFixture(dir);
    }

    @AfterEach
    void stop() {
        api.gateway.ledger().audit().check();
        api.close();
    }

    private ProviderNode prover(String name) {
        ModelKeys keys = new ModelKeys();
        keys.add(ContentHash.of(TestKeys.modelBytes()), TestKeys.proverKey());
        return new ProviderNode(TestKeys.key(name), keys, Behaviour.HONEST);
    }

    private GatewayClient join(String name) {
        GatewayClient c = api.client(name);
        c.registerNode(c.address(), ApiFixture.STAKE, new NodeResources(1, 1_024, 0, 1, Set.of(api.model)));
        return c;
    }

    private long post(GatewayClient requester, long seed) {
        Device.SignedFrame f = api.meter.capture(TestKeys.input(seed), api.clock.now());
        return requester.postJob(api.model, f.input(), f.reading(), ApiFixture.PRICE, 600);
    }

    private static void await(BooleanSupplier done, Runnable step) throws InterruptedException {
        long until = System.nanoTime() + 60_000_000_000L;
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out").isLessThan(until);
            step.run();
            Thread.sleep(50);
        }
    }

    @Test
    void nodeRunnerProvesADeviceJobAndAPublicJobOverHttp() throws Exception {
        GatewayClient requester = api.client("requester");
        NodeRunner.Config config = new NodeRunner.Config(ApiFixture.STAKE, 1, 1_024, 0, 1, List.of(), 200, 50, 0);
        List<String> log = new CopyOnWriteArrayList<>();
        ModelKeys keys = new ModelKeys();
        keys.add(ContentHash.of(TestKeys.modelBytes()), TestKeys.proverKey());
        GatewayClient nodeClient = api.client("node-a");
        try (NodeRunner runner = new NodeRunner(nodeClient, new ProviderNode(TestKeys.key("node-a"), keys,
                Behaviour.HONEST), keys, config, api.clock, log::add)) {
            runner.start();
            long device = post(requester, 11);
            long open = requester.postJob(api.model, TestKeys.input(12), null, ApiFixture.PRICE, 600);

            await(() -> requester.job(device).view().state() == JobState.PAID
                    && requester.job(open).view().state() == JobState.PAID, api.server::tick);

            int[] expected = ZkmlProver.prove(TestKeys.proverKey(), TestKeys.input(12), 1, new byte[0]).outputs();
            assertThat(requester.job(open).outputs()).hasValueSatisfying(o -> assertThat(o).isEqualTo(expected));
            assertThat(requester.job(device).outputs()).isPresent();
        }
        assertThat(log).anyMatch(l -> l.startsWith("registered: staked 10000"));
        assertThat(log).anyMatch(l -> l.matches("job \\d+: paid 100"));
        assertThat(api.client("node-a").node(nodeClient.address()).orElseThrow().earnedTotal()).isEqualTo(2 * ApiFixture.PRICE);
    }

    @Test
    void resultFromAnotherNodeIsRefusedAndTheAssignedNodeIsStillPaid() {
        GatewayClient a = join("node-a");
        long job = post(api.client("requester"), 13);
        api.server.tick();
        GatewayClient b = join("node-b");
        Assignment held = a.pollAssignments(a.address()).getFirst();
        JobResult.Proved byA = (JobResult.Proved) prover("node-a").work(held, a);
        JobResult.Proved byB = (JobResult.Proved) prover("node-b").work(held, b);
        ApiFixture.Books before = api.books();

        for (JobResult.Proved stolen : List.of(byB, new JobResult.Proved(job, b.address(), byA.proof(), byA.outputs()))) {
            assertThatThrownBy(() -> b.submit(stolen)).isInstanceOfSatisfying(ApiException.class, e -> {
                assertThat(e.status()).isEqualTo(403);
                assertThat(e.code()).isEqualTo("NOT_ASSIGNED_NODE");
            });
        }
        assertThat(api.books()).isEqualTo(before);
        assertThat(b.node(b.address()).orElseThrow().slashedTotal()).isZero();

        assertThat(a.submit(byA)).isInstanceOf(Settlement.Paid.class);
        assertThat(api.gateway.ledger().job(job).orElseThrow().node()).isEqualTo(a.address());
    }

    @Test
    void secondSubmissionOfAPaidJobIsRefusedAndPaysOnce() {
        GatewayClient a = join("node-a");
        long job = post(api.client("requester"), 14);
        api.server.tick();
        Assignment held = a.pollAssignments(a.address()).getFirst();
        JobResult.Proved result = (JobResult.Proved) prover("node-a").work(held, a);
        assertThat(a.submit(result)).isInstanceOf(Settlement.Paid.class);
        ApiFixture.Books paid = api.books();

        assertThatThrownBy(() -> a.submit(result)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(409);
            assertThat(e.code()).isEqualTo("DUPLICATE_SUBMISSION");
        });
        assertThat(api.books()).isEqualTo(paid);
        assertThat(paid.audit().paid()).isEqualTo(ApiFixture.PRICE);
        assertThat(a.job(job).outputs()).hasValueSatisfying(o -> assertThat(o).isEqualTo(result.outputs()));
    }

    @Test
    void unreadableProofIsRefusedAsMalformedRequestWithoutSlashing() {
        GatewayClient a = join("node-a");
        long job = post(api.client("requester"), 15);
        api.server.tick();
        ApiFixture.Books before = api.books();
        ApiFixture.Reply r = api.signed(TestKeys.key("node-a"), "POST", "/v1/jobs/" + job + "/result",
                "{\"proof\": \"%%%\", \"outputs\": [1]}".getBytes());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).contains("'proof'");
        assertThat(api.books()).isEqualTo(before);
        assertThat(a.node(a.address()).orElseThrow().slashedTotal()).isZero();
    }

    @Test
    void assignmentsAreHandedOutAgainUntilSettledSoARestartedNodeFindsItsJob() throws Exception {
        GatewayClient a = join("node-a");
        long job = post(api.client("requester"), 16);
        api.server.tick();
        assertThat(a.pollAssignments(a.address())).extracting(Assignment::jobId).containsExactly(job);
        assertThat(a.pollAssignments(a.address())).extracting(Assignment::jobId).containsExactly(job);
        api.restart();
        GatewayClient again = api.client("node-a");
        assertThat(again.pollAssignments(again.address())).extracting(Assignment::jobId).containsExactly(job);
    }
}
