package io.edgeproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.EventType;
import io.edgeproof.ledger.Fault;
import io.edgeproof.ledger.JobState;
import io.edgeproof.ledger.JobView;
import io.edgeproof.ledger.LedgerAudit;
import io.edgeproof.ledger.LedgerEvent;
import io.edgeproof.ledger.LedgerRules;
import io.edgeproof.ledger.ManualClock;
import io.edgeproof.ledger.crypto.Secp256k1Key;
import io.edgeproof.ledger.embedded.EmbeddedLedger;
import io.edgeproof.ledger.zkml.ZkmlProofVerifier;
import io.edgeproof.network.http.GatewayClient;
import io.edgeproof.network.keys.KeyFile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The network as separate processes, as the README runs it: a gateway JVM, provider node JVMs and this JVM
 * as the model owner and requester, all through the commands and the HTTP API, with real digits-cnn proofs.
 * Nodes and the gateway are killed with SIGKILL mid-run; every job must still be paid exactly once and the
 * books must balance (checked over the API, then on the ledger file itself once the gateway is gone).
 */
class NetworkProcessesTest {
    private static final long PRICE = 100;
    private static final int HEARTBEAT_TIMEOUT = 3;

    @TempDir
    Path dir;

    private final List<ChildJvm> children = new ArrayList<>();
    private final Map<String, Path> keys = new HashMap<>();
    private Path passwordFile;
    private Path onnx;
    private String model;

    @BeforeEach
    void keys() throws Exception {
        passwordFile = dir.resolve("password");
        Files.writeString(passwordFile, "processes-test\n");
        for (String name : List.of("owner", "requester", "node-a", "node-b", "node-c")) {
            Path f = dir.resolve(name + ".key");
            cli("node", "keygen", "--out", f.toString(), "--password-file", passwordFile.toString());
            keys.put(name, f);
        }
        Path cam = dir.resolve("cam.key");
        cli("device", "keygen", "--out", cam.toString(), "--id", "meter-cam-1", "--password-file", passwordFile.toString());
        keys.put("cam", cam);
        onnx = SharedModelDir.network(SharedModelDir.find(), "digits-cnn");
    }

    @AfterEach
    void stopChildren() throws InterruptedException {
        for (ChildJvm c : children) {
            c.close();
        }
    }

