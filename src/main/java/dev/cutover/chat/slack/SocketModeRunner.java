package dev.cutover.chat.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a Bolt {@link App} over <a href="https://api.slack.com/apis/socket-mode">Socket Mode</a>: the bot
 * opens an outbound WebSocket with the app-level ({@code xapp-}, scope {@code connections:write})
 * token, so no public URL is needed and no request signing applies.
 *
 * <p>What Bolt/the SDK already does, and is relied on rather than re-implemented:
 *
 * <ul>
 *   <li>acks each envelope with its {@code envelope_id} when a handler answers 200; unmatched requests
 *       would get no ack, so the constructor registers {@link SlackCatchAlls};
 *   <li>a {@code disconnect} message (e.g. {@code refresh_requested}) makes the client fetch a new URL
 *       from {@code apps.connections.open} and reconnect at once;
 *   <li>a session monitor checks the connection every 5 s with a WebSocket ping and reconnects when the
 *       socket is closed or no pong arrives within 3 s (so a silent link is replaced within ~8.5 s).
 * </ul>
 *
 * <p>Backend: {@link SocketModeClient.Backend#JavaWebSocket} (Bolt's default, Tyrus, is not on the
 * classpath).
 */
public final class SocketModeRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SocketModeRunner.class);

    private final App app;
    private final String appToken;
    private SocketModeApp socketModeApp; // guarded by this

    /**
     * @param app the Bolt app; {@link SlackCatchAlls} is registered on it here
     * @param appToken the app-level token ({@code xapp-...}), never logged
     */
    public SocketModeRunner(App app, String appToken) {
        this.app = Objects.requireNonNull(app, "app");
        this.appToken = Objects.requireNonNull(appToken, "appToken");
        SlackCatchAlls.register(app);
    }

    /**
     * Connects and returns; envelopes are then handled on the SDK's threads. No-op if started.
     *
     * @throws IllegalStateException if {@code apps.connections.open} fails or the socket cannot be opened
     */
    public synchronized void start() {
        if (socketModeApp != null) {
            return;
        }
        try {
            SocketModeApp started = new SocketModeApp(appToken, SocketModeClient.Backend.JavaWebSocket, app);
            socketModeApp = started;
            started.startAsync();
            log.info("Socket Mode client started");
        } catch (Exception e) {
            // The SDK returns null for a client it could not create; the cause then is a bare NPE.
            stop();
            throw new IllegalStateException("could not start Socket Mode: " + e.getMessage(), e);
        }
    }

    /** Disconnects, stops the SDK's monitor and worker threads and the app; no-op if not started. */
    public synchronized void stop() {
        if (socketModeApp == null) {
            return;
        }
        SocketModeClient client = socketModeApp.getClient();
        socketModeApp = null;
        try {
            if (client != null) {
                // SocketModeApp.stop() leaves the client's executors running; close() shuts them down.
                client.close();
            }
        } catch (Exception e) {
            log.warn("Closing the Socket Mode client failed: {}", e.getMessage());
        } finally {
            app.stop();
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }
}
