package io.edgeproof.network.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.LedgerAudit;
import io.edgeproof.ledger.ManualClock;
import io.edgeproof.ledger.ModelId;
import io.edgeproof.ledger.crypto.Secp256k1Key;
import io.edgeproof.ledger.device.DeviceId;
import io.edgeproof.network.Device;
import io.edgeproof.network.TestKeys;
import io.edgeproof.network.persist.DurableGateway;
import io.edgeproof.network.persist.GatewaySettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * A gateway served over HTTP on 127.0.0.1 (free port) from a temporary directory, on a manual clock that
 * both the gateway and the test's clients read; ezkl/1l_mlp and device meter-1 registered, the requester and
 * nodes node-a, node-b, node-c funded. The ticker is left idle: tests call {@link GatewayServer#tick()}.
 */
final class ApiFixture implements AutoCloseable {
    static final long PRICE = 100;
    static final long STAKE = 10_000;
    static final int MAX_BODY = 512 * 1024;
    static final long WINDOW = 120;

    final ManualClock clock = new ManualClock(1_800_000_000L);
    final Path dir;
    final Device meter = new Device(new DeviceId("meter-1"), TestKeys.key("meter-1"));
    DurableGateway gateway;
    GatewayServer server;
    ModelId model;
    private final HttpClient http = HttpClient.newHttpClient();

    ApiFixture(Path dir) throws IOException {
        this.dir = dir;
        start();
        gateway.mintGenesis(Map.of(TestKeys.address("requester"), 100 * PRICE, TestKeys.address("node-a"), STAKE,
                TestKeys.address("node-b"), STAKE, TestKeys.address("node-c"), STAKE));
        GatewayClient owner = client("owner");
        model = owner.registerModel(TestKeys.proverKey().verifierKey().toBytes(), TestKeys.modelBytes());
        owner.registerDevice(meter.id(), meter.publicKey());
    }

    private void start() throws IOException {
        gateway = DurableGateway.open(dir, GatewaySettings.standard(), clock);
        server = GatewayServer.start(gateway, new GatewayServer.Config("127.0.0.1", 0, WINDOW, MAX_BODY, 4 << 20,
                3_600_000, 4), clock, line -> { });
    }

    /** Stops the server and gateway and starts them again on the same directory. */
    void restart() throws IOException {
        close();
        start();
    }

    GatewayClient client(String name) {
        return GatewayClient.connect(server.uri(), TestKeys.key(name), clock);
    }

    /** What must not move when a request is refused: the books, the event log, the requester's balance. */
    record Books(LedgerAudit audit, int events, long requesterBalance) {}

    Books books() {
        return new Books(gateway.ledger().audit(), gateway.ledger().events(0, 100_000).size(),
                gateway.ledger().balanceOf(TestKeys.address("requester")));
    }

    /** A reply as received: status and body. */
    record Reply(int status, String body) {
        JsonNode json() {
            try {
                return Wire.JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    /** Sends exactly these bytes and headers, as an attacker or a broken client would. */
    Reply raw(String method, String target, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.uri() + target))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new AssertionError("the request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Signs with {@code key} for the gateway's chain at the clock's time, and sends. */
    Reply signed(Secp256k1Key key, String method, String target, byte[] body) {
        byte[] b = body == null ? new byte[0] : body;
        return raw(method, target, body, ApiSignature.headers(key, gateway.settings().chainId(), method, target, b,
                clock.now()));
    }

    Map<String, String> headers(String signer, String method, String target, byte[] body, long timestamp) {
        return ApiSignature.headers(TestKeys.key(signer), gateway.settings().chainId(), method, target, body, timestamp);
    }

    /** A job body on meter-1's next reading. */
    byte[] jobBody(long seed) {
        Device.SignedFrame f = meter.capture(TestKeys.input(seed), clock.now());
        ObjectNode o = Wire.object();
        o.put("model_id", model.hex());
        o.set("input", Wire.ints(f.input()));
        o.set("reading", Wire.reading(f.reading()));
        o.put("price", PRICE);
        o.put("deadline_seconds", 600);
        return Wire.bytes(o);
    }

    static Address address(String name) {
        return TestKeys.address(name);
    }

    @Override
    public void close() {
        server.close();
        gateway.close();
    }
}
