package dev.cutover.redis;

import dev.cutover.core.job.FireClaims;
import dev.cutover.core.lock.LockUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Fire-identity claims in Redis: {@code SET key <token> NX PX ttl} inside a script that also
 * recognises its own token, so a claim whose reply was lost is sent again and still counts as ours
 * (a plain retry would see "already claimed" and skip a slot that never ran).
 */
public final class RedisFireClaims implements FireClaims {
    static final RedisScript CLAIM = new RedisScript(
            """
            local v = redis.call('GET', KEYS[1])
            if v then
              if v == ARGV[1] then return 1 end
              return 0
            end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return 1""");

    private final UnifiedJedis redis;
    private final String prefix;

    /** @param keyPrefix prefix of every key; claims are {@code <prefix>claim:<key>} */
    public RedisFireClaims(UnifiedJedis redis, String keyPrefix) {
        this.redis = redis;
        this.prefix = keyPrefix;
    }

    @Override
    public boolean claim(String key, Duration ttl) {
        List<String> keys = List.of(prefix + "claim:" + key);
        List<String> args = List.of(UUID.randomUUID().toString(), Long.toString(ttl.toMillis()));
        try {
            return Long.valueOf(1).equals(CLAIM.run(redis, keys, args));
        } catch (JedisException first) {
            try {
                return Long.valueOf(1).equals(CLAIM.run(redis, keys, args));
            } catch (JedisException second) {
                second.addSuppressed(first);
                throw new LockUnavailableException("cannot claim " + key + " in Redis: " + second.getMessage(), second);
            }
        }
    }

    @Override
    public boolean isClaimed(String key) {
        try {
            return redis.exists(prefix + "claim:" + key);
        } catch (JedisException e) {
            throw new LockUnavailableException("cannot read claim " + key + " in Redis: " + e.getMessage(), e);
        }
    }
}
