package dev.cutover.redis;

import java.util.List;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The Lua scripts behind {@link RedisApprovalStore} and {@link RedisShiftStore}. Redis runs a script without interleaving any
 * other command, so each is one atomic step however many replicas race.
 *
 * @see <a href="https://redis.io/docs/latest/commands/eval/">EVAL</a>
 */
final class ApprovalScripts {
    private ApprovalScripts() {}

    /**
     * Create if idle, for a request or a shift (which share the pairs' open keys). KEYS: open key,
     * hash, then for a shift the pair's latest-shift key and the set of open shifts. ARGV: id, json,
     * ttl seconds. Returns the open change's id when the pair is busy (nothing written), false
     * (null) when created, or an error reply when the id is already used.
     */
    static final RedisScript CREATE_IF_IDLE = new RedisScript(
            """
            local open = redis.call('GET', KEYS[1])
            if open then return open end
            if redis.call('EXISTS', KEYS[2]) == 1 then
              return redis.error_reply('id already used')
            end
            redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[3])
            redis.call('HSET', KEYS[2], 'version', '1', 'json', ARGV[2])
            redis.call('EXPIRE', KEYS[2], ARGV[3])
            if KEYS[3] then redis.call('SET', KEYS[3], ARGV[1], 'EX', ARGV[3]) end
            if KEYS[4] then redis.call('SADD', KEYS[4], ARGV[1]) end
            return false
            """);

    /**
     * Compare and set. KEYS: hash, open key, then for a shift the set of open shifts. ARGV: expected
     * version, next version, json, id, "1" if the next state is open else "0", ttl seconds. Returns
     * 1 when written, 0 when the stored version is not the expected one (or the hash is gone). The
     * open key is released (or its TTL refreshed) only while it still holds this id, so a late
     * write can never free a pair another change holds.
     */
    static final RedisScript COMPARE_AND_SET = new RedisScript(
            """
            if redis.call('HGET', KEYS[1], 'version') ~= ARGV[1] then return 0 end
            redis.call('HSET', KEYS[1], 'version', ARGV[2], 'json', ARGV[3])
            redis.call('EXPIRE', KEYS[1], ARGV[6])
            if KEYS[3] and ARGV[5] == '0' then redis.call('SREM', KEYS[3], ARGV[4]) end
            if redis.call('GET', KEYS[2]) == ARGV[4] then
              if ARGV[5] == '1' then
                redis.call('EXPIRE', KEYS[2], ARGV[6])
              else
                redis.call('DEL', KEYS[2])
              end
            end
            return 1
            """);

    /**
     * Reopen an ended shift if its pair is idle. KEYS: hash, open key, set of open shifts. ARGV:
     * expected version, next version, json, id, ttl seconds. Returns false (null) when written; the
     * id itself when the stored version is not the expected one; the open change's id when another
     * change holds the pair (nothing written either way).
     */
    static final RedisScript REOPEN_IF_IDLE = new RedisScript(
            """
            if redis.call('HGET', KEYS[1], 'version') ~= ARGV[1] then return ARGV[4] end
            local open = redis.call('GET', KEYS[2])
            if open and open ~= ARGV[4] then return open end
            redis.call('HSET', KEYS[1], 'version', ARGV[2], 'json', ARGV[3])
            redis.call('EXPIRE', KEYS[1], ARGV[5])
            redis.call('SET', KEYS[2], ARGV[4], 'EX', ARGV[5])
            redis.call('SADD', KEYS[3], ARGV[4])
            return false
            """);

    /**
     * Runs {@link #REOPEN_IF_IDLE}: stores {@code json} as {@code version} over {@code version - 1}
     * and takes the pair again.
     *
     * @return empty when written; otherwise {@code id} (a lost race) or the id holding the pair
     */
    static Optional<String> reopenIfIdle(
            UnifiedJedis jedis, List<String> keys, String id, long version, String json, String ttlSeconds) {
        Object why = RedisFailures.call(
                "reopenIfIdle(" + id + ")",
                () -> REOPEN_IF_IDLE.run(
                        jedis,
                        keys,
                        List.of(Long.toString(version - 1), Long.toString(version), json, id, ttlSeconds)));
        return Optional.ofNullable((String) why);
    }

    /**
     * Runs {@link #CREATE_IF_IDLE} for the {@code kind} ("request", "shift") {@code id}.
     *
     * @return the id of the change holding the pair, or empty when created
     * @throws IllegalArgumentException when {@code id} is already used
     * @throws dev.cutover.core.approval.StoreUnavailableException when Redis cannot be reached
     */
    static Optional<String> createIfIdle(
            UnifiedJedis jedis, String kind, String id, List<String> keys, String json, String ttlSeconds) {
        Object busy = RedisFailures.call("createIfIdle(" + id + ")", () -> {
            try {
                return CREATE_IF_IDLE.run(jedis, keys, List.of(id, json, ttlSeconds));
            } catch (JedisDataException e) {
                if (String.valueOf(e.getMessage()).contains("id already used")) {
                    throw new IllegalArgumentException(kind + " id " + id + " is already used");
                }
                throw e;
            }
        });
        return Optional.ofNullable((String) busy);
    }

    /**
     * Runs {@link #COMPARE_AND_SET}: stores {@code json} as {@code version} over {@code version - 1}.
     *
     * @param open whether the next state still holds the pair
     * @return true when written, false when another writer got there first
     */
    static boolean compareAndSet(
            UnifiedJedis jedis,
            List<String> keys,
            String id,
            long version,
            String json,
            boolean open,
            String ttlSeconds) {
        List<String> args =
                List.of(Long.toString(version - 1), Long.toString(version), json, id, open ? "1" : "0", ttlSeconds);
        Object won = RedisFailures.call("compareAndSet(" + id + ")", () -> COMPARE_AND_SET.run(jedis, keys, args));
        return Long.valueOf(1).equals(won);
    }
}
