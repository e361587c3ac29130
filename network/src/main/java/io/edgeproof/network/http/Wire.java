package io.edgeproof.network.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.EventType;
import io.edgeproof.ledger.Fault;
import io.edgeproof.ledger.JobState;
import io.edgeproof.ledger.JobView;
import io.edgeproof.ledger.LedgerAudit;
import io.edgeproof.ledger.LedgerEvent;
import io.edgeproof.ledger.ModelId;
import io.edgeproof.ledger.NodeResources;
import io.edgeproof.ledger.NodeStatus;
import io.edgeproof.ledger.NodeView;
import io.edgeproof.ledger.Settlement;
import io.edgeproof.ledger.device.DeviceId;
import io.edgeproof.ledger.device.DeviceReading;
import io.edgeproof.ledger.device.SignedReading;
import io.edgeproof.network.Assignment;
import io.edgeproof.network.JobOrder;
import io.edgeproof.zkml.zk.HiddenInput;
import io.edgeproof.network.ContentHash;
import java.io.IOException;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * The API's JSON forms, shared by the gateway and its clients: hashes, addresses, keys and signatures in
 * hex (addresses with 0x), proofs, models and verifier keys in base64, amounts and times as integers.
 * Reading goes through {@link In}, which names the offending field in a 400 error.
 */
public final class Wire {
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    private static final HexFormat HEX = HexFormat.of();

