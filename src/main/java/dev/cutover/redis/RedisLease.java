package dev.cutover.redis;

import dev.cutover.core.lock.Lease;
import dev.cutover.core.lock.LockSpec;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisException;

/** A lease held in Redis by {@link JedisLockProvider}. */
final class RedisLease implements Lease {
    private static final Logger log = LoggerFactory.getLogger(RedisLease.class);
    private final JedisLockProvider provider;
    private final LockSpec spec;
    private final String token;
    private final long fence;

    RedisLease(JedisLockProvider provider, LockSpec spec, String token, long fence) {
        this.provider = provider;
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
        return provider.renew(spec, token);
    }

    @Override
    public void release() {
        try {
            if (!provider.release(spec, token)) {
                log.warn("lock {} was no longer ours at release (expired or taken over)", spec.name());
            }
        } catch (JedisException e) {
            log.warn("could not release lock {}; it expires with its lease: {}", spec.name(), e.toString());
        }
    }
}
