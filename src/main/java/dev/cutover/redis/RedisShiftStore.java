package dev.cutover.redis;

import dev.cutover.core.traffic.Shift;
import dev.cutover.core.traffic.ShiftState;
import dev.cutover.core.traffic.ShiftStore;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

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
        return ApprovalScripts.createIfIdle(
                jedis,
                "shift",
                shift.id(),
                List.of(pairKey(shift.pair(), "open"), shiftKey(shift.id()), pairKey(shift.pair(), "shift"), openSet()),
                StoreJson.write(shift),
                ttlSeconds);
    }

    @Override
    public Optional<Shift> get(String id) {
        String json = RedisFailures.call("get(" + id + ")", () -> jedis.hget(shiftKey(id), "json"));
        return Optional.ofNullable(json).map(j -> StoreJson.read(j, Shift.class));
    }

    @Override
    public boolean compareAndSet(Shift next) {
        return ApprovalScripts.compareAndSet(
                jedis,
                List.of(shiftKey(next.id()), pairKey(next.pair(), "open"), openSet()),
                next.id(),
                next.version(),
                StoreJson.write(next),
                next.state().isOpen(),
                ttlSeconds);
    }

    @Override
    public Optional<String> reopenIfIdle(Shift next) {
        return ApprovalScripts.reopenIfIdle(
                jedis,
                List.of(shiftKey(next.id()), pairKey(next.pair(), "open"), openSet()),
                next.id(),
                next.version(),
                StoreJson.write(next),
                ttlSeconds);
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