    private Wire() {}

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** Parses a request or reply body; anything but one JSON object is a 400. */
    public static In parse(byte[] body) {
        try {
            JsonNode n = JSON.readTree(body);
            if (n == null || !n.isObject()) {
                throw ApiException.malformed("the body must be one JSON object");
            }
            return new In(n, "");
        } catch (JsonProcessingException e) {
            throw ApiException.malformed("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.malformed("the body cannot be read: " + e.getMessage());
        }
    }

    public static byte[] bytes(JsonNode n) {
        try {
            return JSON.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    // --- encoders ------------------------------------------------------------------------------------------

    public static ObjectNode reading(SignedReading s) {
        DeviceReading r = s.reading();
        ObjectNode o = object();
        o.put("device_id", r.deviceId().value());
        o.put("timestamp", r.timestamp());
        o.put("sequence", r.sequence());
        o.put("reading_hash", HEX.formatHex(r.readingHash()));
        o.put("signature", HEX.formatHex(s.signature()));
        return o;
    }

    public static ObjectNode assignment(Assignment a) {
        ObjectNode o = object();
        o.put("chain_id", a.chainId());
        o.put("job_id", a.jobId());
        o.put("model_id", a.model().hex());
        o.put("model_content", a.modelContent().hex());
        o.put("input_content", a.inputContent().hex());
        if (a.reading() != null) {
            o.set("reading", reading(a.reading()));
        }
        if (a.hidden() != null) {
            o.put("input_commitment", HEX.formatHex(a.hidden().commitment()));
            o.put("input_slot", a.hidden().slot());
        }
        o.put("due_at", a.dueAt());
        return o;
    }

    /** The secret half of a hidden job order: the commitment's seed and proof budget. */
    public static ObjectNode hiding(byte[] seed, int proofs) {
        ObjectNode o = object();
        o.put("seed", HEX.formatHex(seed));
        o.put("proofs", proofs);
        return o;
    }

    public static ObjectNode job(JobView j) {
        ObjectNode o = object();
        o.put("job_id", j.id());
        o.put("state", j.state().name());
        o.put("model_id", j.model().hex());
        o.put("requester", j.requester().hex());
        o.put("input_digest", HEX.formatHex(j.inputDigest()));
        o.put("price", j.price());
        o.put("escrow_held", j.escrowHeld());
        o.put("posted_at", j.postedAt());
        o.put("deadline", j.deadline());
        o.put("node", j.node() == null ? null : j.node().hex());
        o.put("attempts", j.attempts());
        o.put("assignment_deadline", j.assignmentDeadline());
        o.put("last_fault", j.lastFault() == null ? null : j.lastFault().name());
        return o;
    }

    public static ObjectNode node(NodeView n) {
        ObjectNode o = object();
        o.put("address", n.address().hex());
        o.put("stake", n.stake());
        o.put("status", n.status().name());
        o.put("reputation", n.reputation());
        o.put("last_heartbeat", n.lastHeartbeat());
        o.put("unbond_at", n.unbondAt());
        o.put("active_jobs", n.activeJobs());
        o.put("slashed_total", n.slashedTotal());
        o.put("earned_total", n.earnedTotal());
        o.set("resources", resources(n.resources()));
        return o;
    }

    public static ObjectNode resources(NodeResources r) {
        ObjectNode o = object();
        o.put("cores", r.cores());
        o.put("memory_mb", r.memoryMb());
        o.put("gpus", r.gpus());
        o.put("storage_gb", r.storageGb());
        ArrayNode models = o.putArray("models");
        r.models().stream().map(ModelId::hex).sorted().forEach(models::add);
        return o;
    }

    public static ObjectNode event(LedgerEvent e) {
        ObjectNode o = object();
        o.put("seq", e.seq());
        o.put("time", e.time());
        o.put("type", e.type().name());
        o.put("job_id", e.jobId());
        o.put("address", e.address() == null ? null : e.address().hex());
        o.put("amount", e.amount());
        o.put("fault", e.fault() == null ? null : e.fault().name());
        o.put("detail", e.detail());
        return o;
    }

    public static ObjectNode settlement(Settlement s) {
        ObjectNode o = object();
        o.put("job_id", s.jobId());
        switch (s) {
            case Settlement.Paid p -> {
                o.put("settlement", "paid");
                o.put("node", p.node().hex());
                o.put("amount", p.amount());
                o.set("outputs", ints(p.outputs()));
            }
            case Settlement.Faulted f -> {
                o.put("settlement", "faulted");
                o.put("node", f.node().hex());
                o.put("fault", f.fault().name());
                o.put("slashed", f.slashed());
                o.put("detail", f.detail());
            }
        }
        return o;
    }

    public static ObjectNode audit(LedgerAudit a) {
        ObjectNode o = object();
        o.put("minted", a.minted());
        o.put("balances", a.balances());
        o.put("stakes", a.stakes());
        o.put("escrow_held", a.escrowHeld());
        o.put("slashed_pool", a.slashedPool());
        o.put("reward_pool", a.rewardPool());
        o.put("bonds_held", a.bondsHeld());
        o.put("escrow_posted", a.escrowPosted());
        o.put("paid", a.paid());
        o.put("refunded", a.refunded());
        o.put("escrow_balances", a.escrowBalances());
        o.put("supply_conserved", a.supplyConserved());
        return o;
    }

    public static ArrayNode ints(int[] values) {
        ArrayNode a = JSON.createArrayNode();
        for (int v : values) {
            a.add(v);
        }
        return a;
    }

    public static String base64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    // --- decoders ------------------------------------------------------------------------------------------

    /** A JSON object being read: every accessor names the field in its 400 error. */
    public record In(JsonNode node, String path) {
        public boolean has(String field) {
            JsonNode v = node.get(field);
            return v != null && !v.isNull();
        }

        private JsonNode get(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                throw ApiException.malformed("missing field '" + path + field + "'");
            }
            return v;
        }

        public In object(String field) {
            JsonNode v = get(field);
            if (!v.isObject()) {
                throw ApiException.malformed("'" + path + field + "' must be an object");
            }
            return new In(v, path + field + ".");
        }

        public long integer(String field, long min, long max) {
            JsonNode v = get(field);
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
                throw ApiException.malformed("'" + path + field + "' must be an integer in [" + min + ", " + max + "]");
            }
            return v.asLong();
        }

        public String text(String field) {
            JsonNode v = get(field);
            if (!v.isTextual()) {
                throw ApiException.malformed("'" + path + field + "' must be a string");
            }
            return v.asText();
        }

        public byte[] hex(String field, int length) {
            String s = text(field);
            try {
                byte[] b = HEX.parseHex(s.startsWith("0x") ? s.substring(2) : s);
                if (length >= 0 && b.length != length) {
                    throw ApiException.malformed("'" + path + field + "' must be " + length + " bytes of hex");
                }
                return b;
            } catch (IllegalArgumentException e) {
                throw ApiException.malformed("'" + path + field + "' is not hex");
            }
        }

        public byte[] base64(String field) {
            try {
                return Base64.getDecoder().decode(text(field));
            } catch (IllegalArgumentException e) {
                throw ApiException.malformed("'" + path + field + "' is not base64");
            }
        }

        public int[] ints(String field, int min, int max) {
            JsonNode v = get(field);
            if (!v.isArray()) {
                throw ApiException.malformed("'" + path + field + "' must be a list of integers");
            }
            int[] out = new int[v.size()];
            for (int i = 0; i < out.length; i++) {
                JsonNode x = v.get(i);
                if (!x.isIntegralNumber() || !x.canConvertToInt() || x.asInt() < min || x.asInt() > max) {
                    throw ApiException.malformed("'" + path + field + "[" + i + "]' must be an integer in [" + min
                            + ", " + max + "]");
                }
                out[i] = x.asInt();
            }
            return out;
        }

        public Address address(String field) {
            try {
                return Address.ofHex(text(field));
            } catch (IllegalArgumentException e) {
                throw ApiException.malformed("'" + path + field + "' is not an address: " + e.getMessage());
            }
        }

        public ModelId modelId(String field) {
            return new ModelId(hex(field, ModelId.BYTES));
        }

        public ContentHash contentHash(String field) {
            return new ContentHash(hex(field, ContentHash.BYTES));
        }

        public DeviceId deviceId(String field) {
            try {
                return new DeviceId(text(field));
            } catch (IllegalArgumentException e) {
                throw ApiException.malformed("'" + path + field + "': " + e.getMessage());
            }
        }

        public <E extends Enum<E>> E named(String field, Class<E> type) {
            String s = text(field);
            try {
                return Enum.valueOf(type, s);
            } catch (IllegalArgumentException e) {
                throw ApiException.malformed("'" + path + field + "' is not a " + type.getSimpleName() + ": " + s);
            }
        }

        public SignedReading reading() {
            return new SignedReading(new DeviceReading(deviceId("device_id"), integer("timestamp", 0, Long.MAX_VALUE),
                    integer("sequence", 0, Long.MAX_VALUE), hex("reading_hash", 32)), hex("signature", 64));
        }

        public Assignment assignment() {
            SignedReading reading = has("reading") ? object("reading").reading() : null;
            Assignment.Hidden hidden = null;
            if (has("input_commitment")) {
                if (reading == null) {
                    throw ApiException.malformed("'" + path + "input_commitment' without a device reading");
                }
                hidden = new Assignment.Hidden(hex("input_commitment", -1), (int) integer("input_slot", 0, Integer.MAX_VALUE));
            }
            return new Assignment(integer("chain_id", Long.MIN_VALUE, Long.MAX_VALUE), integer("job_id", 1, Long.MAX_VALUE),
                    modelId("model_id"), contentHash("model_content"), contentHash("input_content"), reading,
                    integer("due_at", 0, Long.MAX_VALUE), hidden);
        }

        /** A hidden job order's "hidden" object: the seed and proof budget of the input commitment. */
        public JobOrder.Hiding hiding() {
            return new JobOrder.Hiding(hex("seed", HiddenInput.seedBytes()), (int) integer("proofs", 1, Integer.MAX_VALUE));
        }

        public JobView job() {
            return new JobView(integer("job_id", 1, Long.MAX_VALUE), address("requester"), modelId("model_id"),
                    hex("input_digest", 32), integer("price", 0, Long.MAX_VALUE), integer("escrow_held", 0, Long.MAX_VALUE),
                    integer("posted_at", 0, Long.MAX_VALUE), integer("deadline", 0, Long.MAX_VALUE),
                    named("state", JobState.class), has("node") ? address("node") : null,
                    (int) integer("attempts", 0, Integer.MAX_VALUE), integer("assignment_deadline", 0, Long.MAX_VALUE),
                    has("last_fault") ? named("last_fault", Fault.class) : null);
        }

        public NodeResources resources() {
            JsonNode list = get("models");
            if (!list.isArray()) {
                throw ApiException.malformed("'" + path + "models' must be a list of model ids");
            }
            Set<ModelId> models = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                try {
                    models.add(ModelId.ofHex(list.get(i).asText()));
                } catch (IllegalArgumentException e) {
                    throw ApiException.malformed("'" + path + "models[" + i + "]' must be a model id (64 hex digits)");
                }
            }
            return new NodeResources((int) integer("cores", 1, 4_096), integer("memory_mb", 0, Long.MAX_VALUE),
                    (int) integer("gpus", 0, 4_096), integer("storage_gb", 0, Long.MAX_VALUE), models);
        }

        public NodeView nodeView() {
            return new NodeView(address("address"), integer("stake", 0, Long.MAX_VALUE), named("status", NodeStatus.class),
                    integer("reputation", Long.MIN_VALUE, Long.MAX_VALUE), integer("last_heartbeat", 0, Long.MAX_VALUE),
                    integer("unbond_at", 0, Long.MAX_VALUE), (int) integer("active_jobs", 0, Integer.MAX_VALUE),
                    integer("slashed_total", 0, Long.MAX_VALUE), integer("earned_total", 0, Long.MAX_VALUE),
                    object("resources").resources());
        }

        public LedgerEvent event() {
            return new LedgerEvent(integer("seq", 1, Long.MAX_VALUE), integer("time", 0, Long.MAX_VALUE),
                    named("type", EventType.class), integer("job_id", 0, Long.MAX_VALUE),
                    has("address") ? address("address") : null, integer("amount", Long.MIN_VALUE, Long.MAX_VALUE),
                    has("fault") ? named("fault", Fault.class) : null, text("detail"));
        }

        public Settlement settlement() {
            long job = integer("job_id", 1, Long.MAX_VALUE);
            return switch (text("settlement")) {
                case "paid" -> new Settlement.Paid(job, address("node"), integer("amount", 0, Long.MAX_VALUE),
                        ints("outputs", Integer.MIN_VALUE, Integer.MAX_VALUE));
                case "faulted" -> new Settlement.Faulted(job, address("node"), named("fault", Fault.class),
                        integer("slashed", 0, Long.MAX_VALUE), text("detail"));
                default -> throw ApiException.malformed("'" + path + "settlement' is paid or faulted");
            };
        }

        public LedgerAudit audit() {
            return new LedgerAudit(integer("minted", 0, Long.MAX_VALUE), integer("balances", 0, Long.MAX_VALUE),
                    integer("stakes", 0, Long.MAX_VALUE), integer("escrow_held", 0, Long.MAX_VALUE),
                    integer("slashed_pool", 0, Long.MAX_VALUE), integer("reward_pool", 0, Long.MAX_VALUE),
                    integer("bonds_held", 0, Long.MAX_VALUE), integer("escrow_posted", 0, Long.MAX_VALUE),
                    integer("paid", 0, Long.MAX_VALUE), integer("refunded", 0, Long.MAX_VALUE));
        }
    }
}
