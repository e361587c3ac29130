package io.edgeproof.network.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.Fault;
import io.edgeproof.ledger.JobView;
import io.edgeproof.ledger.LedgerException;
import io.edgeproof.ledger.LedgerRules;
import io.edgeproof.ledger.ModelId;
import io.edgeproof.ledger.NodeView;
import io.edgeproof.ledger.device.DeviceId;
import io.edgeproof.ledger.device.SignedReading;
import io.edgeproof.network.Assignment;
import io.edgeproof.network.ContentHash;
import io.edgeproof.network.JobOrder;
import io.edgeproof.network.persist.DurableGateway;
import io.edgeproof.network.persist.DurableGateway.JobStatus;
import io.edgeproof.network.persist.DurableGateway.ModelInfo;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The gateway's endpoints over a {@link DurableGateway} (the table is in network/README.md). Callers are the
 * authenticated addresses: a node acts only as itself, a requester pays from its own balance, an owner
 * registers under its own address.
 */
final class GatewayApi {
    /** Longest a requester may give a job, in seconds (31 days). */
    static final long MAX_JOB_LIFETIME = 31L * 24 * 3600;
    static final int MAX_EVENTS = 1_000;

    private final DurableGateway gateway;
    private final InstantSource clock;
    private final long window;
    private final int maxBody;
    private final int maxModelBody;

