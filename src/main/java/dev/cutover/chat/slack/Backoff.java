package dev.cutover.chat.slack;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential back-off with "equal jitter": attempt {@code n} (from 1) waits between half and all
 * of {@code min(cap, base * 2^(n-1))}. The random half spreads replicas that lost the link at the same
 * moment, so they do not all call {@code apps.connections.open} in step; the fixed half keeps the wait
 * from collapsing to zero.
 *
 * @param base the ceiling of the first wait (positive)
 * @param cap the largest ceiling (at least {@code base})
 */
record Backoff(Duration base, Duration cap) {
    Backoff {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 < base <= cap, got " + base + " and " + cap);
        }
    }

    /** The ceiling of attempt {@code attempt}'s wait, before jitter. */
    Duration ceiling(int attempt) {
        int doublings = Math.min(Math.max(attempt, 1) - 1, 30);
        long ceilingMillis = base.toMillis() << doublings;
        return ceilingMillis <= 0 || ceilingMillis > cap.toMillis() ? cap : Duration.ofMillis(ceilingMillis);
    }

    /** The wait before attempt {@code attempt + 1} after attempt {@code attempt} failed. */
    Duration delay(int attempt) {
        long ceilingMillis = ceiling(attempt).toMillis();
        long half = ceilingMillis / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceilingMillis - half + 1));
    }
}
