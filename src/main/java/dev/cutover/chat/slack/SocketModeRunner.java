package dev.cutover.chat.slack;

import com.slack.api.bolt.App;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a Bolt {@link App} over <a href="https://api.slack.com/apis/socket-mode">Socket Mode</a> and keeps
 * the link up: the bot opens an outbound WebSocket with the app-level ({@code xapp-}, scope {@code
 * connections:write}) token, so no public URL is needed and no request signing applies.
 *
 * <p>cutover owns the link's health rather than the SDK's session monitor, which stops for good when
 * {@code apps.connections.open} once answers {@code ok:false}. A watchdog thread checks the link every
 * {@link Timings#checkEvery()}: a {@code disconnect} from Slack, a closed socket, or a link silent for
 * {@link Timings#silenceBound()} that then fails a ping (the SDK's probe, up to 3 s for the pong) makes
 * it open a new link (a new {@code apps.connections.open} URL) and close the old one. Failed attempts are
 * retried with capped exponential back-off and jitter ({@link Backoff}), whatever the failure.
 *
 * <p>Every link change is one INFO line on this class's logger; failed attempts are told when the reason
 * changes and at most once per {@link Timings#failureLogEvery()} otherwise. Tokens and WebSocket URLs are
 * never logged. Unmatched requests would get no ack, so the constructor registers {@link SlackCatchAlls}.
 */
public final class SocketModeRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SocketModeRunner.class);

    /**
     * The watchdog's bounds (all positive).
     *
     * @param checkEvery how often the link is checked
     * @param silenceBound how long without any message before the link is probed with a ping
     * @param connectTimeout how long to wait for Slack's {@code hello} on a new link
     * @param closeTimeout how long to wait for Slack's answer to a close frame
     * @param backoffBase the ceiling of the first wait after a failed attempt
     * @param backoffCap the largest wait between attempts
     * @param failureLogEvery how often a failure that keeps the same reason is logged again
     */
    public record Timings(
            Duration checkEvery,
            Duration silenceBound,
            Duration connectTimeout,
            Duration closeTimeout,
            Duration backoffBase,
            Duration backoffCap,
            Duration failureLogEvery) {
        /** Production values: a silent link is replaced within about 9 s, retries back off to one a minute. */
        public static final Timings DEFAULTS = new Timings(
                Duration.ofSeconds(1),
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                Duration.ofSeconds(3),
                Duration.ofSeconds(1),
                Duration.ofSeconds(60),
                Duration.ofMinutes(1));
    }

    private final App app;
    private final String appToken;
    private final Timings timings;
    private final Backoff backoff;
    private final SocketModeDispatcher dispatcher;
    private ScheduledExecutorService watchdog; // guarded by this
    private volatile SocketModeLink current;
    private volatile boolean stopping;
    // Touched by start() before the watchdog runs, then only by the watchdog thread.
    private boolean everConnected;
    private long downSinceNanos;
    private long nextAttemptNanos;
    private int attempts;
    private String lastLoggedFailure;
    private long lastFailureLoggedNanos;

    /** Same as {@link #SocketModeRunner(App, String, Timings)} with {@link Timings#DEFAULTS}. */
    public SocketModeRunner(App app, String appToken) {
        this(app, appToken, Timings.DEFAULTS);
    }

    /**
     * @param app the Bolt app; {@link SlackCatchAlls} is registered on it here
     * @param appToken the app-level token ({@code xapp-...}), never logged
     * @param timings the watchdog's bounds
     */
    public SocketModeRunner(App app, String appToken, Timings timings) {
        this.app = Objects.requireNonNull(app, "app");
        this.appToken = Objects.requireNonNull(appToken, "appToken");
        this.timings = Objects.requireNonNull(timings, "timings");
        this.backoff = new Backoff(timings.backoffBase(), timings.backoffCap());
        this.dispatcher = new SocketModeDispatcher(app);
        SlackCatchAlls.register(app);
    }

    /**
     * Opens the link (waiting up to {@link Timings#connectTimeout()} for Slack's {@code hello}) and starts
     * the watchdog; envelopes are then handled on the SDK's threads. If Slack is unreachable or failing,
     * returns anyway and the watchdog keeps trying. No-op if started.
     *
     * @throws IllegalStateException with a one-line message if Slack rejects the app token ({@code
     *     invalid_auth} and the like): retrying cannot help, so serve should exit
     */
    public synchronized void start() {
        if (watchdog != null) {
            return;
        }
        stopping = false;
        app.start();
        downSinceNanos = System.nanoTime();
        try {
            current = SocketModeLink.open(app.slack(), appToken, dispatcher, timings.connectTimeout());
            everConnected = true;
            log.info("Socket Mode link connected");
        } catch (SocketModeLink.Failure f) {
            if (f.authRejected()) {
                app.stop();
                throw new IllegalStateException("Slack rejected the Socket Mode app token (" + f.getMessage()
                        + "): check slack.appToken (an xapp- token with connections:write)");
            }
            failed(f);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            app.stop();
            throw new IllegalStateException("interrupted while connecting to Slack");
        }
        watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "slack-link-watchdog");
            t.setDaemon(true);
            return t;
        });
        long period = timings.checkEvery().toMillis();
        watchdog.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    /** True while a link is open and not known to be in trouble. */
    public boolean connected() {
        return current != null;
    }

    /**
     * Stops the watchdog, closes the link with a close frame (code 1000) and waits for Slack's answer
     * (up to {@link Timings#closeTimeout()}), then stops the app. Meant for serve's shutdown: returns within
     * about the probe time (3 s) plus twice the close timeout. No-op if not started.
     */
    public synchronized void stop() {
        if (watchdog == null) {
            return;
        }
        stopping = true;
        watchdog.shutdownNow(); // interrupts a connect attempt waiting for hello
        try {
            // A check may be probing (up to 3 s) or closing a replaced link (two close timeouts).
            watchdog.awaitTermination(2 * timings.closeTimeout().toMillis() + 3_000L, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        watchdog = null;
        SocketModeLink link = current;
        current = null;
        if (link != null) {
            link.close(timings.closeTimeout());
            log.info("Socket Mode link closed");
        }
        app.stop();
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    private void check() {
        try {
            checkOnce();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // Unexpected (a bug, not Slack): keep the stack, and keep the watchdog alive.
            log.warn("Socket Mode watchdog check failed; checking again in {}", timings.checkEvery(), e);
        }
    }

    private void checkOnce() throws InterruptedException {
        SocketModeLink retired = null;
        SocketModeLink link = current;
        if (link != null) {
            String trouble = link.trouble(timings.silenceBound());
            if (trouble == null) {
                return;
            }
            log.info(trouble);
            current = null;
            retired = link;
            downSinceNanos = System.nanoTime();
            nextAttemptNanos = downSinceNanos;
            attempts = 0;
        }
        try {
            if (!stopping && System.nanoTime() - nextAttemptNanos >= 0) {
                connect();
            }
        } finally {
            if (retired != null) { // after the new link is up, so Slack always has one to send to
                retired.close(timings.closeTimeout());
            }
        }
    }

    private void connect() throws InterruptedException {
        SocketModeLink fresh;
        try {
            fresh = SocketModeLink.open(app.slack(), appToken, dispatcher, timings.connectTimeout());
        } catch (SocketModeLink.Failure f) {
            failed(f);
            return;
        }
        if (stopping) {
            fresh.close(timings.closeTimeout());
            return;
        }
        current = fresh;
        String after = seconds(Duration.ofNanos(System.nanoTime() - downSinceNanos));
        log.info("Socket Mode link {} after {} s", everConnected ? "reconnected" : "connected", after);
        everConnected = true;
        attempts = 0;
        lastLoggedFailure = null;
    }

    private void failed(SocketModeLink.Failure f) {
        attempts++;
        Duration wait = backoff.delay(attempts);
        if (f.retryAfter() != null && f.retryAfter().compareTo(wait) > 0) {
            wait = f.retryAfter();
        }
        long now = System.nanoTime();
        nextAttemptNanos = now + wait.toNanos();
        boolean due = !f.getMessage().equals(lastLoggedFailure)
                || now - lastFailureLoggedNanos >= timings.failureLogEvery().toNanos();
        if (!due) {
            return;
        }
        lastLoggedFailure = f.getMessage();
        lastFailureLoggedNanos = now;
        String what = everConnected ? "reconnect" : "connect";
        if (f.authRejected()) {
            log.info(
                    "Socket Mode {} failed: Slack rejected the app token ({}); retrying with back-off, next in {} s"
                            + " (attempt {})",
                    what,
                    f.getMessage(),
                    seconds(wait),
                    attempts);
        } else {
            log.info(
                    "Socket Mode {} failed: {}; next attempt in {} s (attempt {})",
                    what,
                    f.getMessage(),
                    seconds(wait),
                    attempts);
        }
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }
}