    GatewayApi(DurableGateway gateway, InstantSource clock, long window, int maxBody, int maxModelBody) {
        this.gateway = gateway;
        this.clock = clock;
        this.window = window;
        this.maxBody = maxBody;
        this.maxModelBody = maxModelBody;
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", path("/v1/info"), false, 0, c -> info()),
                signed("GET", "/v1/models", c -> models()),
                new Route("POST", path("/v1/models"), true, maxModelBody, this::registerModel),
                signed("POST", "/v1/devices", this::registerDevice),
                signed("GET", "/v1/devices/([A-Za-z0-9._:-]{1,64})", this::device),
                signed("POST", "/v1/nodes", this::registerNode),
                signed("GET", "/v1/nodes/(0x[0-9a-fA-F]{40})", this::node),
                signed("POST", "/v1/nodes/(0x[0-9a-fA-F]{40})/heartbeat", this::heartbeat),
                signed("GET", "/v1/nodes/(0x[0-9a-fA-F]{40})/assignments", this::assignments),
                signed("GET", "/v1/content/([0-9a-f]{64})", this::content),
                signed("POST", "/v1/jobs", this::postJob),
                signed("GET", "/v1/jobs/([0-9]{1,18})", this::job),
                signed("GET", "/v1/jobs/([0-9]{1,18})/input", this::sealedInput),
                signed("POST", "/v1/jobs/([0-9]{1,18})/result", this::result),
                signed("POST", "/v1/jobs/([0-9]{1,18})/refusal", this::refusal),
                signed("GET", "/v1/events", this::events),
                signed("GET", "/v1/accounts/(0x[0-9a-fA-F]{40})", this::account),
                signed("GET", "/v1/audit", c -> Route.Reply.json(Wire.audit(gateway.ledger().audit()))));
    }

    private Route signed(String method, String regex, Route.Handler h) {
        return new Route(method, path(regex), true, maxBody, h);
    }

    private static Pattern path(String regex) {
        return Pattern.compile(regex);
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    private Route.Reply info() {
        LedgerRules r = gateway.settings().rules();
        ObjectNode o = Wire.object();
        o.put("api", ApiSignature.DOMAIN);
        o.put("chain_id", gateway.settings().chainId());
        o.put("time", now());
        o.put("window_seconds", window);
        o.put("min_stake", r.minStake());
        o.put("slash_basis_points", r.slashBasisPoints());
        o.put("heartbeat_timeout", r.heartbeatTimeout());
        o.put("assignment_window", r.assignmentWindow());
        o.put("max_body_bytes", maxBody);
        o.put("max_model_bytes", maxModelBody);
        return Route.Reply.json(o);
    }

    private Route.Reply models() {
        ObjectNode o = Wire.object();
        ArrayNode list = o.putArray("models");
        for (ModelInfo m : gateway.models()) {
            ObjectNode e = list.addObject();
            e.put("model_id", m.id().hex());
            e.put("content", m.content().hex());
            e.put("input_size", m.inputSize());
            e.put("owner", m.owner().hex());
        }
        return Route.Reply.json(o);
    }

    private Route.Reply registerModel(Route.Call c) {
        Wire.In in = c.json();
        ModelId id = gateway.registerModel(c.caller(), in.base64("verifier_key"), in.base64("model"));
        ModelInfo m = gateway.models().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
        ObjectNode o = Wire.object();
        o.put("model_id", id.hex());
        o.put("content", m.content().hex());
        o.put("input_size", m.inputSize());
        return Route.Reply.json(o);
    }

    private Route.Reply registerDevice(Route.Call c) {
        Wire.In in = c.json();
        DeviceId device = in.deviceId("device_id");
        gateway.registerDevice(c.caller(), device, in.hex("public_key", -1));
        return device(device.value());
    }

    private Route.Reply device(Route.Call c) {
        return device(c.param(1));
    }

    private Route.Reply device(String id) {
        DeviceId device = new DeviceId(id);
        byte[] key = gateway.devicePublicKey(device)
                .orElseThrow(() -> new LedgerException(Fault.UNKNOWN_DEVICE, "device " + id));
        ObjectNode o = Wire.object();
        o.put("device_id", id);
        o.put("public_key", HexFormat.of().formatHex(key));
        return Route.Reply.json(o);
    }

    private Route.Reply registerNode(Route.Call c) {
        Wire.In in = c.json();
        gateway.registerNode(c.caller(), in.integer("stake", 1, Long.MAX_VALUE), in.resources());
        return nodeReply(c.caller());
    }

    private Route.Reply node(Route.Call c) {
        return nodeReply(c.addressParam(1));
    }

    private Route.Reply nodeReply(Address a) {
        NodeView v = gateway.ledger().node(a).orElseThrow(() -> new LedgerException(Fault.UNKNOWN_NODE, "node " + a));
        ObjectNode o = Wire.node(v);
        o.put("balance", gateway.ledger().balanceOf(a));
        return Route.Reply.json(o);
    }

    /** A node's own endpoints: the path names the node, and only that node may call them. */
    private Address self(Route.Call c) {
        Address named = c.addressParam(1);
        if (!named.equals(c.caller())) {
            throw new ApiException(403, "NOT_YOUR_NODE", c.caller() + " cannot act for node " + named);
        }
        return named;
    }

    private Route.Reply heartbeat(Route.Call c) {
        Address node = self(c);
        gateway.heartbeat(node);
        return nodeReply(node);
    }

    private Route.Reply assignments(Route.Call c) {
        Address node = self(c);
        ObjectNode o = Wire.object();
        ArrayNode list = o.putArray("assignments");
        for (Assignment a : gateway.assignments(node)) {
            list.add(Wire.assignment(a));
        }
        return Route.Reply.json(o);
    }

    private Route.Reply content(Route.Call c) {
        ContentHash hash = ContentHash.ofHex(c.param(1));
        return Route.Reply.bytes(gateway.content(hash)
                .orElseThrow(() -> new ApiException(404, "UNKNOWN_CONTENT", "no stored object " + hash)));
    }

    private Route.Reply postJob(Route.Call c) {
        Wire.In in = c.json();
        ModelId model = in.modelId("model_id");
        int[] input = in.ints("input", Short.MIN_VALUE, Short.MAX_VALUE);
        SignedReading reading = in.has("reading") ? in.object("reading").reading() : null;
        JobOrder.Hiding hiding = in.has("hidden") ? in.object("hidden").hiding() : null;
        long price = in.integer("price", 1, Long.MAX_VALUE);
        // a job with less time than the matcher's window would never be assigned, only refunded
        long deadline = now() + in.integer("deadline_seconds", gateway.settings().minimumWindow() + 1, MAX_JOB_LIFETIME);
        long id = gateway.postJob(c.caller(), new JobOrder(model, input, reading, price, deadline, hiding));
        ObjectNode o = Wire.object();
        o.put("job_id", id);
        o.put("deadline", deadline);
        return Route.Reply.json(o);
    }

    private Route.Reply job(Route.Call c) {
        long id = c.idParam(1);
        JobStatus s = gateway.status(id).orElseThrow(() -> new LedgerException(Fault.UNKNOWN_JOB, "job " + id));
        JobView v = s.job();
        ObjectNode o = Wire.job(v);
        o.put("visibility", s.inputCommitment().isPresent() ? "hidden" : "public");
        s.inputCommitment().ifPresent(commitment -> o.put("input_commitment", HexFormat.of().formatHex(commitment)));
        if (v.lastFault() != null) {
            o.put("last_fault_description", v.lastFault().description());
        }
        s.outputs().ifPresent(out -> o.set("outputs", Wire.ints(out)));
        ArrayNode refusals = o.putArray("refusals");
        s.refusals().forEach(refusals::add);
        return Route.Reply.json(o);
    }

    /** A hidden job's sealed input: to the node the job is assigned to, 403 NOT_ASSIGNED_NODE to anyone else. */
    private Route.Reply sealedInput(Route.Call c) {
        return Route.Reply.bytes(gateway.sealedInput(c.caller(), c.idParam(1)));
    }

    private Route.Reply result(Route.Call c) {
        long id = c.idParam(1);
        Wire.In in = c.json();
        byte[] proof = in.base64("proof");
        int[] outputs = in.ints("outputs", Integer.MIN_VALUE, Integer.MAX_VALUE);
        return Route.Reply.json(Wire.settlement(gateway.submit(c.caller(), id, proof, outputs)));
    }

    private Route.Reply refusal(Route.Call c) {
        long id = c.idParam(1);
        String reason = c.json().text("reason");
        gateway.refuse(c.caller(), id, reason.length() > 500 ? reason.substring(0, 500) : reason);
        ObjectNode o = Wire.object();
        o.put("job_id", id);
        o.put("recorded", true);
        return Route.Reply.json(o);
    }

    private Route.Reply events(Route.Call c) {
        long after = c.queryLong("after", 0, 0, Long.MAX_VALUE);
        int limit = (int) c.queryLong("limit", 100, 1, MAX_EVENTS);
        ObjectNode o = Wire.object();
        ArrayNode list = o.putArray("events");
        gateway.ledger().events(after, limit).forEach(e -> list.add(Wire.event(e)));
        return Route.Reply.json(o);
    }

    private Route.Reply account(Route.Call c) {
        Address a = c.addressParam(1);
        ObjectNode o = Wire.object();
        o.put("address", a.hex());
        o.put("balance", gateway.ledger().balanceOf(a));
        return Route.Reply.json(o);
    }
}
