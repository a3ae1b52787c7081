package dev.cutover.chat.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.Slack;
import com.slack.api.socket_mode.impl.SocketModeClientJavaWSImpl;
import com.slack.api.socket_mode.queue.impl.ConcurrentLinkedMessageQueue;
import java.io.IOException;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One Socket Mode connection: a URL from {@code apps.connections.open}, then one WebSocket session on the
 * SDK's Java-WebSocket client, with the SDK's session monitor and auto-reconnect off. The link only
 * records what happens to it (hello, {@code disconnect}, close, last message); {@link SocketModeRunner}
 * decides when to replace it. A replaced link is never reused.
 */
final class SocketModeLink {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long the SDK's ping probe waits for the pong. */
    static final Duration PONG_WAIT = Duration.ofSeconds(3);

    private final Client client;
    private final CompletableFuture<Void> hello = new CompletableFuture<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile String closedBecause;
    private volatile String disconnectReason;
    private volatile long lastHeardNanos = System.nanoTime();

    private SocketModeLink(Slack slack, String appToken, String url, SocketModeDispatcher dispatcher)
            throws URISyntaxException {
        client = new Client(slack, appToken, url);
        client.addWebSocketMessageListener(message -> dispatcher.dispatch(message, client));
        client.addWebSocketErrorListener(e -> hello.completeExceptionally(e));
        client.addWebSocketCloseListener((code, reason) -> {
            closedBecause = "code " + code + (reason == null || reason.isBlank() ? "" : ": " + reason);
            hello.completeExceptionally(new IOException("closed before hello (" + closedBecause + ")"));
            closed.countDown();
        });
    }

    /**
     * Opens a new link and waits for Slack's {@code hello}.
     *
     * @throws LinkFailure why no link could be opened (one line, no token, no WebSocket URL)
     * @throws InterruptedException if interrupted while waiting; the half-open link is closed
     */
    static SocketModeLink open(Slack slack, String appToken, SocketModeDispatcher dispatcher, Duration timeout)
            throws LinkFailure, InterruptedException {
        String url = ConnectionsOpen.url(slack, appToken);
        SocketModeLink link;
        try {
            link = new SocketModeLink(slack, appToken, url, dispatcher);
        } catch (URISyntaxException e) {
            throw new LinkFailure("apps.connections.open returned an unusable URL");
        }
        link.client.connect();
        try {
            link.hello.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return link;
        } catch (TimeoutException e) {
            link.close(Duration.ZERO);
            throw new LinkFailure("no hello from Slack within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            link.close(Duration.ZERO);
            throw new LinkFailure("WebSocket " + ConnectionsOpen.describe(e.getCause()));
        } catch (InterruptedException e) {
            link.close(Duration.ZERO);
            throw e;
        }
    }

    /**
     * What is wrong with this link, as the INFO line that says so, or null while it is healthy. After
     * {@code silenceBound} without a message, probes with the SDK's ping (it waits up to 3 s for a pong).
     */
    String trouble(Duration silenceBound) {
        if (disconnectReason != null) {
            return "Slack asked to disconnect the Socket Mode link (" + disconnectReason + "); reconnecting";
        }
        if (closedBecause == null && System.nanoTime() - lastHeardNanos < silenceBound.toNanos()) {
            return null;
        }
        if (closedBecause == null && client.verifyConnection()) {
            lastHeardNanos = System.nanoTime();
            return null;
        }
        if (closedBecause != null) {
            return "Socket Mode link dropped (" + closedBecause + "); reconnecting";
        }
        long silentMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastHeardNanos);
        return String.format(
                Locale.ROOT,
                "Socket Mode link silent for %.1f s (no message, no pong); replacing it",
                silentMillis / 1000.0);
    }

    /** Milliseconds since Slack was last heard on this link (a message, or a pong to a probe). */
    long quietMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastHeardNanos);
    }

    /**
     * Sends a close frame (code 1000), waits up to {@code timeout} for Slack's answer, then stops the
     * link's threads. Interrupt-safe; never throws.
     */
    void close(Duration timeout) {
        try {
            client.disconnect();
            if (hello.isDone() && !hello.isCompletedExceptionally()) {
                closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            // Let envelopes being handled finish (their acks are lost, Slack retries events).
            ExecutorService processors = client.getMessageProcessorExecutor();
            processors.shutdown();
            processors.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                client.close();
            } catch (IOException | RuntimeException ignored) {
                // already closed
            }
        }
    }

    /** The SDK client with cutover's hooks: it notes activity, hello and disconnect, and never reconnects itself. */
    private final class Client extends SocketModeClientJavaWSImpl {
        Client(Slack slack, String appToken, String url) throws URISyntaxException {
            super(
                    slack,
                    appToken,
                    url,
                    DEFAULT_MESSAGE_PROCESSOR_CONCURRENCY,
                    new ConcurrentLinkedMessageQueue(),
                    false,
                    false,
                    DEFAULT_SESSION_MONITOR_INTERVAL_MILLISECONDS);
            setAutoReconnectOnCloseEnabled(false);
        }

        @Override
        public void enqueueMessage(String message) {
            lastHeardNanos = System.nanoTime();
            super.enqueueMessage(message);
        }

        @Override
        public void processMessage(String message) throws IOException {
            JsonNode json = message.startsWith("{") ? JSON.readTree(message) : JSON.missingNode();
            String type = json.path("type").asText();
            if ("hello".equals(type)) {
                hello.complete(null);
            } else if ("disconnect".equals(type)) {
                // The SDK would reconnect right here; the runner does it with back-off instead.
                disconnectReason = json.path("reason").asText("no reason given");
                return;
            }
            super.processMessage(message);
        }

        @Override
        public void connectToNewEndpoint() {
            disconnectReason = "the SDK asked for a new connection";
        }
    }
}
