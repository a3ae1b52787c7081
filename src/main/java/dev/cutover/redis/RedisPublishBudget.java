package dev.cutover.redis;

import dev.cutover.core.home.PublishBudget;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import redis.clients.jedis.UnifiedJedis;

/**
 * The {@link PublishBudget} of every replica in one Redis sorted set (a member per publish, scored
 * by its epoch milliseconds), checked and taken in one script so two replicas never both take the
 * last room. Times are the replicas' clocks: a skew of a second moves the window by a second, which
 * the limits' headroom under Slack's 100 a minute absorbs.
 */
public final class RedisPublishBudget implements PublishBudget {
    private static final RedisScript TAKE = new RedisScript(
            """
            local key = KEYS[1]
            local now = tonumber(ARGV[1])
            local window = tonumber(ARGV[2])
            local limit = tonumber(ARGV[3])
            redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
            local n = redis.call('ZCARD', key)
            if n < limit then
              redis.call('ZADD', key, now, ARGV[4])
              redis.call('PEXPIRE', key, window)
              return 0
            end
            local freeing = redis.call('ZRANGE', key, n - limit, n - limit, 'WITHSCORES')
            return math.max(1, tonumber(freeing[2]) + window - now)
            """);

    private final UnifiedJedis redis;
    private final String key;

    /** @param keyPrefix prefix of the key; the set is {@code <prefix>home:publishes} */
    public RedisPublishBudget(UnifiedJedis redis, String keyPrefix) {
        this.redis = redis;
        this.key = keyPrefix + "home:publishes";
    }

    @Override
    public Duration take(boolean open, Instant now) {
        Object wait = RedisFailures.call(
                "taking a Home publish from the budget",
                () -> TAKE.run(
                        redis,
                        List.of(key),
                        List.of(
                                Long.toString(now.toEpochMilli()),
                                Long.toString(WINDOW.toMillis()),
                                Integer.toString(PublishBudget.limit(open)),
                                now.toEpochMilli() + ":" + UUID.randomUUID())));
        return Duration.ofMillis((Long) wait);
    }
}
