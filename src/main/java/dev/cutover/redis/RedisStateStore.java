package dev.cutover.redis;

import dev.cutover.core.alert.StateStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * {@link StateStore} in Redis: one hash per key, {@code <prefix><key>} with fields {@code v} (the
 * version) and {@code s} (the state as JSON, see {@link StoreJson}). A set is one Lua script that
 * compares the version and writes both fields, so two replicas can never both win a transition. Keys
 * expire {@code ttl} after their last write, so a queue removed from the config leaves nothing
 * behind. Jedis failures become {@code StoreUnavailableException}.
 */
public final class RedisStateStore<T> implements StateStore<T> {
    /** Default key prefix. */
    public static final String DEFAULT_PREFIX = "cutover:alert:";
    /** Default time a state is kept after its last write. */
    public static final Duration DEFAULT_TTL = Duration.ofDays(7);

    private static final RedisScript CAS = new RedisScript(
            """
            local v = tonumber(redis.call('HGET', KEYS[1], 'v') or '0')
            if v ~= tonumber(ARGV[1]) then return 0 end
            redis.call('HSET', KEYS[1], 'v', v + 1, 's', ARGV[2])
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            return 1
            """);

    private final UnifiedJedis redis;
    private final String prefix;
    private final Class<T> type;
    private final Duration ttl;

    /**
     * @param prefix key prefix, e.g. {@code cutover:alert:queue:}
     * @param type the state's record class
     * @param ttl how long a state is kept after its last write
     */
    public RedisStateStore(UnifiedJedis redis, String prefix, Class<T> type, Duration ttl) {
        this.redis = redis;
        this.prefix = prefix;
        this.type = type;
        this.ttl = ttl;
    }

    @Override
    public Optional<Versioned<T>> get(String key) {
        List<String> fields = RedisFailures.call("state read", () -> redis.hmget(prefix + key, "v", "s"));
        if (fields.get(0) == null || fields.get(1) == null) {
            return Optional.empty();
        }
        return Optional.of(new Versioned<>(Long.parseLong(fields.get(0)), StoreJson.read(fields.get(1), type)));
    }

    @Override
    public boolean compareAndSet(String key, long expectedVersion, T next) {
        Object won = RedisFailures.call(
                "state compare-and-set",
                () -> CAS.run(
                        redis,
                        List.of(prefix + key),
                        List.of(Long.toString(expectedVersion), StoreJson.write(next), Long.toString(ttl.toMillis()))));
        return Long.valueOf(1).equals(won);
    }
}
