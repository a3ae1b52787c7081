package dev.cutover.core.lock;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Lease} identified by a random token: renew and release are compare-on-token operations
 * of the provider that issued it, so every provider shares this one implementation.
 */
public final class TokenLease implements Lease {
    private static final Logger log = LoggerFactory.getLogger(TokenLease.class);

    /** The provider's compare-on-token operations. */
    public interface Store {
        /**
         * Resets the TTL of {@code spec}'s lock if it still holds {@code token}.
         *
         * @return false when the lock is no longer this token's
         * @throws LockUnavailableException when the store cannot be reached
         */
        boolean renew(LockSpec spec, String token);

        /**
         * Deletes {@code spec}'s lock if it still holds {@code token}.
         *
         * @return false when it no longer did (expired, or taken over)
         */
        boolean release(LockSpec spec, String token);
    }

    private final Store store;
    private final LockSpec spec;
    private final String token;
    private final long fence;

    /** @param fence the fencing token issued with this acquire */
    public TokenLease(Store store, LockSpec spec, String token, long fence) {
        this.store = store;
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
        return store.renew(spec, token);
    }

    @Override
    public void release() {
        try {
            if (!store.release(spec, token)) {
                log.warn("lock {} was no longer ours at release (expired or taken over)", spec.name());
            }
        } catch (RuntimeException e) {
            log.warn("could not release lock {}; it expires with its lease: {}", spec.name(), e.toString());
        }
    }
}
