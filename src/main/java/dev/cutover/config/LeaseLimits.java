package dev.cutover.config;

import java.time.Duration;

/**
 * The Redis timeouts every lock call is bounded by, and the shortest job lease they can honour. A
 * renewal that fails costs at most one pool wait plus one socket timeout; a lease must hold the
 * scheduled renewal (at a third of it) plus at least one retry after a failed round trip, so the
 * minimum is three such round trips: {@code 3 x (2 s + 1 s) = 9 s}.
 */
public final class LeaseLimits {
    /** Connect and socket timeout of the shared Redis client. */
    public static final Duration REDIS_TIMEOUT = Duration.ofSeconds(2);
    /** The longest wait for a pooled Redis connection. */
    public static final Duration REDIS_POOL_WAIT = Duration.ofSeconds(1);
    /** The shortest {@code lease} a job may set. */
    public static final Duration MIN_LEASE = REDIS_TIMEOUT.plus(REDIS_POOL_WAIT).multipliedBy(3);

    private LeaseLimits() {}
}
