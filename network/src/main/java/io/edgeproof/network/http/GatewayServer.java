package io.edgeproof.network.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.Fault;
import io.edgeproof.ledger.LedgerEvent;
import io.edgeproof.ledger.LedgerException;
import io.edgeproof.network.NetworkException;
import io.edgeproof.network.persist.DurableGateway;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;

/**
 * The gateway's HTTP JSON API (JDK {@code com.sun.net.httpserver}) and its clock: every request is routed,
 * its body read up to the route's limit (413 beyond), its signature checked ({@link RequestAuthenticator},
 * 401), then handled; every refusal is one JSON object {@code {"error", "code"}} and never a stack trace.
 * A ticker assigns open jobs every {@code tickMillis} and applies the ledger's time rules; after a start it
 * waits one heartbeat timeout before the first time rule, so nodes that kept running through a gateway
 * outage are not marked offline for it. Ledger events are written to the log as they happen.
 */
public final class GatewayServer implements AutoCloseable {
    /**
     * @param bind         address to listen on (127.0.0.1 by default; 0.0.0.0 for every interface)
     * @param port         0 picks a free port
     * @param window       seconds a request's timestamp may differ from the gateway's clock
     * @param maxBody      largest request body in bytes (results, jobs); a model registration may send maxModelBody
     * @param tickMillis   how often jobs are dispatched and time rules applied
     * @param threads      request handler threads
     */
    public record Config(String bind, int port, long window, int maxBody, int maxModelBody, long tickMillis, int threads) {
        public Config {
            if (port < 0 || port > 65_535 || window < 1 || maxBody < 1_024 || maxModelBody < maxBody || tickMillis < 10
                    || threads < 1) {
                throw new IllegalArgumentException("server settings out of range");
            }
        }
    }

    private final DurableGateway gateway;
    private final Config config;
    private final InstantSource clock;
    private final Consumer<String> log;
    private final List<Route> routes;
    private final RequestAuthenticator auth;
    private final HttpServer http;
    private final ExecutorService workers;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    private final long timeRulesFrom;
    private long loggedSeq;

    private GatewayServer(DurableGateway gateway, Config config, InstantSource clock, Consumer<String> log)
            throws IOException {
        this.gateway = gateway;
        this.config = config;
        this.clock = clock;
        this.log = log;
        this.routes = new GatewayApi(gateway, clock, config.window(), config.maxBody(), config.maxModelBody()).routes();
        this.auth = new RequestAuthenticator(gateway.settings().chainId(), config.window(), clock, gateway.nonces());
        this.timeRulesFrom = clock.instant().getEpochSecond() + gateway.settings().rules().heartbeatTimeout();
        this.loggedSeq = gateway.recovery().lastEventSeq();
        this.http = HttpServer.create(new InetSocketAddress(config.bind(), config.port()), 64);
        this.workers = Executors.newFixedThreadPool(config.threads());
        http.setExecutor(workers);
        http.createContext("/", this::serve);
    }

