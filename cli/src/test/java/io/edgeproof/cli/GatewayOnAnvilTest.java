package io.edgeproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeproof.ledger.LedgerAudit;
import io.edgeproof.ledger.ModelId;
import io.edgeproof.ledger.NodeResources;
import io.edgeproof.ledger.Settlement;
import io.edgeproof.ledger.crypto.Secp256k1Key;
import io.edgeproof.ledger.device.DeviceId;
import io.edgeproof.network.Assignment;
import io.edgeproof.network.Behaviour;
import io.edgeproof.network.ContentHash;
import io.edgeproof.network.Device;
import io.edgeproof.network.JobResult;
import io.edgeproof.network.ModelKeys;
import io.edgeproof.network.ProviderNode;
import io.edgeproof.network.http.GatewayClient;
import io.edgeproof.network.keys.KeyFile;
import io.edgeproof.zkml.io.ModelFiles;
import io.edgeproof.zkml.proof.ProverKey;
import io.edgeproof.zkml.proof.ZkmlProver;
import io.edgeproof.zkml.quant.ModelCodec;
import io.edgeproof.zkml.quant.QuantizedModel;
import io.edgeproof.zkml.zk.InputLayout;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gateway start --chain anvil} as a child process: the contracts on a local anvil behind the same API;
 * three nodes (in this JVM, over HTTP) and a hidden-input job on digits-mlp that the attesters verify against
 * the camera's signed commitment. The directory cannot be restarted once its anvil is gone.
 */
class GatewayOnAnvilTest {
    private static final long PRICE = 100;
    private static final char[] PASSWORD = "anvil-gateway-test".toCharArray();

    @TempDir
    Path dir;

    private Path key(String name, String... kind) {
        Path f = dir.resolve(name + ".key");
        List<String> args = kind.length == 0 ? List.of("node", "keygen", "--out", f.toString())
                : List.of("device", "keygen", "--out", f.toString(), "--id", kind[0]);
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--password-file", dir.resolve("password").toString()));
        assertThat(CliRun.of(all.toArray(String[]::new)).exitCode()).isZero();
        return f;
    }

    @Test
    void hiddenJobSettlesOnTheEvmContractsBehindTheGatewayApi() throws Exception {
        Files.writeString(dir.resolve("password"), new String(PASSWORD) + "\n");
        Path cam = key("cam", "meter-cam-1");
        List<String> actors = List.of("owner", "requester", "node-a", "node-b", "node-c");
        Map<String, Path> keys = new HashMap<>();
        actors.forEach(a -> keys.put(a, key(a)));
        Path data = dir.resolve("gw");
        try (ChildJvm gateway = ChildJvm.start("gateway", "gateway", "start", "--chain", "anvil", "--port", "0",
                "--data-dir", data.toString(), "--tick-ms", "200", "--genesis", keys.get("requester") + "=10000",
                "--genesis", keys.get("node-a") + "=10000", "--genesis", keys.get("node-b") + "=10000",
                "--genesis", keys.get("node-c") + "=10000")) {
            URI url = URI.create("http://127.0.0.1:" + gateway.await("listening on http://127\\.0\\.0\\.1:(\\d+)", 240).group(1));
            try {
                run(url, keys, cam);
            } finally {
                gateway.terminate();
            }
        }
        CliRun again = CliRun.of("gateway", "start", "--port", "0", "--data-dir", data.toString());
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("anvil keeps no state");
    }

    private void run(URI url, Map<String, Path> keys, Path cam) throws InterruptedException {
        QuantizedModel m = ModelFiles.compile(SharedModelDir.network(SharedModelDir.find(), "digits-mlp"), null, 0.0625).model();
        ProverKey pk = ZkmlProver.setup(m);
        byte[] epm = ModelCodec.encode(m);
        GatewayClient owner = GatewayClient.connect(url, KeyFile.open(keys.get("owner"), PASSWORD).key());
        ModelId model = owner.registerModel(pk.verifierKey().toBytes(), epm);
        Device camera = new Device(new DeviceId("meter-cam-1"), KeyFile.open(cam, PASSWORD).key());
        owner.registerDevice(camera.id(), camera.publicKey());
        ModelKeys modelKeys = new ModelKeys();
        modelKeys.add(ContentHash.of(epm), pk);
        List<GatewayClient> nodes = List.of("node-a", "node-b", "node-c").stream().map(n -> {
            GatewayClient c = GatewayClient.connect(url, KeyFile.open(keys.get(n), PASSWORD).key());
            c.registerNode(c.address(), 10_000, new NodeResources(1, 1_024, 0, 1, Set.of(model)));
            return c;
        }).toList();
        int[] frame = new int[m.inputSize()];
        for (int i = 0; i < frame.length; i++) {
            frame[i] = (i * 7) % 17;
        }
        Device.HiddenFrame f = camera.captureHidden(frame, InputLayout.of(pk.verifierKey()), 2,
                System.currentTimeMillis() / 1000, new SecureRandom());
        GatewayClient requester = GatewayClient.connect(url, KeyFile.open(keys.get("requester"), PASSWORD).key());
        long job = requester.postHiddenJob(model, f.sealed(), f.reading(), PRICE, 600);

        Settlement s = null;
        long until = System.nanoTime() + 60_000_000_000L;
        while (s == null && System.nanoTime() < until) {
            for (GatewayClient c : nodes) {
                for (Assignment a : c.pollAssignments(c.address())) {
                    ProviderNode node = new ProviderNode(keyOf(keys, c), modelKeys, Behaviour.HONEST);
                    s = c.submit((JobResult.Proved) node.work(a, c));
                }
            }
            Thread.sleep(100);
        }
        assertThat(s).as("job " + job + " was never assigned").isInstanceOfSatisfying(Settlement.Paid.class,
                p -> assertThat(p.amount()).isEqualTo(PRICE - 2 * PRICE * AnvilBackend.ATTEST_FEE_BPS / 10_000));
        LedgerAudit a = requester.audit();
        assertThat(a.escrowBalances()).isTrue();
        assertThat(a.paid()).isEqualTo(PRICE).isEqualTo(a.escrowPosted());
        assertThat(requester.job(job).json().get("visibility").asText()).isEqualTo("hidden");
    }

    private static Secp256k1Key keyOf(Map<String, Path> keys, GatewayClient c) {
        return keys.values().stream().map(p -> KeyFile.open(p, PASSWORD)).filter(o -> o.address().equals(c.address()))
                .findFirst().orElseThrow().key();
    }
}
