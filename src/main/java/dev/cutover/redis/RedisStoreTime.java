package dev.cutover.redis;

import dev.cutover.core.job.StoreTime;
import dev.cutover.core.lock.LockUnavailableException;
import java.time.Instant;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/** Redis's clock: the {@code TIME} command (seconds and microseconds), read through a script. */
public final class RedisStoreTime implements StoreTime {
    private final UnifiedJedis redis;

    public RedisStoreTime(UnifiedJedis redis) {
        this.redis = redis;
    }

    @Override
    public Instant now() {
        try {
            List<?> t = (List<?>) redis.eval("return redis.call('TIME')");
            return Instant.ofEpochSecond(
                    Long.parseLong(t.get(0).toString()), Long.parseLong(t.get(1).toString()) * 1000);
        } catch (JedisException e) {
            throw new LockUnavailableException("cannot read Redis TIME: " + e.getMessage(), e);
        }
    }
}
