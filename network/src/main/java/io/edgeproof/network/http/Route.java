package io.edgeproof.network.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgeproof.ledger.Address;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One endpoint: method, path pattern (groups are the path parameters), whether it must be signed, the
 * largest body it reads, and its handler.
 */
record Route(String method, Pattern path, boolean signed, int maxBody, Handler handler) {
    interface Handler {
        Reply handle(Call call);
    }

    /** An authenticated request: the caller (null on an unsigned route), path groups, query and raw body. */
    record Call(Address caller, Matcher path, Map<String, String> query, byte[] body) {
        Wire.In json() {
            return Wire.parse(body);
        }

        String param(int group) {
            return path.group(group);
        }

        long idParam(int group) {
            String s = path.group(group);
            try {
                long id = Long.parseLong(s);
                if (id < 1) {
                    throw new NumberFormatException();
                }
                return id;
            } catch (NumberFormatException e) {
                throw ApiException.malformed("'" + s + "' is not a job id");
            }
        }

        Address addressParam(int group) {
            try {
                return Address.ofHex(path.group(group));
            } catch (IllegalArgumentException e) {
                throw ApiException.malformed("'" + path.group(group) + "' is not an address");
            }
        }

        long queryLong(String name, long absent, long min, long max) {
            String s = query.get(name);
            if (s == null) {
                return absent;
            }
            try {
                long v = Long.parseLong(s);
                if (v < min || v > max) {
                    throw new NumberFormatException();
                }
                return v;
            } catch (NumberFormatException e) {
                throw ApiException.malformed("query parameter '" + name + "' must be an integer in [" + min + ", " + max + "]");
            }
        }
    }

    /** A reply: JSON by default, raw bytes for stored content. */
    record Reply(int status, String contentType, byte[] body) {
        static Reply json(ObjectNode o) {
            return new Reply(200, "application/json", Wire.bytes(o));
        }

        static Reply bytes(byte[] b) {
            return new Reply(200, "application/octet-stream", b);
        }

        static Reply error(ApiException e) {
            ObjectNode o = Wire.object();
            o.put("error", e.getMessage());
            o.put("code", e.code());
            return new Reply(e.status(), "application/json", Wire.bytes(o));
        }
    }
}