    private static CliRun cli(String... args) {
        CliRun r = CliRun.of(args);
        assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.out() + r.err()).isZero();
        return r;
    }

    private ChildJvm child(String name, String... args) throws Exception {
        ChildJvm c = ChildJvm.start(name, args);
        children.add(c);
        return c;
    }

    private ChildJvm gateway(Path data, int port) throws Exception {
        ChildJvm g = child("gateway", "gateway", "start", "--port", Integer.toString(port), "--data-dir", data.toString(),
                "--heartbeat-timeout", Integer.toString(HEARTBEAT_TIMEOUT), "--tick-ms", "200",
                "--genesis", keys.get("requester") + "=10000", "--genesis", keys.get("node-a") + "=10000",
                "--genesis", keys.get("node-b") + "=10000", "--genesis", keys.get("node-c") + "=10000");
        g.await("listening on http://127\\.0\\.0\\.1:(\\d+)", 60);
        return g;
    }

    private static String url(ChildJvm gateway) throws InterruptedException {
        return "http://127.0.0.1:" + gateway.await("listening on http://127\\.0\\.0\\.1:(\\d+)", 1).group(1);
    }

    /** Starts a node process; {@link #joined} waits until it has registered. */
    private ChildJvm node(String name, String url, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("node", "start", "--gateway", url, "--key", keys.get(name).toString(),
                "--password-file", passwordFile.toString(), "--heartbeat-ms", "500", "--poll-ms", "200"));
        args.addAll(List.of(extra));
        return child(name, args.toArray(String[]::new));
    }

    private static void joined(ChildJvm... nodes) throws InterruptedException {
        for (ChildJvm n : nodes) {
            n.await("registered: staked|resumed:", 90);
        }
    }

    /** The owner registers digits-cnn (raw scale 1/16: the camera's pixels are k/16) and the camera. */
    private void register(String url) {
        CliRun m = cli("model", "register", "--gateway", url, "--key", keys.get("owner").toString(), "--password-file",
                passwordFile.toString(), "--model", onnx.toString(), "--raw-scale", "0.0625", "--json");
        model = m.lastOutLine().replaceAll(".*\"model_id\":\"([0-9a-f]{64})\".*", "$1");
        cli("device", "register", "--gateway", url, "--key", keys.get("owner").toString(), "--password-file",
                passwordFile.toString(), "--device", keys.get("cam").toString());
    }

    /** The camera signs frame {@code sample} of input.json as reading {@code seq}; the requester posts it. */
    private long submit(String url, int sample, int seq) throws Exception {
        Path reading = dir.resolve("reading-" + seq + ".json");
        cli("device", "sign", "--key", keys.get("cam").toString(), "--password-file", passwordFile.toString(),
                "--input", onnx.resolveSibling("input.json").toString(), "--sample", Integer.toString(sample),
                "--model", onnx.toString(), "--raw-scale", "0.0625", "--seq", Integer.toString(seq), "--out",
                reading.toString());
        CliRun r = cli("job", "submit", "--gateway", url, "--key", keys.get("requester").toString(), "--password-file",
                passwordFile.toString(), "--model", model, "--reading", reading.toString(), "--price",
                Long.toString(PRICE), "--deadline", "600", "--json");
        JsonNode o = new ObjectMapper().readTree(r.lastOutLine());
        return o.get("job_id").asLong();
    }

    private static GatewayClient reader(String url) {
        return GatewayClient.connect(URI.create(url), Secp256k1Key.generate(new SecureRandom()));
    }

    private static JobView awaitPaid(GatewayClient c, long job, int seconds) throws InterruptedException {
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        JobView v = c.job(job).view();
        while (v.state() != JobState.PAID && System.nanoTime() < until) {
            Thread.sleep(200);
            v = c.job(job).view();
        }
        assertThat(v.state()).as("job " + job + ": " + v).isEqualTo(JobState.PAID);
        return v;
    }

    @Test
    void nodeKilledMidJobLosesItWithoutSlashAndAnotherNodeIsPaid() throws Exception {
        ChildJvm gw = gateway(dir.resolve("gw"), 0);
        String url = url(gw);
        register(url);
        ChildJvm a = node("node-a", url, "--hold-result-ms", "120000");
        joined(a);
        long job = submit(url, 0, 1);
        a.await("job " + job + ": assigned", 90);
        joined(node("node-b", url)); // registers after the assignment: A holds the job
        a.await("job " + job + ": holding the result", 90);
        a.kill9();

        GatewayClient c = reader(url);
        JobView paid = awaitPaid(c, job, 90);

        Address nodeA = KeyFile.address(keys.get("node-a"));
        Address nodeB = KeyFile.address(keys.get("node-b"));
        assertThat(paid.node()).isEqualTo(nodeB);
        assertThat(paid.attempts()).isEqualTo(2);
        assertThat(paid.lastFault()).isEqualTo(Fault.NODE_OFFLINE);
        assertThat(c.node(nodeA).orElseThrow().slashedTotal()).isZero();
        assertThat(c.job(job).outputs()).isPresent();
        LedgerAudit books = c.audit().check();
        assertThat(books.escrowPosted()).isEqualTo(PRICE);
        assertThat(books.paid()).isEqualTo(PRICE);
        assertThat(books.escrowHeld()).isZero();
        assertThat(gw.output()).contains("NODE_OFFLINE", "JOB_REASSIGNED", "JOB_PAID");
    }

    @Test
    void gatewayKilledMidRunRecoversAndEveryJobIsPaidExactlyOnce() throws Exception {
        Path data = dir.resolve("gw");
        ChildJvm first = gateway(data, 0);
        String url = url(first);
        int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
        register(url);
        joined(node("node-b", url), node("node-c", url));
        int jobs = 4;
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            ids.add(submit(url, i, i + 1));
        }
        first.await("JOB_PAID", 90);
        first.kill9();

        ChildJvm second = gateway(data, port);
        int open = Integer.parseInt(second.await("recovered .*: (\\d+) open jobs", 1).group(1));
        assertThat(open).as("killed mid-run: jobs still open").isBetween(1, jobs - 1);
        GatewayClient c = reader(url);
        for (long id : ids) {
            awaitPaid(c, id, 120);
            assertThat(c.job(id).outputs()).as("outputs of job " + id).isPresent();
        }
        List<LedgerEvent> events = c.events(0, 1_000);
        Map<Long, Integer> payments = new HashMap<>();
        events.stream().filter(e -> e.type() == EventType.JOB_PAID).forEach(e -> payments.merge(e.jobId(), 1, Integer::sum));
        assertThat(payments).hasSize(jobs).allSatisfy((job, n) -> assertThat(n).as("payments of job " + job).isEqualTo(1));
        long earned = c.node(KeyFile.address(keys.get("node-b"))).orElseThrow().earnedTotal()
                + c.node(KeyFile.address(keys.get("node-c"))).orElseThrow().earnedTotal();
        assertThat(earned).isEqualTo(jobs * PRICE);
        second.kill9();

        LedgerRules rules = LedgerRules.standard().withTimings(1_000, HEARTBEAT_TIMEOUT, 120);
        try (EmbeddedLedger ledger = EmbeddedLedger.open(data.resolve("ledger.db"), 31_337, rules,
                new ManualClock(0), new ZkmlProofVerifier())) {
            LedgerAudit books = ledger.audit().check();
            assertThat(books.paid()).isEqualTo(jobs * PRICE);
            assertThat(books.escrowPosted()).isEqualTo(jobs * PRICE);
            assertThat(books.escrowHeld()).isZero();
            assertThat(ledger.balanceOf(KeyFile.address(keys.get("requester")))).isEqualTo(10_000 - jobs * PRICE);
        }
    }
}
