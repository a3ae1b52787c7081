package dev.cutover.redis;

/**
 * The Lua scripts behind {@link RedisApprovalStore}. Redis runs a script without interleaving any
 * other command, so each is one atomic step however many replicas race.
 *
 * @see <a href="https://redis.io/docs/latest/commands/eval/">EVAL</a>
 */
final class ApprovalScripts {
    private ApprovalScripts() {}

    /**
     * Create if idle. KEYS: open key, request hash. ARGV: id, json, version, ttl seconds. Returns
     * the open request's id when the pair is busy (nothing written), false (null) when created, or
     * an error reply when the id is already used.
     */
    static final RedisScript CREATE_IF_IDLE = new RedisScript(
            """
            local open = redis.call('GET', KEYS[1])
            if open then return open end
            if redis.call('EXISTS', KEYS[2]) == 1 then
              return redis.error_reply('request id already used')
            end
            redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[4])
            redis.call('HSET', KEYS[2], 'version', ARGV[3], 'json', ARGV[2])
            redis.call('EXPIRE', KEYS[2], ARGV[4])
            return false
            """);

    /**
     * Compare and set. KEYS: request hash, open key. ARGV: expected version, next version, json,
     * id, "1" if the next state is open else "0", ttl seconds. Returns 1 when written, 0 when the
     * stored version is not the expected one (or the request is gone). The open key is released
     * (or its TTL refreshed) only while it still holds this id, so a late write can never free a
     * pair another request holds.
     */
    static final RedisScript COMPARE_AND_SET = new RedisScript(
            """
            if redis.call('HGET', KEYS[1], 'version') ~= ARGV[1] then return 0 end
            redis.call('HSET', KEYS[1], 'version', ARGV[2], 'json', ARGV[3])
            redis.call('EXPIRE', KEYS[1], ARGV[6])
            if redis.call('GET', KEYS[2]) == ARGV[4] then
              if ARGV[5] == '1' then
                redis.call('EXPIRE', KEYS[2], ARGV[6])
              else
                redis.call('DEL', KEYS[2])
              end
            end
            return 1
            """);
}
