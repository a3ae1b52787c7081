package dev.cutover.memory;

import dev.cutover.core.lock.Lease;
import dev.cutover.core.lock.LockProvider;
import dev.cutover.core.lock.LockSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Locks in this process only, for a single instance and for tests; same contract as the Redis one. */
public final class InMemoryLockProvider implements LockProvider {
    private final Clock clock;
    private final Map<String, Held> held = new HashMap<>();
    private final Map<String, Long> fences = new HashMap<>();

    /** @param clock decides when leases expire */
    public InMemoryLockProvider(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Optional<Lease> tryAcquire(LockSpec spec) {
        Instant now = clock.instant();
        Held current = held.get(spec.name());
        if (current != null && current.expires.isAfter(now)) {
            return Optional.empty();
        }
        long fence = fences.merge(spec.name(), 1L, Long::sum);
        String token = UUID.randomUUID().toString();
        held.put(spec.name(), new Held(token, now.plus(spec.lease())));
        return Optional.of(new MemoryLease(spec, token, fence));
    }

    private synchronized boolean renew(LockSpec spec, String token) {
        Held current = held.get(spec.name());
        Instant now = clock.instant();
        if (current == null || !current.token.equals(token) || !current.expires.isAfter(now)) {
            return false;
        }
        held.put(spec.name(), new Held(token, now.plus(spec.lease())));
        return true;
    }

    private synchronized void release(LockSpec spec, String token) {
        Held current = held.get(spec.name());
        if (current != null && current.token.equals(token)) {
            held.remove(spec.name());
        }
    }

    private record Held(String token, Instant expires) {}

    private final class MemoryLease implements Lease {
        private final LockSpec spec;
        private final String token;
        private final long fence;

        MemoryLease(LockSpec spec, String token, long fence) {
            this.spec = spec;
            this.token = token;
            this.fence = fence;
        }

        @Override
        public String name() {
            return spec.name();
        }

        @Override
        public long fencingToken() {
            return fence;
        }

        @Override
        public Duration lease() {
            return spec.lease();
        }

        @Override
        public boolean renew() {
            return InMemoryLockProvider.this.renew(spec, token);
        }

        @Override
        public void release() {
            InMemoryLockProvider.this.release(spec, token);
        }
    }
}
