package dev.cutover.redis;

import dev.cutover.core.traffic.Shift;
import dev.cutover.core.traffic.ShiftState;
import dev.cutover.core.traffic.ShiftStore;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The shift store in Redis, shared by every replica. Keys, under a prefix ({@code cutover:} by
 * default) and the approval store's hash tag {@code {approval}}:
 *
 * <ul>
 *   <li>{@code {prefix}{approval}:shift:{id}}: hash with {@code version} and {@code json} (the shift),
 *       expiring {@link #SHIFT_TTL} after its last write;
 *   <li>{@code {prefix}{approval}:pair:{pair}:open}: the pair's open change, the same key {@link
 *       RedisApprovalStore} uses for swap requests, so a shift and a swap exclude each other;
 *   <li>{@code {prefix}{approval}:pair:{pair}:shift}: the id of the pair's most recent shift;
 *   <li>{@code {prefix}{approval}:shifts:open}: a set of the open shifts' ids, which every replica's sweep reads.
 * </ul>
 *
 * <p>Creation and every transition are one Lua script each, so racing replicas cannot both win.
 * Every key shares the approval store's Redis Cluster slot, so the scripts run in cluster mode too.
 */
public final class RedisShiftStore implements ShiftStore {
    /** How long a shift stays readable after its last write. */
    public static final Duration SHIFT_TTL = Duration.ofDays(30);

    /**
     * KEYS: open key, shift hash, latest key, open set. ARGV: id, json, ttl seconds. Returns the
     * open change's id when the pair is busy (nothing written), false (null) when created.
     */
    private static final RedisScript CREATE_IF_IDLE = new RedisScript(
            """
            local open = redis.call('GET', KEYS[1])
            if open then return open end
            if redis.call('EXISTS', KEYS[2]) == 1 then
              return redis.error_reply('shift id already used')
            end
            redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[3])
            redis.call('HSET', KEYS[2], 'version', '1', 'json', ARGV[2])
            redis.call('EXPIRE', KEYS[2], ARGV[3])
            redis.call('SET', KEYS[3], ARGV[1], 'EX', ARGV[3])
            redis.call('SADD', KEYS[4], ARGV[1])
            return false
            """);

    /**
     * KEYS: shift hash, open key, open set. ARGV: expected version, next version, json, id, "1"
     * when the next state is open else "0", ttl seconds. Returns 1 when written, 0 when the stored
     * version is not the expected one. The pair is released only while it still holds this id.
     */
    private static final RedisScript COMPARE_AND_SET = new RedisScript(
            """
            if redis.call('HGET', KEYS[1], 'version') ~= ARGV[1] then return 0 end
            redis.call('HSET', KEYS[1], 'version', ARGV[2], 'json', ARGV[3])
            redis.call('EXPIRE', KEYS[1], ARGV[6])
            if ARGV[5] == '0' then redis.call('SREM', KEYS[3], ARGV[4]) end
            if redis.call('GET', KEYS[2]) == ARGV[4] then
              if ARGV[5] == '1' then
                redis.call('EXPIRE', KEYS[2], ARGV[6])
              else
                redis.call('DEL', KEYS[2])
              end
            end
            return 1
            """);

    private final UnifiedJedis jedis;
    /** The approval store's hash tag: every key a script here touches is in its Redis Cluster slot. */
    private static final String TAG = HashTags.of("approval");

    private final String prefix;
    private final String ttlSeconds = Long.toString(SHIFT_TTL.toSeconds());

    /** A store under the default prefix {@code cutover:}, the approval store's. */
    public RedisShiftStore(UnifiedJedis jedis) {
        this(jedis, "cutover:");
    }

    /** A store whose keys start with {@code prefix}; it must be the approval store's prefix. */
    public RedisShiftStore(UnifiedJedis jedis, String prefix) {
        this.jedis = Objects.requireNonNull(jedis, "jedis");
        this.prefix = HashTags.checkedPrefix(Objects.requireNonNull(prefix, "prefix"));
    }

    @Override
    public Optional<String> createIfIdle(Shift shift) {
        if (shift.version() != 1 || shift.state() != ShiftState.PENDING) {
            throw new IllegalArgumentException("a new shift is PENDING at version 1");
        }
        List<String> keys =
                List.of(pairKey(shift.pair(), "open"), shiftKey(shift.id()), pairKey(shift.pair(), "shift"), openSet());
        List<String> args = List.of(shift.id(), StoreJson.write(shift), ttlSeconds);
        Object busy = RedisFailures.call("createIfIdle(" + shift.id() + ")", () -> {
            try {
                return CREATE_IF_IDLE.run(jedis, keys, args);
            } catch (JedisDataException e) {
                if (String.valueOf(e.getMessage()).contains("shift id already used")) {
                    throw new IllegalArgumentException("shift id " + shift.id() + " is already used");
                }
                throw e;
            }
        });
        return Optional.ofNullable((String) busy);
    }

    @Override
    public Optional<Shift> get(String id) {
        String json = RedisFailures.call("get(" + id + ")", () -> jedis.hget(shiftKey(id), "json"));
        return Optional.ofNullable(json).map(j -> StoreJson.read(j, Shift.class));
    }

    @Override
    public boolean compareAndSet(Shift next) {
        List<String> keys = List.of(shiftKey(next.id()), pairKey(next.pair(), "open"), openSet());
        List<String> args = List.of(
                Long.toString(next.version() - 1),
                Long.toString(next.version()),
                StoreJson.write(next),
                next.id(),
                next.state().isOpen() ? "1" : "0",
                ttlSeconds);
        Object won =
                RedisFailures.call("compareAndSet(" + next.id() + ")", () -> COMPARE_AND_SET.run(jedis, keys, args));
        return Long.valueOf(1).equals(won);
    }

    @Override
    public Optional<String> latest(String pair) {
        return Optional.ofNullable(RedisFailures.call("latest(" + pair + ")", () -> jedis.get(pairKey(pair, "shift"))));
    }

    @Override
    public List<String> openIds() {
        return RedisFailures.call("openIds", () -> jedis.smembers(openSet())).stream()
                .sorted()
                .toList();
    }

    private String shiftKey(String id) {
        return prefix + TAG + ":shift:" + id;
    }

    private String openSet() {
        return prefix + TAG + ":shifts:open";
    }

    private String pairKey(String pair, String what) {
        return prefix + TAG + ":pair:" + pair + ":" + what;
    }
}
