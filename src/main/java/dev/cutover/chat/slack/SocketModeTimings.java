package dev.cutover.chat.slack;

import java.time.Duration;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The bounds of {@link SocketModeRunner}'s watchdog (all positive; tests shrink them).
 *
 * @param checkEvery how often the link is checked
 * @param silenceBound how long without any message before the link is probed with a ping; the SDK's
 *     probe then waits up to 3 s for the pong
 * @param connectTimeout how long to wait for Slack's {@code hello} on a new link
 * @param closeTimeout how long to wait for Slack's answer to a close frame, and for envelopes being
 *     handled on a closing link
 * @param backoffBase the ceiling of the first wait after a failed attempt ({@link Backoff})
 * @param backoffCap the largest wait between attempts
 * @param failureLogEvery how often a failure that keeps the same reason is logged again
 */
public record SocketModeTimings(
        Duration checkEvery,
        Duration silenceBound,
        Duration connectTimeout,
        Duration closeTimeout,
        Duration backoffBase,
        Duration backoffCap,
        Duration failureLogEvery) {

    /**
     * Production values: a silent link is replaced within about 9 s, retries back off to one a minute,
     * a failure that lasts is logged once a minute, and closing takes at most 6 s.
     */
    public static final SocketModeTimings DEFAULTS = new SocketModeTimings(
            Duration.ofSeconds(1),
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            Duration.ofSeconds(2),
            Duration.ofSeconds(1),
            Duration.ofSeconds(60),
            Duration.ofMinutes(1));

    /** @throws IllegalArgumentException if a bound is not positive or the cap is below the base */
    public SocketModeTimings {
        Stream.of(checkEvery, silenceBound, connectTimeout, closeTimeout, backoffBase, backoffCap, failureLogEvery)
                .forEach(d -> {
                    if (Objects.requireNonNull(d, "bound").isNegative() || d.isZero()) {
                        throw new IllegalArgumentException("Socket Mode bounds must be positive, got " + d);
                    }
                });
        if (backoffCap.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException("backoffCap " + backoffCap + " is below backoffBase " + backoffBase);
        }
    }
}
