package dev.cutover.redis;

import dev.cutover.core.home.HomeViewers;
import java.time.Instant;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;

/**
 * The Home's recent viewers in one Redis sorted set (user id scored by the epoch milliseconds of
 * their latest open), shared by every replica. Reads drop the opens older than asked for, so the set
 * stays as small as the number of users who looked lately.
 */
public final class RedisHomeViewers implements HomeViewers {
    private final UnifiedJedis redis;
    private final String key;

    /** @param keyPrefix prefix of the key; the set is {@code <prefix>home:viewers} */
    public RedisHomeViewers(UnifiedJedis redis, String keyPrefix) {
        this.redis = redis;
        this.key = keyPrefix + "home:viewers";
    }

    @Override
    public void opened(String userId, Instant at) {
        RedisFailures.run("recording a Home viewer", () -> redis.zadd(key, at.toEpochMilli(), userId));
    }

    @Override
    public List<String> since(Instant since) {
        return RedisFailures.call("reading the Home viewers", () -> {
            redis.zremrangeByScore(key, Double.NEGATIVE_INFINITY, since.toEpochMilli() - 1);
            return List.copyOf(redis.zrangeByScore(key, since.toEpochMilli(), Double.POSITIVE_INFINITY));
        });
    }
}
