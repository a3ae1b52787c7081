package dev.cutover.core.lock;

import java.time.Duration;
import java.util.Objects;

/**
 * What to lock and for how long.
 *
 * @param name the lock's name, e.g. {@code job:nightly-report}; the store key is derived from it
 * @param lease the TTL: the lock frees itself this long after the last acquire or renew, so a holder
 *     that dies never blocks others for longer (at least 1 ms)
 */
public record LockSpec(String name, Duration lease) {
    public LockSpec {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("lock name must not be blank");
        }
        if (lease == null || lease.toMillis() < 1) {
            throw new IllegalArgumentException("lease must be at least 1 ms, got " + lease);
        }
    }
}
