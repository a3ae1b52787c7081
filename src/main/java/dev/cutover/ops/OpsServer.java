package dev.cutover.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.Options;

/**
 * The ops HTTP server ({@code ops.port}, default 9090), on Undertow like the Slack HTTP server and
 * apart from it, so that Socket Mode has a port for health checks too.
 *
 * <ul>
 *   <li>{@code GET|HEAD /healthz}: 200 {@code {"status":"ok"}} while the process serves and no
 *       watched pool is wedged ({@link Liveness}); else 503 naming the pool.
 *   <li>{@code GET|HEAD /readyz}: 200 {@code {"status":"ready"}} when every readiness check passes
 *       ({@link Readiness}); else 503 {@code {"status":"not ready","failing":{"redis":"..."}}}.
 *   <li>{@code GET|HEAD /metrics}: the Prometheus text format (version 0.0.4), which Prometheus and
 *       the Datadog agent's OpenMetrics check scrape as is.
 * </ul>
 *
 * Every answer is computed from memory (readiness results are kept by the background rounds), so
 * a scrape or probe never waits on Redis, Slack or AWS.
 */
public final class OpsServer implements AutoCloseable {
    /** How long a connection may take to send a whole request's head, in ms. */
    static final int PARSE_TIMEOUT_MS = 5_000;
    /** How long a connection may stay open between requests, in ms. */
    static final int IDLE_TIMEOUT_MS = 30_000;
    /** Connections open at once; probes and scrapers need a handful. */
    static final int MAX_CONNECTIONS = 100;

    /** The content type of the Prometheus text exposition format. */
    public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private static final Logger log = LoggerFactory.getLogger(OpsServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/json";

    private final String host;
    private final int requestedPort;
    private final Liveness liveness;
    private final Readiness readiness;
    private final Supplier<String> scrape;
    private Undertow undertow; // guarded by this

    /**
     * @param host the interface to bind, e.g. {@code 0.0.0.0}
     * @param port the TCP port; 0 picks a free one (see {@link #port()})
     * @param scrape the metrics in the Prometheus text format
     */
    public OpsServer(String host, int port, Liveness liveness, Readiness readiness, Supplier<String> scrape) {
        this.host = Objects.requireNonNull(host, "host");
        this.requestedPort = port;
        this.liveness = Objects.requireNonNull(liveness, "liveness");
        this.readiness = Objects.requireNonNull(readiness, "readiness");
        this.scrape = Objects.requireNonNull(scrape, "scrape");
    }

    /**
     * Binds the port and serves; no-op if started.
     *
     * @throws IllegalStateException with one line when the port cannot be bound (in use, or not allowed)
     */
    public synchronized void start() {
        if (undertow != null) {
            return;
        }
        Undertow u = Undertow.builder()
                .addHttpListener(requestedPort, host)
                .setIoThreads(1)
                .setWorkerThreads(4)
                // A probe or a scrape sends its request at once: a connection that sends nothing, or
                // half a request, is closed so idle sockets can never use up the process's files.
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, PARSE_TIMEOUT_MS)
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, IDLE_TIMEOUT_MS)
                .setSocketOption(Options.CONNECTION_HIGH_WATER, MAX_CONNECTIONS)
                .setSocketOption(Options.CONNECTION_LOW_WATER, MAX_CONNECTIONS)
                .setHandler(this::route)
                .build();
        try {
            u.start();
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException(
                    "could not listen on " + host + ":" + requestedPort + " (ops.port): "
                            + (cause instanceof BindException ? "the port is in use or not allowed" : cause.toString()),
                    e);
        }
        undertow = u;
        log.info("ops endpoints (/healthz, /readyz, /metrics) listening on {}:{}", host, port());
    }

    /**
     * @return the bound port (the real one when constructed with 0)
     * @throws IllegalStateException if not started
     */
    public synchronized int port() {
        if (undertow == null) {
            throw new IllegalStateException("not started");
        }
        return ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    /** Stops serving and releases the port; no-op if not started. */
    @Override
    public synchronized void close() {
        if (undertow != null) {
            undertow.stop();
            undertow = null;
        }
    }

    private void route(HttpServerExchange exchange) {
        if (exchange.isInIoThread()) {
            // A scrape formats every meter: not on the IO thread.
            exchange.dispatch(this::route);
            return;
        }
        HttpString method = exchange.getRequestMethod();
        boolean read = method.equals(Methods.GET) || method.equals(Methods.HEAD);
        switch (exchange.getRequestPath()) {
            case "/healthz" -> {
                if (read) {
                    Map<String, String> wedged = liveness.wedged();
                    json(exchange, wedged.isEmpty() ? 200 : 503, status(wedged.isEmpty() ? "ok" : "wedged", wedged));
                } else {
                    notAllowed(exchange);
                }
            }
            case "/readyz" -> {
                if (read) {
                    Map<String, String> failing = readiness.failing();
                    json(
                            exchange,
                            failing.isEmpty() ? 200 : 503,
                            status(failing.isEmpty() ? "ready" : "not ready", failing));
                } else {
                    notAllowed(exchange);
                }
            }
            case "/metrics" -> {
                if (read) {
                    send(exchange, 200, PROMETHEUS_TEXT, scrape.get());
                } else {
                    notAllowed(exchange);
                }
            }
            default -> send(exchange, 404, "text/plain; charset=utf-8", "not found: try /healthz, /readyz or /metrics");
        }
    }

    private static Map<String, Object> status(String status, Map<String, String> failing) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        if (!failing.isEmpty()) {
            body.put("failing", failing);
        }
        return body;
    }

    private static void json(HttpServerExchange exchange, int status, Object body) {
        try {
            send(exchange, status, JSON_TYPE, JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            send(exchange, 500, "text/plain; charset=utf-8", "cannot write the status");
        }
    }

    private static void notAllowed(HttpServerExchange exchange) {
        exchange.getResponseHeaders().put(Headers.ALLOW, "GET, HEAD");
        send(exchange, 405, "text/plain; charset=utf-8", "method not allowed");
    }

    private static void send(HttpServerExchange exchange, int status, String type, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, type);
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.setResponseContentLength(bytes.length);
        exchange.getResponseSender().send(ByteBuffer.wrap(bytes));
    }
}
