package dev.cutover.chat.slack;

import com.slack.api.bolt.App;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.Methods;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embedded Undertow server for Slack's HTTP mode ("Request URL" of slash commands, interactivity and
 * events), in front of a Bolt {@link App}.
 *
 * <ul>
 *   <li>{@code POST <path>}: reads the raw body bytes (at most 1 MiB, else 413), verifies them with
 *       {@link SlackSignatureVerifier} before anything parses them (401 and the app is not called when
 *       the signature or the ±5 min timestamp window fails), then hands a Bolt request to {@link
 *       App#run} and writes Bolt's response (status, content type, headers, body). {@code
 *       url_verification} is answered by Bolt (the challenge echoed back); {@code ssl_check} by Bolt
 *       when signed, and with an empty 200 without calling the app when it is exactly Slack's unsigned
 *       ssl_check form. A handler exception gives 500 and the server keeps serving.
 *   <li>A refused request is logged as one line (reason, remote address, path, size; never the body),
 *       at most one line per reason per second with a count of the others.
 *   <li>{@code GET|HEAD /healthz}: 200 {@code ok} (the ops port's {@code /healthz} and {@code /readyz}
 *       say more).
 * </ul>
 *
 * <p><b>Bolt's own signature check</b>: this server is the gate, so build the App with {@code
 * AppConfig.builder().requestVerificationEnabled(false)}. Bolt's middleware hashes with the JVM default
 * charset (a non-ASCII body fails on a non-UTF-8 JVM, e.g. Java 17 in a POSIX-locale container) and
 * accepts future timestamps; verifying twice adds nothing. Leaving it on still works when the JVM
 * runs with {@code -Dfile.encoding=UTF-8}; {@link #start()} warns when it would not.
 */
public final class SlackHttpServer implements AutoCloseable {
    /** Default path of the Slack request URL. */
    public static final String DEFAULT_PATH = "/slack/events";
    /** Health check path. */
    public static final String HEALTH_PATH = "/healthz";

    private static final Logger log = LoggerFactory.getLogger(SlackHttpServer.class);
    // Slack payloads are a few KB; refuse anything absurd before buffering it.
    private static final long MAX_BODY_BYTES = 1024 * 1024;

    private final App app;
    private final BoltExchangeHandler handler;
    private final String host;
    private final int requestedPort;
    private final String path;
    private Undertow undertow; // guarded by this

    /**
     * @param app the Bolt app whose handlers answer requests
     * @param verifier checks every POST before the app sees it
     * @param host interface to bind, e.g. {@code 0.0.0.0}
     * @param port TCP port; 0 picks a free one (see {@link #port()})
     * @param path the Slack request URL path, e.g. {@link #DEFAULT_PATH}
     */
    public SlackHttpServer(App app, SlackSignatureVerifier verifier, String host, int port, String path) {
        this.app = Objects.requireNonNull(app, "app");
        this.handler = new BoltExchangeHandler(
                app, Objects.requireNonNull(verifier, "verifier"), new RejectionLog(System::nanoTime));
        this.host = Objects.requireNonNull(host, "host");
        this.requestedPort = port;
        this.path = Objects.requireNonNull(path, "path");
    }

    /** Server on all interfaces at {@link #DEFAULT_PATH}. */
    public static SlackHttpServer create(App app, SlackSignatureVerifier verifier, int port) {
        return new SlackHttpServer(app, verifier, "0.0.0.0", port, DEFAULT_PATH);
    }

    /**
     * Starts the app (Bolt checks the bot token with {@code auth.test} here), binds the port and serves.
     * No-op if already started.
     *
     * @throws IllegalArgumentException from Bolt if the bot token is rejected
     * @throws IllegalStateException when the port cannot be bound (in use, or not allowed)
     */
    public synchronized void start() {
        if (undertow != null) {
            return;
        }
        warnIfBoltVerifiesWithWrongCharset();
        app.start();
        undertow = Undertow.builder()
                .addHttpListener(requestedPort, host)
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, MAX_BODY_BYTES)
                // Slack sends each request at once over a kept-alive connection: half a request, or
                // an idle connection, is closed so idle sockets can never use up the process's files.
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, 5_000)
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, 60_000)
                .setHandler(this::route)
                .build();
        try {
            undertow.start();
        } catch (RuntimeException e) {
            undertow = null;
            app.stop();
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException(
                    "could not listen on " + host + ":" + requestedPort + " (slack.httpPort): "
                            + (cause instanceof java.net.BindException
                                    ? "the port is in use or not allowed"
                                    : cause.toString()),
                    e);
        }
        log.info("Slack HTTP server listening on {}:{}{}", host, port(), path);
    }

    /**
     * Keeps listening but hands no more requests to the bot: during a shutdown, acks still go out
     * while the bot finishes its work in flight, each telling the user that nothing was done and to
     * try again ("restarting, try again" for a command; for a click the same through its
     * response_url, posted by {@code answers}; an error on a submitted modal); then {@link #stop()}.
     */
    public void drain(ResponsePoster answers) {
        handler.drain(answers);
        log.info("draining: Slack requests are acked and answered \"restarting, try again\" until the server stops");
    }

    /** Stops serving, releases the port and stops the app; no-op if not started. */
    public synchronized void stop() {
        if (undertow != null) {
            undertow.stop();
            undertow = null;
            app.stop();
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** True between {@link #start()} and {@link #stop()}: the port is bound and requests are served. */
    public synchronized boolean listening() {
        return undertow != null;
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

    private void route(HttpServerExchange exchange) {
        String requestPath = exchange.getRequestPath();
        if (HEALTH_PATH.equals(requestPath)
                && (exchange.getRequestMethod().equals(Methods.GET)
                        || exchange.getRequestMethod().equals(Methods.HEAD))) {
            BoltExchangeHandler.send(exchange, 200, "text/plain; charset=utf-8", "ok");
        } else if (path.equals(requestPath) && exchange.getRequestMethod().equals(Methods.POST)) {
            // The receiver collects the body without blocking the IO thread; Bolt then runs on a worker.
            exchange.getRequestReceiver()
                    .receiveFullBytes(
                            (ex, body) -> ex.dispatch(() -> handler.handle(ex, body)),
                            (ex, e) -> handler.refuse(
                                    ex,
                                    e instanceof RequestTooBigException ? 413 : 400,
                                    e instanceof RequestTooBigException ? "body too large" : "unreadable body",
                                    ex.getRequestContentLength()));
        } else {
            BoltExchangeHandler.send(exchange, 404, "text/plain; charset=utf-8", "not found");
        }
    }

    private void warnIfBoltVerifiesWithWrongCharset() {
        Charset charset = Charset.defaultCharset();
        if (app.config().isRequestVerificationEnabled() && !StandardCharsets.UTF_8.equals(charset)) {
            log.warn(
                    "Bolt request verification is on and the default charset is {}: non-ASCII requests will be"
                            + " rejected; set requestVerificationEnabled(false) or run with -Dfile.encoding=UTF-8",
                    charset);
        }
    }
}
