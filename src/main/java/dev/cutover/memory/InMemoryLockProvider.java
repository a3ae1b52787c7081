package dev.cutover.memory;

import dev.cutover.core.lock.Lease;
import dev.cutover.core.lock.LockHolder;
import dev.cutover.core.lock.LockProvider;
import dev.cutover.core.lock.LockSpec;
import dev.cutover.core.lock.TokenLease;
import java.time.Clock;
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
    private final TokenLease.Store store = new TokenLease.Store() {
        @Override
        public boolean renew(LockSpec spec, String token) {
            return InMemoryLockProvider.this.renew(spec, token);
        }

        @Override
        public boolean release(LockSpec spec, String token) {
            return InMemoryLockProvider.this.release(spec, token);
        }
    };

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
        held.put(spec.name(), new Held(token, now.plus(spec.lease()), fence));
        return Optional.of(new TokenLease(store, spec, token, fence));
    }

    private synchronized boolean renew(LockSpec spec, String token) {
        Held current = held.get(spec.name());
        Instant now = clock.instant();
        if (current == null || !current.token.equals(token) || !current.expires.isAfter(now)) {
            return false;
        }
        held.put(spec.name(), new Held(token, now.plus(spec.lease()), current.fence));
        return true;
    }

    private synchronized boolean release(LockSpec spec, String token) {
        Held current = held.get(spec.name());
        if (current != null && current.token.equals(token)) {
            held.remove(spec.name());
            return true;
        }
        return false;
    }

    @Override
    public synchronized Optional<LockHolder> holder(String name) {
        Held current = held.get(name);
        return current == null || !current.expires.isAfter(clock.instant())
                ? Optional.empty()
                : Optional.of(new LockHolder(OWNER, current.fence));
    }

    /** Every lock here is held by this process. */
    private static final String OWNER = LockHolder.thisProcess();

    private record Held(String token, Instant expires, long fence) {}
}
