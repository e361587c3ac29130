package io.edgeproof.network.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.JobView;
import io.edgeproof.ledger.LedgerAudit;
import io.edgeproof.ledger.LedgerEvent;
import io.edgeproof.ledger.ModelId;
import io.edgeproof.ledger.NodeResources;
import io.edgeproof.ledger.NodeView;
import io.edgeproof.ledger.Settlement;
import io.edgeproof.ledger.crypto.Secp256k1Key;
import io.edgeproof.ledger.device.DeviceId;
import io.edgeproof.ledger.device.SignedReading;
import io.edgeproof.network.Assignment;
import io.edgeproof.network.SealedInput;
import io.edgeproof.network.ContentHash;
import io.edgeproof.network.GatewayPort;
import io.edgeproof.network.JobResult;
import io.edgeproof.network.NetworkException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's API from the caller's side, every request signed with the caller's key. A provider node
 * uses it as its {@link GatewayPort}; requesters, model and device owners use the other methods. A refusal
 * comes back as {@link ApiException} with the gateway's code; a gateway that cannot be reached as
 * {@link GatewayUnreachableException}, so callers can tell "try again" from "no".
 */
public final class GatewayClient implements GatewayPort {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(5);

    private final URI base;
    private final Secp256k1Key key;
    private final Address address;
    private final InstantSource clock;
    private final HttpClient http;
    private final Info info;

    /** What GET /v1/info says about the deployment. */
    public record Info(long chainId, long time, long window, long minStake, long heartbeatTimeout, long assignmentWindow) {}

    /** A model the gateway serves. */
    public record RemoteModel(ModelId id, ContentHash content, int inputSize) {}

    /** A job's status: the ledger's view, the published outputs once paid, the nodes' refusals. */
    public record RemoteJob(JobView view, Optional<int[]> outputs, List<String> refusals, JsonNode json) {}

    private GatewayClient(URI base, Secp256k1Key key, InstantSource clock) {
        this.base = base;
        this.key = key;
        this.address = Address.ofPublicKey(key.publicKey());
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        JsonNode i = send("GET", "/v1/info", null, false, TIMEOUT).node();
        Wire.In in = new Wire.In(i, "");
        this.info = new Info(in.integer("chain_id", Long.MIN_VALUE, Long.MAX_VALUE), in.integer("time", 0, Long.MAX_VALUE),
                in.integer("window_seconds", 1, Long.MAX_VALUE), in.integer("min_stake", 0, Long.MAX_VALUE),
                in.integer("heartbeat_timeout", 1, Long.MAX_VALUE), in.integer("assignment_window", 1, Long.MAX_VALUE));
    }

    /** Connects (reads GET /v1/info for the chain id every signature names). */
    public static GatewayClient connect(URI base, Secp256k1Key key) {
        return connect(base, key, InstantSource.system());
    }

