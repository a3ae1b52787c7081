package dev.cutover.redis;

import dev.cutover.core.lock.Lease;
import dev.cutover.core.lock.LockHolder;
import dev.cutover.core.lock.LockProvider;
import dev.cutover.core.lock.LockSpec;
import dev.cutover.core.lock.LockUnavailableException;
import dev.cutover.core.lock.TokenLease;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Locks in Redis (the single-instance algorithm in Redis's "Distributed Locks with Redis" page, plus
 * fencing tokens). The lock key holds {@code <owner token>:<fencing token>} with a TTL, the owner
 * token being {@code <replica>#<uuid>} so that {@link #holder} can say which replica holds it:
 *
 * <ul>
 *   <li>acquire: one Lua script, {@code SET key value PX lease} if absent, with {@code INCR} of a
 *       fencing counter that never expires. A script that finds its own token already there returns
 *       it, so after an ambiguous error (timeout, reply lost) it is simply sent again: a SET that did
 *       land is recognised instead of locking the job out for a whole lease.
 *   <li>renew: compare-and-{@code PEXPIRE}; release: compare-and-{@code DEL}. A late call never
 *       touches a lock someone else acquired after the TTL ran out.
 *   <li>fencing: the token is the counter, raised to at least Redis's {@code TIME} in microseconds
 *       (about 1.8e15, exact in Lua's doubles).
 *       The counter alone restarts at 1 when Redis loses its data ({@code FLUSHDB}, a restart
 *       without persistence, a failover that loses recent writes) and would hand a new holder the
 *       token of the one just cut off; the clock floor keeps tokens strictly increasing across such
 *       a loss, assuming Redis's clock never goes back by more than the time since the previous
 *       acquire (NTP-synced nodes, skew far below the minimum lease).
 *   <li>a lock key found without a TTL (set by hand) is flagged in the log and given the lease as
 *       its TTL, so it frees itself instead of locking the job out for good.
 * </ul>
 *
 * Each script runs by its digest ({@link RedisScript}): EVALSHA, with EVAL only when Redis answers
 * NOSCRIPT. Timeouts and pool waits are those of the given client (see {@link RedisConnections}).
 */
public final class RedisLockProvider implements LockProvider {
    private static final Logger log = LoggerFactory.getLogger(RedisLockProvider.class);
    static final RedisScript ACQUIRE = new RedisScript(
            """
            local v = redis.call('GET', KEYS[1])
            if v then
              if string.sub(v, 1, #ARGV[1] + 1) == ARGV[1] .. ':' then
                return tonumber(string.sub(v, #ARGV[1] + 2))
              end
              if redis.call('PTTL', KEYS[1]) == -1 then
                redis.call('PEXPIRE', KEYS[1], ARGV[2])
                return -1
              end
              return false
            end
            local t = redis.call('TIME')
            local floor = tonumber(t[1]) * 1000000 + tonumber(t[2])
            local f = redis.call('INCR', KEYS[2])
            if f < floor then
              f = floor
              redis.call('SET', KEYS[2], string.format('%d', f))
            end
            redis.call('SET', KEYS[1], ARGV[1] .. ':' .. string.format('%d', f), 'PX', ARGV[2])
            return f""");
    static final RedisScript RENEW = new RedisScript(
            """
            local v = redis.call('GET', KEYS[1])
            if v and string.sub(v, 1, #ARGV[1] + 1) == ARGV[1] .. ':' then
              return redis.call('PEXPIRE', KEYS[1], ARGV[2])
            end
            return 0""");
    static final RedisScript RELEASE = new RedisScript(
            """
            local v = redis.call('GET', KEYS[1])
            if v and string.sub(v, 1, #ARGV[1] + 1) == ARGV[1] .. ':' then
              return redis.call('DEL', KEYS[1])
            end
            return 0""");

    private final UnifiedJedis redis;
    private final String prefix;

    /**
     * @param redis the shared client (bounded timeouts and pool wait)
     * @param keyPrefix prefix of every key, e.g. {@code cutover:}, without braces; keys are {@code
     *     <prefix>lock:{<name>}} and {@code <prefix>fence:{<name>}}, hash-tagged by the lock's name so
     *     the acquire script's two keys share a Redis Cluster slot
     * @throws IllegalArgumentException when the prefix holds a brace
     */
    public RedisLockProvider(UnifiedJedis redis, String keyPrefix) {
        this.redis = redis;
        this.prefix = HashTags.checkedPrefix(keyPrefix);
    }

    @Override
    public Optional<Lease> tryAcquire(LockSpec spec) {
        // The owner goes first so that anyone reading the lock sees which replica holds it.
        String token = OWNER + "#" + UUID.randomUUID();
        List<String> keys = List.of(lockKey(spec), prefix + "fence:" + HashTags.of(spec.name()));
        List<String> args = List.of(token, Long.toString(spec.lease().toMillis()));
        Object fence;
        try {
            fence = ACQUIRE.run(redis, keys, args);
        } catch (JedisException first) {
            fence = reconcile(spec, keys, args, first);
        }
        if (Long.valueOf(-1).equals(fence)) {
            // Set by hand or by an old client: without a TTL the job would be locked out for good.
            log.warn(
                    "lock {} was held without a TTL; repaired: it now expires in {} ms (the job's lease)",
                    spec.name(),
                    spec.lease().toMillis());
            return Optional.empty();
        }
        return fence == null ? Optional.empty() : Optional.of(new TokenLease(store, spec, token, (Long) fence));
    }

    private Object reconcile(LockSpec spec, List<String> keys, List<String> args, JedisException first) {
        try {
            return ACQUIRE.run(redis, keys, args);
        } catch (JedisException second) {
            second.addSuppressed(first);
            throw new LockUnavailableException(
                    "cannot acquire " + spec.name() + " in Redis: " + second.getMessage(), second);
        }
    }

    private final TokenLease.Store store = new TokenLease.Store() {
        @Override
        public boolean renew(LockSpec spec, String token) {
            return RedisLockProvider.this.renew(spec, token);
        }

        @Override
        public boolean release(LockSpec spec, String token) {
            return RedisLockProvider.this.release(spec, token);
        }
    };

    boolean renew(LockSpec spec, String token) {
        try {
            Object r = RENEW.run(
                    redis,
                    List.of(lockKey(spec)),
                    List.of(token, Long.toString(spec.lease().toMillis())));
            return Long.valueOf(1).equals(r);
        } catch (JedisException e) {
            throw new LockUnavailableException("cannot renew " + spec.name() + " in Redis: " + e.getMessage(), e);
        }
    }

    /** @return whether the lock was still ours and is now deleted */
    boolean release(LockSpec spec, String token) {
        Object r = RELEASE.run(redis, List.of(lockKey(spec)), List.of(token));
        return Long.valueOf(1).equals(r);
    }

    /**
     * {@inheritDoc}
     *
     * <p>One GET of the lock key, whose value is {@code <owner>#<uuid>:<fencing token>}.
     */
    @Override
    public Optional<LockHolder> holder(String name) {
        String value;
        try {
            value = redis.get(prefix + "lock:" + HashTags.of(name));
        } catch (JedisException e) {
            throw new LockUnavailableException("cannot read " + name + " in Redis: " + e.getMessage(), e);
        }
        int colon = value == null ? -1 : value.lastIndexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String token = value.substring(0, colon);
        int hash = token.indexOf('#');
        try {
            long fence = Long.parseLong(value.substring(colon + 1));
            return Optional.of(new LockHolder(hash < 0 ? LockHolder.UNKNOWN : token.substring(0, hash), fence));
        } catch (NumberFormatException e) {
            return Optional.of(new LockHolder(LockHolder.UNKNOWN, 0));
        }
    }

    /** This replica, as the owner part of the lock values it writes. */
    private static final String OWNER = LockHolder.thisProcess();

    private String lockKey(LockSpec spec) {
        return prefix + "lock:" + HashTags.of(spec.name());
    }
}
