package dev.cutover.config;

import java.time.Duration;

/**
 * A job's {@code backoff:} between attempts: exponential, capped, with jitter.
 *
 * @param initial the wait before the second attempt (default 10s)
 * @param max the cap on any wait (default 5m)
 * @param multiplier the growth per attempt (default 2.0, at least 1.0)
 * @param jitter the random fraction taken off each wait, 0.0 to 1.0 (default 0.2: 80–100% of it), so
 *     replicas failing together do not retry in lockstep
 */
public record BackoffConfig(Duration initial, Duration max, Double multiplier, Double jitter) {
    public BackoffConfig {
        initial = SchedulerSettings.positive("initial", initial, Duration.ofSeconds(10));
        max = SchedulerSettings.positive("max", max, Duration.ofMinutes(5));
        if (max.compareTo(initial) < 0) {
            throw ConfigException.invalid("max", "must be at least initial (" + initial.toMillis() + "ms)");
        }
        multiplier = multiplier == null ? 2.0 : multiplier;
        if (multiplier < 1.0 || multiplier > 10.0) {
            throw ConfigException.invalid("multiplier", "must be 1.0 to 10.0");
        }
        jitter = jitter == null ? 0.2 : jitter;
        if (jitter < 0.0 || jitter > 1.0) {
            throw ConfigException.invalid("jitter", "must be 0.0 to 1.0");
        }
    }

    /** Every default. */
    public static BackoffConfig defaults() {
        return new BackoffConfig(null, null, null, null);
    }
}