    public static GatewayClient connect(URI base, Secp256k1Key key, InstantSource clock) {
        String s = base.toString();
        return new GatewayClient(URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s), key, clock);
    }

    public Info info() {
        return info;
    }

    public Address address() {
        return address;
    }

    /** Seconds the gateway's clock was ahead of ours when we connected. */
    public long clockSkew() {
        return info.time() - clock.instant().getEpochSecond();
    }

    // --- GatewayPort: what a provider node does ------------------------------------------------------------

    @Override
    public void registerNode(Address node, long stake, NodeResources resources) {
        mustBeSelf(node);
        ObjectNode body = Wire.resources(resources);
        body.put("stake", stake);
        post("/v1/nodes", body);
    }

    @Override
    public void heartbeat(Address node) {
        mustBeSelf(node);
        post("/v1/nodes/" + node.hex() + "/heartbeat", Wire.object());
    }

    /** Every job this node holds and has not settled (the gateway hands them out until they leave the node). */
    @Override
    public List<Assignment> pollAssignments(Address node) {
        mustBeSelf(node);
        JsonNode list = get("/v1/nodes/" + node.hex() + "/assignments").get("assignments");
        List<Assignment> out = new ArrayList<>();
        for (JsonNode a : list) {
            out.add(new Wire.In(a, "assignments[].").assignment());
        }
        return out;
    }

    @Override
    public byte[] fetch(ContentHash hash) {
        try {
            return send("GET", "/v1/content/" + hash.hex(), null, true, UPLOAD_TIMEOUT).body();
        } catch (ApiException e) {
            throw notFound(e);
        }
    }

    /** The sealed input of a hidden job this node is assigned (403 NOT_ASSIGNED_NODE for anyone else). */
    @Override
    public byte[] fetchSealedInput(Address node, long jobId) {
        mustBeSelf(node);
        try {
            return send("GET", "/v1/jobs/" + jobId + "/input", null, true, UPLOAD_TIMEOUT).body();
        } catch (ApiException e) {
            throw e.status() == 404 || e.status() == 403 ? new NetworkException(e.getMessage()) : e;
        }
    }

    @Override
    public byte[] devicePublicKey(DeviceId device) {
        try {
            return new Wire.In(get("/v1/devices/" + device.value()), "").hex("public_key", -1);
        } catch (ApiException e) {
            throw notFound(e);
        }
    }

    /** A 404 is the gateway saying "no such thing" (the node refuses the job); anything else is passed on. */
    private static RuntimeException notFound(ApiException e) {
        return e.status() == 404 ? new NetworkException(e.getMessage()) : e;
    }

    @Override
    public Settlement submit(JobResult.Proved result) {
        mustBeSelf(result.node());
        ObjectNode body = Wire.object();
        body.put("proof", Wire.base64(result.proof()));
        body.set("outputs", Wire.ints(result.outputs()));
        return new Wire.In(post("/v1/jobs/" + result.jobId() + "/result", body), "").settlement();
    }

    @Override
    public void refuse(JobResult.Refused refusal) {
        mustBeSelf(refusal.node());
        ObjectNode body = Wire.object();
        body.put("reason", refusal.reason());
        post("/v1/jobs/" + refusal.jobId() + "/refusal", body);
    }

    private void mustBeSelf(Address node) {
        if (!node.equals(address)) {
            throw new IllegalArgumentException("this client signs as " + address + ", not " + node);
        }
    }

    // --- everyone ------------------------------------------------------------------------------------------

    public Optional<NodeView> node(Address node) {
        try {
            return Optional.of(new Wire.In(get("/v1/nodes/" + node.hex()), "").nodeView());
        } catch (ApiException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public long balance(Address account) {
        return get("/v1/accounts/" + account.hex()).get("balance").asLong();
    }

    public List<RemoteModel> models() {
        List<RemoteModel> out = new ArrayList<>();
        for (JsonNode m : get("/v1/models").get("models")) {
            Wire.In in = new Wire.In(m, "models[].");
            out.add(new RemoteModel(in.modelId("model_id"), in.contentHash("content"),
                    (int) in.integer("input_size", 0, Integer.MAX_VALUE)));
        }
        return out;
    }

    public ModelId registerModel(byte[] verifierKey, byte[] modelBytes) {
        ObjectNode body = Wire.object();
        body.put("verifier_key", Wire.base64(verifierKey));
        body.put("model", Wire.base64(modelBytes));
        return new Wire.In(send("POST", "/v1/models", Wire.bytes(body), true, UPLOAD_TIMEOUT).node(), "").modelId("model_id");
    }

    public void registerDevice(DeviceId device, byte[] publicKey) {
        ObjectNode body = Wire.object();
        body.put("device_id", device.value());
        body.put("public_key", HexFormat.of().formatHex(publicKey));
        post("/v1/devices", body);
    }

    /** Posts a job on {@code input} (attested by {@code reading}, or public if it is null); returns the job id. */
    public long postJob(ModelId model, int[] input, SignedReading reading, long price, long deadlineSeconds) {
        ObjectNode body = Wire.object();
        body.put("model_id", model.hex());
        body.set("input", Wire.ints(input));
        if (reading != null) {
            body.set("reading", Wire.reading(reading));
        }
        body.put("price", price);
        body.put("deadline_seconds", deadlineSeconds);
        return post("/v1/jobs", body).get("job_id").asLong();
    }

    /**
     * Posts a job on a device's hidden reading: the sealed input (raw reading, commitment seed, proof budget)
     * goes to the gateway, which serves it to the assigned node only; returns the job id.
     */
    public long postHiddenJob(ModelId model, SealedInput sealed, SignedReading reading, long price, long deadlineSeconds) {
        ObjectNode body = Wire.object();
        body.put("model_id", model.hex());
        body.set("input", Wire.ints(sealed.reading()));
        body.set("reading", Wire.reading(reading));
        body.set("hidden", Wire.hiding(sealed.seed(), sealed.proofs()));
        body.put("price", price);
        body.put("deadline_seconds", deadlineSeconds);
        return post("/v1/jobs", body).get("job_id").asLong();
    }

    public RemoteJob job(long jobId) {
        JsonNode j = get("/v1/jobs/" + jobId);
        Wire.In in = new Wire.In(j, "");
        List<String> refusals = new ArrayList<>();
        j.get("refusals").forEach(r -> refusals.add(r.asText()));
        return new RemoteJob(in.job(), in.has("outputs") ? Optional.of(in.ints("outputs", Integer.MIN_VALUE,
                Integer.MAX_VALUE)) : Optional.empty(), refusals, j);
    }

    public List<LedgerEvent> events(long after, int limit) {
        List<LedgerEvent> out = new ArrayList<>();
        for (JsonNode e : get("/v1/events?after=" + after + "&limit=" + limit).get("events")) {
            out.add(new Wire.In(e, "events[].").event());
        }
        return out;
    }

    public LedgerAudit audit() {
        return new Wire.In(get("/v1/audit"), "").audit();
    }

    // --- transport -----------------------------------------------------------------------------------------

    private JsonNode get(String target) {
        return send("GET", target, null, true, TIMEOUT).node();
    }

    private JsonNode post(String target, ObjectNode body) {
        return send("POST", target, Wire.bytes(body), true, TIMEOUT).node();
    }

    private record Response(byte[] body) {
        JsonNode node() {
            return Wire.parse(body).node();
        }
    }

    private Response send(String method, String target, byte[] body, boolean signed, Duration timeout) {
        byte[] payload = body == null ? new byte[0] : body;
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + target)).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(payload));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (signed) {
            Map<String, String> h = ApiSignature.headers(key, info.chainId(), method, target, payload,
                    clock.instant().getEpochSecond());
            h.forEach(b::header);
        }
        HttpResponse<byte[]> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new GatewayUnreachableException(base + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayUnreachableException("interrupted while calling " + base, e);
        }
        if (r.statusCode() / 100 != 2) {
            throw refusal(r);
        }
        return new Response(r.body());
    }

    private static ApiException refusal(HttpResponse<byte[]> r) {
        try {
            Wire.In in = Wire.parse(r.body());
            return new ApiException(r.statusCode(), in.text("code"), in.text("error"));
        } catch (ApiException e) {
            return new ApiException(r.statusCode(), "HTTP_" + r.statusCode(), "the gateway answered " + r.statusCode()
                    + " without an error object");
        }
    }
}
