package io.edgeproof.network.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgeproof.ledger.NodeResources;
import io.edgeproof.network.TestKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests that must not get through: unsigned, signed over something else, replayed, stale, signed by one
 * key in another's name, malformed, oversized. Each gets one JSON error with its code, and the books, the
 * event log and the requester's balance stay exactly as they were.
 */
class ApiAuthTest {
    @TempDir
    Path dir;

    private ApiFixture api;
    private ApiFixture.Books before;

    @BeforeEach
    void start() throws Exception {
        api = new ApiFixture(dir);
        before = api.books();
    }

    @AfterEach
    void stop() {
        api.gateway.ledger().audit().check();
        api.close();
    }

    /** One JSON object {"error", "code"} with the status, no stack trace; nothing changed. */
    private void assertRefused(ApiFixture.Reply r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        JsonNode o = r.json();
        List<String> keys = new ArrayList<>();
        o.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactlyInAnyOrder("error", "code");
        assertThat(o.get("code").asText()).isEqualTo(code);
        assertThat(o.get("error").asText()).isNotBlank();
        assertThat(r.body()).doesNotContain("\tat ", "Exception");
        assertThat(api.books()).isEqualTo(before);
    }

    @Test
    void unsignedJobIsRefusedAsMissingSignature() {
        assertRefused(api.raw("POST", "/v1/jobs", api.jobBody(1), Map.of()), 401, "MISSING_SIGNATURE");
    }

    @Test
    void signatureOverAnotherBodyIsRefused() {
        byte[] signedBody = api.jobBody(2);
        byte[] sentBody = new String(signedBody, StandardCharsets.UTF_8).replace("\"price\":100", "\"price\":1")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(sentBody).isNotEqualTo(signedBody);
        Map<String, String> h = api.headers("requester", "POST", "/v1/jobs", signedBody, api.clock.now());
        assertRefused(api.raw("POST", "/v1/jobs", sentBody, h), 401, "BAD_SIGNATURE");
    }

    @Test
    void signatureForAnotherPathOrChainIsRefused() {
        byte[] body = api.jobBody(3);
        Map<String, String> otherPath = api.headers("requester", "POST", "/v1/models", body, api.clock.now());
        assertRefused(api.raw("POST", "/v1/jobs", body, otherPath), 401, "BAD_SIGNATURE");
        Map<String, String> otherChain = ApiSignature.headers(TestKeys.key("requester"), 1, "POST", "/v1/jobs", body,
                api.clock.now());
        assertRefused(api.raw("POST", "/v1/jobs", body, otherChain), 401, "BAD_SIGNATURE");
    }

    @Test
    void replayedRequestIsRefusedEvenAfterAGatewayRestart() throws Exception {
        byte[] body = api.jobBody(4);
        Map<String, String> h = api.headers("requester", "POST", "/v1/jobs", body, api.clock.now());
        ApiFixture.Reply first = api.raw("POST", "/v1/jobs", body, h);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        before = api.books();
        assertThat(before.requesterBalance()).isEqualTo(99 * ApiFixture.PRICE);

        assertRefused(api.raw("POST", "/v1/jobs", body, h), 401, "REPLAYED_NONCE");
        api.restart();
        assertRefused(api.raw("POST", "/v1/jobs", body, h), 401, "REPLAYED_NONCE");
    }

    @Test
    void timestampOutsideTheWindowIsRefusedAsStale() {
        byte[] body = api.jobBody(5);
        for (long skew : new long[] {-ApiFixture.WINDOW - 1, ApiFixture.WINDOW + 1}) {
            Map<String, String> h = api.headers("requester", "POST", "/v1/jobs", body, api.clock.now() + skew);
            assertRefused(api.raw("POST", "/v1/jobs", body, h), 401, "STALE_TIMESTAMP");
        }
    }

