package dev.cutover.chat.slack;

import com.slack.api.bolt.App;
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
 * {@link SocketModeTimings#checkEvery()}: a {@code disconnect} from Slack, a closed socket, or a link
 * silent for {@link SocketModeTimings#silenceBound()} that then fails a ping (the SDK's probe, up to 3 s
 * for the pong) makes it open a new link (a new {@code apps.connections.open} URL), then close the old
 * one. Failed attempts are retried with capped exponential back-off and jitter, whatever the failure
 * ({@link LinkRetries}).
 *
 * <p>Every link change is one INFO line on this class's logger, without stack trace; a failure that
 * lasts is told at most once per {@link SocketModeTimings#failureLogEvery()}. Tokens and WebSocket URLs
 * are never logged. Unmatched requests would get no ack, so the constructor registers {@link
 * SlackCatchAlls}.
 */
public final class SocketModeRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SocketModeRunner.class);

    private final App app;
    private final String appToken;
    private final SocketModeTimings timings;
    private final LinkRetries retries; // used by start(), then by the watchdog thread only
    private final SocketModeDispatcher dispatcher;
    private final Object linkLock = new Object();
    private ScheduledExecutorService watchdog; // guarded by this
    private SocketModeLink current; // guarded by linkLock
    private boolean stopping; // guarded by linkLock

    /** Same as {@link #SocketModeRunner(App, String, SocketModeTimings)} with {@link SocketModeTimings#DEFAULTS}. */
    public SocketModeRunner(App app, String appToken) {
        this(app, appToken, SocketModeTimings.DEFAULTS);
    }

    /**
     * @param app the Bolt app; {@link SlackCatchAlls} is registered on it here
     * @param appToken the app-level token ({@code xapp-...}), never logged
     * @param timings the watchdog's bounds
     */
    public SocketModeRunner(App app, String appToken, SocketModeTimings timings) {
        this.app = Objects.requireNonNull(app, "app");
        this.appToken = Objects.requireNonNull(appToken, "appToken");
        this.timings = Objects.requireNonNull(timings, "timings");
        this.retries = new LinkRetries(timings);
        this.dispatcher = new SocketModeDispatcher(app);
        SlackCatchAlls.register(app);
    }

    /**
     * Opens the link (waiting up to {@link SocketModeTimings#connectTimeout()} for Slack's {@code hello})
     * and starts the watchdog; envelopes are then handled on the SDK's threads. If Slack is unreachable or
     * failing, returns anyway and the watchdog keeps trying. No-op if started.
     *
     * @throws IllegalStateException with a one-line message if Slack rejects the app token ({@code
     *     invalid_auth} and the like): retrying cannot help, so serve should exit
     */
    public synchronized void start() {
        if (watchdog != null) {
            return;
        }
        synchronized (linkLock) {
            stopping = false;
        }
        app.start();
        retries.down();
        try {
            adopt(SocketModeLink.open(app.slack(), appToken, dispatcher, timings.connectTimeout()));
        } catch (LinkFailure f) {
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
        synchronized (linkLock) {
            return current != null;
        }
    }

    /**
     * For readiness: null while a link is open and Slack was heard on it (a message or a pong)
     * within the watchdog's silence bound plus the ping's 3 s wait and one check period, which is
     * as long as a healthy link can stay quiet; else why not, in a few words.
     */
    public String linkProblem() {
        SocketModeLink link;
        synchronized (linkLock) {
            link = current;
        }
        if (link == null) {
            return "no Socket Mode link (reconnecting)";
        }
        long quiet = link.quietMillis();
        long bound = timings.silenceBound()
                .plus(SocketModeLink.PONG_WAIT)
                .plus(timings.checkEvery())
                .toMillis();
        return quiet > bound ? "nothing heard from Slack for " + quiet / 1000 + " s" : null;
    }

    /**
     * For serve's shutdown (SIGTERM): stops the watchdog, sends a close frame (code 1000) on the link and
     * waits for Slack's answer, then stops the app, so Slack routes new envelopes to another replica.
     * Returns within three {@link SocketModeTimings#closeTimeout()}s (6 s by default; milliseconds when
     * Slack answers). Idempotent; no-op if not started.
     */
    public synchronized void stop() {
        if (watchdog == null) {
            return;
        }
        SocketModeLink link;
        synchronized (linkLock) {
            stopping = true; // from here on the watchdog adopts no new link
            link = current;
            current = null;
        }
        watchdog.shutdownNow(); // interrupts a probe or a connect attempt waiting for hello
        try {
            watchdog.awaitTermination(timings.closeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        watchdog = null;
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
        SocketModeLink link;
        synchronized (linkLock) {
            link = current;
        }
        SocketModeLink retired = null;
        if (link != null) {
            String trouble = link.trouble(timings.silenceBound());
            synchronized (linkLock) {
                if (trouble == null || stopping) {
                    return; // a probe interrupted by stop() is no news
                }
                current = null;
            }
            log.info(trouble);
            retired = link;
            retries.down();
        }
        try {
            if (retries.attemptDue()) {
                connect();
            }
        } finally {
            if (retired != null) { // after the new link is up, so Slack always has one to send to
                retired.close(timings.closeTimeout());
            }
        }
    }

    private void connect() throws InterruptedException {
        try {
            adopt(SocketModeLink.open(app.slack(), appToken, dispatcher, timings.connectTimeout()));
        } catch (LinkFailure f) {
            failed(f);
        }
    }

    private void adopt(SocketModeLink fresh) {
        synchronized (linkLock) {
            if (!stopping) {
                current = fresh;
                fresh = null;
            }
        }
        if (fresh != null) {
            fresh.close(timings.closeTimeout());
            return;
        }
        log.info(retries.connected());
    }

    private void failed(LinkFailure f) {
        String line = retries.failed(f);
        if (line != null) {
            log.info(line);
        }
    }
}
