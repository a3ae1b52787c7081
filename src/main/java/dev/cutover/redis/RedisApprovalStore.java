package dev.cutover.redis;

import dev.cutover.core.approval.AppliedSwap;
import dev.cutover.core.approval.ApprovalRequest;
import dev.cutover.core.approval.ApprovalState;
import dev.cutover.core.approval.ApprovalStore;
import dev.cutover.core.approval.Freeze;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * The approval store in Redis, shared by every replica. Keys, under a prefix ({@code cutover:} by
 * default):
 *
 * <ul>
 *   <li>{@code {prefix}{approval}:req:{id}}: hash with {@code version} (decimal) and {@code json}
 *       (the request), expiring {@link #REQUEST_TTL} after its last write;
 *   <li>{@code {prefix}{approval}:pair:{pair}:open}: the id of the pair's open request, same TTL;
 *   <li>{@code {prefix}pair:{pair}:freeze}: the {@link Freeze} as JSON, no TTL;
 *   <li>{@code {prefix}pair:{pair}:applied}: the last {@link AppliedSwap} as JSON, no TTL.
 * </ul>
 *
 * <p>Creation and every transition are one Lua script each ({@link ApprovalScripts}) over a
 * request's hash and its pair's open key. A click carries only the request id and a new request
 * only its pair, so no tag derived from one call's own data names both keys: they all carry the one
 * literal hash tag {@code {approval}} and share a Redis Cluster slot. Requests are few (people ask
 * for them) and short-lived, so that slot never gets hot; freezes and applied swaps are read and
 * written one key at a time and keep their untagged names. Any Jedis failure surfaces as {@link
 * dev.cutover.core.approval.StoreUnavailableException}; after a timeout a script may still have run,
 * so callers re-read rather than assume either outcome.
 */
public final class RedisApprovalStore implements ApprovalStore {
    /** How long a request stays readable after its last write; its pair's open key expires with it. */
    public static final Duration REQUEST_TTL = Duration.ofDays(30);

    private static final String DEFAULT_PREFIX = "cutover:";
    /** The hash tag of every key a script touches: see the class comment. */
    private static final String TAG = HashTags.of("approval");

    private final UnifiedJedis jedis;
    private final String prefix;
    private final String ttlSeconds = Long.toString(REQUEST_TTL.toSeconds());

    /** A store under the default prefix {@code cutover:}. */
    public RedisApprovalStore(UnifiedJedis jedis) {
        this(jedis, DEFAULT_PREFIX);
    }

    /**
     * A store whose keys all start with {@code prefix} (e.g. {@code cutover:}).
     *
     * @throws IllegalArgumentException when the prefix holds a brace (a hash tag of its own)
     */
    public RedisApprovalStore(UnifiedJedis jedis, String prefix) {
        this.jedis = Objects.requireNonNull(jedis, "jedis");
        this.prefix = HashTags.checkedPrefix(Objects.requireNonNull(prefix, "prefix"));
    }

    @Override
    public Optional<String> createIfIdle(ApprovalRequest request) {
        if (request.version() != 1 || request.state() != ApprovalState.PENDING) {
            throw new IllegalArgumentException(
                    "a new request is PENDING at version 1, not " + request.state() + " at " + request.version());
        }
        return ApprovalScripts.createIfIdle(
                jedis,
                "request",
                request.id(),
                List.of(openKey(request.pair()), requestKey(request.id())),
                StoreJson.write(request),
                ttlSeconds);
    }

    @Override
    public Optional<ApprovalRequest> get(String id) {
        String json = RedisFailures.call("get(" + id + ")", () -> jedis.hget(requestKey(id), "json"));
        return Optional.ofNullable(json).map(j -> StoreJson.read(j, ApprovalRequest.class));
    }

    @Override
    public Optional<String> openRequest(String pair) {
        return Optional.ofNullable(RedisFailures.call("openRequest(" + pair + ")", () -> jedis.get(openKey(pair))));
    }

    @Override
    public boolean compareAndSet(ApprovalRequest next) {
        return ApprovalScripts.compareAndSet(
                jedis,
                List.of(requestKey(next.id()), openKey(next.pair())),
                next.id(),
                next.version(),
                StoreJson.write(next),
                next.state().isOpen(),
                ttlSeconds);
    }

    @Override
    public void freeze(String pair, Freeze freeze) {
        String json = StoreJson.write(Objects.requireNonNull(freeze, "freeze"));
        RedisFailures.run("freeze(" + pair + ")", () -> jedis.set(pairKey(pair, "freeze"), json));
    }

    @Override
    public Optional<Freeze> unfreeze(String pair) {
        // GETDEL: the lifted freeze is reported by exactly one of two racing unfreezes.
        String json = RedisFailures.call("unfreeze(" + pair + ")", () -> jedis.getDel(pairKey(pair, "freeze")));
        return Optional.ofNullable(json).map(j -> StoreJson.read(j, Freeze.class));
    }

    @Override
    public Optional<Freeze> frozen(String pair) {
        String json = RedisFailures.call("frozen(" + pair + ")", () -> jedis.get(pairKey(pair, "freeze")));
        return Optional.ofNullable(json).map(j -> StoreJson.read(j, Freeze.class));
    }

    @Override
    public void recordApplied(String pair, AppliedSwap applied) {
        String json = StoreJson.write(Objects.requireNonNull(applied, "applied"));
        RedisFailures.run("recordApplied(" + pair + ")", () -> jedis.set(pairKey(pair, "applied"), json));
    }

    @Override
    public Optional<AppliedSwap> lastApplied(String pair) {
        String json = RedisFailures.call("lastApplied(" + pair + ")", () -> jedis.get(pairKey(pair, "applied")));
        return Optional.ofNullable(json).map(j -> StoreJson.read(j, AppliedSwap.class));
    }

    /** The shift store over the same Redis and prefix, sharing this store's pair slots. */
    public RedisShiftStore shifts() {
        return new RedisShiftStore(jedis, prefix);
    }

    private String requestKey(String id) {
        return prefix + TAG + ":req:" + id;
    }

    private String openKey(String pair) {
        return prefix + TAG + ":pair:" + pair + ":open";
    }

    private String pairKey(String pair, String what) {
        return prefix + "pair:" + pair + ":" + what;
    }
}
