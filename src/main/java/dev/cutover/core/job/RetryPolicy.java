package dev.cutover.core.job;

import java.time.Duration;

/**
 * How many attempts a fire gets and how long to wait between them: exponential backoff with a cap
 * and jitter ("full jitter" variants are described in the AWS Architecture Blog post "Exponential
 * Backoff And Jitter"; here a bounded fraction is taken off, so waits never collapse to zero).
 *
 * @param maxAttempts attempts including the first, at least 1
 * @param initial the wait after the first failure
 * @param max the cap on any wait
 * @param multiplier the growth per failure, at least 1
 * @param jitter the largest fraction taken off a wait, 0 to 1
 */
public record RetryPolicy(int maxAttempts, Duration initial, Duration max, double multiplier, double jitter) {
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 <= initial <= max");
        }
        if (multiplier < 1 || jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("need multiplier >= 1 and 0 <= jitter <= 1");
        }
    }

    /** One attempt, no retries. */
    public static RetryPolicy once() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 1, 0);
    }

    /**
     * The wait after failed attempt {@code failed} (1-based) before the next one.
     *
     * @param random a uniform random number in [0, 1) choosing the jitter
     */
    public Duration delayAfter(int failed, double random) {
        double base = initial.toMillis() * Math.pow(multiplier, Math.max(0, failed - 1));
        double capped = Math.min(base, max.toMillis());
        return Duration.ofMillis(Math.round(capped * (1 - jitter * random)));
    }
}