    @Test
    void requestInAnotherAddressNameIsRefused() {
        byte[] body = api.jobBody(6);
        Map<String, String> h = new HashMap<>(api.headers("node-b", "POST", "/v1/jobs", body, api.clock.now()));
        h.put(ApiSignature.ADDRESS, ApiFixture.address("requester").hex());
        assertRefused(api.raw("POST", "/v1/jobs", body, h), 401, "KEY_NOT_ADDRESS");

        Map<String, String> borrowedKey = new HashMap<>(api.headers("node-b", "POST", "/v1/jobs", body, api.clock.now()));
        borrowedKey.put(ApiSignature.ADDRESS, ApiFixture.address("requester").hex());
        borrowedKey.put(ApiSignature.PUBLIC_KEY, HexFormat.of().formatHex(TestKeys.key("requester").publicKey()));
        assertRefused(api.raw("POST", "/v1/jobs", body, borrowedKey), 401, "BAD_SIGNATURE");
    }

    @Test
    void nodeCannotHeartbeatOrPollForAnotherNode() {
        GatewayClient a = api.client("node-a");
        a.registerNode(a.address(), ApiFixture.STAKE, new NodeResources(1, 1, 0, 1, Set.of(api.model)));
        long heartbeat = api.gateway.ledger().node(a.address()).orElseThrow().lastHeartbeat();
        api.clock.advance(10);
        before = api.books();
        String node = "/v1/nodes/" + a.address().hex();

        assertRefused(api.signed(TestKeys.key("node-b"), "POST", node + "/heartbeat", "{}".getBytes()), 403, "NOT_YOUR_NODE");
        assertRefused(api.signed(TestKeys.key("node-b"), "GET", node + "/assignments", null), 403, "NOT_YOUR_NODE");
        assertThat(api.gateway.ledger().node(a.address()).orElseThrow().lastHeartbeat()).isEqualTo(heartbeat);
    }

    @Test
    void malformedBodiesAreRefusedNamingTheProblem() {
        var requester = TestKeys.key("requester");
        for (String body : new String[] {"{not json", "[1, 2]", "{} trailing", "", "{\"a\": 1, \"a\": 2}"}) {
            assertRefused(api.signed(requester, "POST", "/v1/jobs", body.getBytes(StandardCharsets.UTF_8)), 400,
                    "MALFORMED_REQUEST");
        }
        String valid = new String(api.jobBody(7), StandardCharsets.UTF_8);
        ApiFixture.Reply negativePrice = api.signed(requester, "POST", "/v1/jobs",
                valid.replace("\"price\":100", "\"price\":-5").getBytes(StandardCharsets.UTF_8));
        assertRefused(negativePrice, 400, "MALFORMED_REQUEST");
        assertThat(negativePrice.json().get("error").asText()).contains("'price'");
        ApiFixture.Reply notInt16 = api.signed(requester, "POST", "/v1/jobs",
                valid.replaceFirst("\"input\":\\[-?[0-9]+", "\"input\":[40000").getBytes(StandardCharsets.UTF_8));
        assertRefused(notInt16, 400, "MALFORMED_REQUEST");
        assertThat(notInt16.json().get("error").asText()).contains("'input[0]'");
        assertRefused(api.signed(requester, "GET", "/v1/jobs/0", null), 400, "MALFORMED_REQUEST");
    }

    @Test
    void oversizedBodyIsRefusedBeforeItIsRead() {
        byte[] huge = new byte[ApiFixture.MAX_BODY + 1];
        Arrays.fill(huge, (byte) ' ');
        assertRefused(api.signed(TestKeys.key("requester"), "POST", "/v1/jobs", huge), 413, "BODY_TOO_LARGE");
    }

    @Test
    void unknownEndpointsAndMethodsAreRefused() {
        assertRefused(api.raw("GET", "/v1/secrets", null, Map.of()), 404, "UNKNOWN_ENDPOINT");
        assertRefused(api.raw("DELETE", "/v1/jobs", null, Map.of()), 405, "METHOD_NOT_ALLOWED");
        assertRefused(api.signed(TestKeys.key("requester"), "GET", "/v1/jobs/99", null), 404, "UNKNOWN_JOB");
    }

    @Test
    void ledgerRefusalsKeepTheirFaultCode() {
        GatewayClient poor = api.client("nobody");
        assertRefused(api.signed(TestKeys.key("nobody"), "POST", "/v1/jobs", api.jobBody(8)), 409, "INSUFFICIENT_ESCROW");
        assertThat(poor.balance(poor.address())).isZero();
    }
}
