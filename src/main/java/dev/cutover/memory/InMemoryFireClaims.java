package dev.cutover.memory;

import dev.cutover.core.job.FireClaims;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Fire-identity claims in this process, with TTLs read from a clock. */
public final class InMemoryFireClaims implements FireClaims {
    private final Clock clock;
    private final Map<String, Instant> claims = new HashMap<>();

    public InMemoryFireClaims(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized boolean claim(String key, Duration ttl) {
        Instant now = clock.instant();
        claims.values().removeIf(expiry -> !expiry.isAfter(now));
        return claims.putIfAbsent(key, now.plus(ttl)) == null;
    }

    @Override
    public synchronized boolean isClaimed(String key) {
        Instant expiry = claims.get(key);
        return expiry != null && expiry.isAfter(clock.instant());
    }
}
