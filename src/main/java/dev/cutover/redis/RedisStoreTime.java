package dev.cutover.redis;

import dev.cutover.core.job.StoreTime;
import dev.cutover.core.lock.LockUnavailableException;
import java.time.Instant;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Redis's clock: the {@code TIME} command (seconds and microseconds), read through a script run by
 * its digest ({@link RedisScript}): a script without keys goes to any node of a Redis Cluster, as a
 * keyless command does not.
 */
public final class RedisStoreTime implements StoreTime {
    private static final RedisScript TIME = new RedisScript("return redis.call('TIME')");
    private final UnifiedJedis redis;

    public RedisStoreTime(UnifiedJedis redis) {
        this.redis = redis;
    }

    @Override
    public Instant now() {
        try {
            List<?> t = (List<?>) TIME.run(redis, List.of(), List.of());
            return Instant.ofEpochSecond(
                    Long.parseLong(t.get(0).toString()), Long.parseLong(t.get(1).toString()) * 1000);
        } catch (JedisException e) {
            throw new LockUnavailableException("cannot read Redis TIME: " + e.getMessage(), e);
        }
    }
}
