package dev.cutover.chat.slack;

import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * When to try the Socket Mode link again, and the one line that tells each outcome: waits follow
 * {@link Backoff} (or Slack's longer {@code Retry-After}); a failure is told when its reason changes and
 * at most once per {@code failureLogEvery} while it lasts. Used by one thread at a time.
 */
final class LinkRetries {
    private final Backoff backoff;
    private final Duration failureLogEvery;
    private final LongSupplier nanoTime;
    private boolean everConnected;
    private long downSinceNanos;
    private long nextAttemptNanos;
    private int attempts;
    private String lastToldFailure;
    private long lastToldNanos;

    LinkRetries(SocketModeTimings timings) {
        this(timings, System::nanoTime);
    }

    /** @param nanoTime a monotonic clock in nanoseconds, like {@link System#nanoTime()} */
    LinkRetries(SocketModeTimings timings, LongSupplier nanoTime) {
        this.backoff = new Backoff(timings.backoffBase(), timings.backoffCap());
        this.failureLogEvery = timings.failureLogEvery();
        this.nanoTime = nanoTime;
        this.downSinceNanos = nanoTime.getAsLong();
        this.nextAttemptNanos = downSinceNanos;
    }

    /** The link was lost now: the next attempt is due at once. */
    void down() {
        downSinceNanos = nanoTime.getAsLong();
        nextAttemptNanos = downSinceNanos;
        attempts = 0;
    }

    /** True once the back-off after the last failed attempt has passed. */
    boolean attemptDue() {
        return nanoTime.getAsLong() - nextAttemptNanos >= 0;
    }

    /** Records a new link; returns the line that says so. */
    String connected() {
        String line = everConnected
                ? "Socket Mode link reconnected after " + seconds(sinceDown()) + " s"
                : "Socket Mode link connected" + (attempts == 0 ? "" : " after " + seconds(sinceDown()) + " s");
        everConnected = true;
        attempts = 0;
        lastToldFailure = null;
        return line;
    }

    /** Records a failed attempt and schedules the next; returns the line to log, or null if told recently. */
    String failed(LinkFailure f) {
        attempts++;
        Duration wait = backoff.delay(attempts);
        if (f.retryAfter() != null && f.retryAfter().compareTo(wait) > 0) {
            wait = f.retryAfter();
        }
        long now = nanoTime.getAsLong();
        nextAttemptNanos = now + wait.toNanos();
        if (f.getMessage().equals(lastToldFailure) && now - lastToldNanos < failureLogEvery.toNanos()) {
            return null;
        }
        lastToldFailure = f.getMessage();
        lastToldNanos = now;
        String what = everConnected ? "reconnect" : "connect";
        if (f.authRejected()) {
            return "Socket Mode " + what + " failed: Slack rejected the app token (" + f.getMessage()
                    + "); retrying with back-off, next in " + seconds(wait) + " s (attempt " + attempts + ")";
        }
        return "Socket Mode " + what + " failed: " + f.getMessage() + "; next attempt in " + seconds(wait)
                + " s (attempt " + attempts + ")";
    }

    private Duration sinceDown() {
        return Duration.ofNanos(nanoTime.getAsLong() - downSinceNanos);
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }
}
