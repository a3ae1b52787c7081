package dev.cutover.chat.slack;

import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A local stand-in for Slack's Socket Mode endpoint: greets each connection with {@code hello},
 * records what the client sends (acks) and the close frames it gets, and can close, drop or go silent
 * (stop answering pings) to test reconnects.
 */
public final class FakeSocketModeServer extends WebSocketServer {
    static final String HELLO =
            """
            {"type":"hello","num_connections":1,"debug_info":{"host":"fake-socket-mode","approximate_connection_time":18060},
             "connection_info":{"app_id":"A0000000001"}}""";

    final List<String> received = new CopyOnWriteArrayList<>();
    final AtomicInteger connections = new AtomicInteger();
    /** The status code of each close frame a client sent, in order (a dropped connection sends none). */
    final List<Integer> closeFrames = new CopyOnWriteArrayList<>();

    private volatile WebSocket current;
    private volatile boolean silent;
    private volatile boolean started;

    public FakeSocketModeServer() {
        super(new InetSocketAddress("127.0.0.1", 0));
        setReuseAddr(true);
    }

    /** Starts and waits until the port is bound. */
    public FakeSocketModeServer startAndWait() {
        start();
        await().atMost(Duration.ofSeconds(5)).until(() -> started);
        return this;
    }

    public String url() {
        return "ws://127.0.0.1:" + getPort() + "/link?ticket=t-0001-secret";
    }

    /** Sends to the newest connection. */
    void sendToCurrent(String message) {
        current.send(message);
    }

    /** Closes the newest connection from the server side. */
    void closeCurrent() {
        current.close(1001, "going away");
    }

    /** Drops the newest connection's TCP connection without a close frame. */
    void dropCurrent() {
        current.closeConnection(1006, "dropped");
    }

    /** Stops answering pings, like a link that died without a FIN. */
    void goSilent() {
        silent = true;
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        current = conn;
        silent = false;
        connections.incrementAndGet();
        conn.send(HELLO);
    }

    @Override
    public void onWebsocketPing(WebSocket conn, Framedata f) {
        if (!silent || conn != current) {
            super.onWebsocketPing(conn, f);
        }
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        received.add(message);
    }

    @Override
    public void onClosing(WebSocket conn, int code, String reason, boolean remote) {
        // Called when the close handshake starts; remote: the client sent the close frame. (onClose's
        // code may read 1006 when the client closes TCP right after the handshake, so it is not used.)
        if (remote) {
            closeFrames.add(code);
        }
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {}

    @Override
    public void onError(WebSocket conn, Exception ex) {}

    @Override
    public void onStart() {
        started = true;
    }
}