    /** Starts listening and ticking. */
    public static GatewayServer start(DurableGateway gateway, Config config, InstantSource clock, Consumer<String> log)
            throws IOException {
        GatewayServer s = new GatewayServer(gateway, config, clock, log);
        s.http.start();
        s.ticker.scheduleWithFixedDelay(s::tick, 0, config.tickMillis(), TimeUnit.MILLISECONDS);
        return s;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    public URI uri() {
        return URI.create("http://" + config.bind() + ":" + port());
    }

    /** One round of the clock: dispatch, time rules (after the grace period), new events to the log. */
    void tick() {
        try {
            long now = clock.instant().getEpochSecond();
            if (now >= timeRulesFrom) {
                gateway.applyTime(now - config.window());
            }
            gateway.dispatch();
            logNewEvents();
        } catch (RuntimeException e) {
            log.accept("tick failed: " + e);
        }
    }

    private void logNewEvents() {
        List<LedgerEvent> events;
        do {
            events = gateway.ledger().events(loggedSeq, 500);
            for (LedgerEvent e : events) {
                log.accept(EventLine.of(e));
                loggedSeq = e.seq();
            }
        } while (events.size() == 500);
    }

    private void serve(HttpExchange ex) {
        Route.Reply reply;
        try {
            reply = handle(ex);
        } catch (ApiException e) {
            reply = Route.Reply.error(e);
        } catch (LedgerException e) {
            reply = Route.Reply.error(new ApiException(statusOf(e.fault()), e.fault().name(), e.getMessage()));
        } catch (NetworkException | IllegalArgumentException e) {
            reply = Route.Reply.error(ApiException.malformed(e.getMessage()));
        } catch (RuntimeException e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            log.accept("internal error on " + ex.getRequestMethod() + " " + ex.getRequestURI() + ": " + trace);
            reply = Route.Reply.error(new ApiException(500, "INTERNAL", "the gateway failed on this request;"
                    + " its log has the details"));
        }
        send(ex, reply);
    }

    private Route.Reply handle(HttpExchange ex) {
        String method = ex.getRequestMethod();
        URI uri = ex.getRequestURI();
        String path = uri.getRawPath();
        Route route = null;
        Matcher matched = null;
        boolean pathKnown = false;
        for (Route r : routes) {
            Matcher m = r.path().matcher(path);
            if (m.matches()) {
                pathKnown = true;
                if (r.method().equals(method)) {
                    route = r;
                    matched = m;
                    break;
                }
            }
        }
        if (route == null) {
            throw pathKnown ? new ApiException(405, "METHOD_NOT_ALLOWED", method + " is not allowed on " + path)
                    : new ApiException(404, "UNKNOWN_ENDPOINT", "no endpoint " + method + " " + path);
        }
        byte[] body = readBody(ex, route.maxBody());
        String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        Address caller = route.signed()
                ? auth.authenticate(method, target, name -> ex.getRequestHeaders().getFirst(name), body) : null;
        return route.handler().handle(new Route.Call(caller, matched, query(uri.getRawQuery()), body));
    }

    /**
     * The body, refused with 413 past {@code max} bytes (by its declared length, or as it is read). A refused
     * body of reasonable size is read to its end first, so the caller gets the 413 rather than a reset.
     */
    private static byte[] readBody(HttpExchange ex, int max) {
        long declared = -1;
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                throw ApiException.malformed("Content-Length is not a number");
            }
        }
        try (InputStream in = ex.getRequestBody()) {
            if (declared > max) {
                drain(in, max);
                throw tooLarge(max);
            }
            byte[] b = in.readNBytes(max + 1);
            if (b.length > max) {
                drain(in, max);
                throw tooLarge(max);
            }
            return b;
        } catch (IOException e) {
            throw ApiException.malformed("the body could not be read: " + e.getMessage());
        }
    }

    /** Skips up to 16 times the limit of what remains; beyond that the connection is simply closed. */
    private static void drain(InputStream in, int max) throws IOException {
        long budget = 16L * max;
        byte[] sink = new byte[8_192];
        int n;
        while (budget > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, budget))) > 0) {
            budget -= n;
        }
    }

    private static ApiException tooLarge(int max) {
        return new ApiException(413, "BODY_TOO_LARGE", "the body exceeds " + max + " bytes for this endpoint");
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                q.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw ApiException.malformed("the query string is not URL-encoded");
            }
        }
        return q;
    }

    /** How a ledger refusal reads over HTTP: unknown things 404, not yours 403, conflicts 409, bad input 400. */
    static int statusOf(Fault f) {
        return switch (f) {
            case UNKNOWN_JOB, UNKNOWN_NODE, UNKNOWN_MODEL, UNKNOWN_DEVICE -> 404;
            case NOT_ASSIGNED_NODE, NODE_EXCLUDED, NODE_NOT_ELIGIBLE, BAD_DEVICE_SIGNATURE -> 403;
            case ALREADY_REGISTERED, DUPLICATE_SUBMISSION, REPLAYED_READING, JOB_NOT_OPEN, JOB_ALREADY_ASSIGNED,
                 INSUFFICIENT_ESCROW, INSUFFICIENT_BALANCE, UNBONDING_NOT_FINISHED -> 409;
            default -> 400;
        };
    }

    private static void send(HttpExchange ex, Route.Reply reply) {
        try (ex) {
            ex.getResponseHeaders().set("Content-Type", reply.contentType());
            ex.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(reply.body());
            }
        } catch (IOException e) {
            // the caller hung up; there is nobody to tell
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        http.stop(0);
        workers.shutdownNow();
        try {
            ticker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
