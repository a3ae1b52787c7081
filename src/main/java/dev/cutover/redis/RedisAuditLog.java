package dev.cutover.redis;

import dev.cutover.core.audit.AuditEvent;
import dev.cutover.core.audit.AuditLines;
import dev.cutover.core.audit.AuditLog;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * The audit log as one Redis stream per pair, {@code {prefix}audit:{pair}}, capped at about
 * {@value #MAX_LEN} entries ({@code XADD MAXLEN ~}: Redis trims whole nodes, so a few more may stay).
 * Entry fields: {@code at} (ISO-8601), {@code pair}, {@code requestId} (absent when null), {@code
 * action}, {@code userId}, {@code detail} (a JSON object of strings).
 *
 * <p>Each event is added to the stream, then written as an audit log line ({@link AuditLines}) that
 * carries the entry's id ({@code streamId}) so the line can be checked against the stream; when
 * Redis fails the line is written without it, the failure is logged as a warning and not thrown.
 *
 * @see <a href="https://redis.io/docs/latest/commands/xadd/">XADD</a>
 * @see <a href="https://redis.io/docs/latest/commands/xrevrange/">XREVRANGE</a>
 */
public final class RedisAuditLog implements AuditLog {
    /** The approximate number of events kept per pair. */
    public static final long MAX_LEN = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(RedisAuditLog.class);

    private final UnifiedJedis jedis;
    private final String prefix;

    /** An audit log under the default prefix {@code cutover:}. */
    public RedisAuditLog(UnifiedJedis jedis) {
        this(jedis, "cutover:");
    }

    /** An audit log whose keys start with {@code prefix}. */
    public RedisAuditLog(UnifiedJedis jedis, String prefix) {
        this.jedis = Objects.requireNonNull(jedis, "jedis");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
    }

    @Override
    public void append(AuditEvent event) {
        XAddParams params = XAddParams.xAddParams().maxLen(MAX_LEN).approximateTrimming();
        StreamEntryID id = null;
        RuntimeException failure = null;
        try {
            id = jedis.xadd(streamKey(event.pair()), params, fields(event));
        } catch (RuntimeException e) {
            failure = e;
        }
        AuditLines.write(event, id == null ? null : id.toString());
        if (failure != null) {
            // The log line holds the event; losing the Redis copy must not fail the swap or decision
            // being audited.
            LOG.warn(
                    "audit event {} on {} not stored in Redis; the audit log line holds it",
                    event.action(),
                    event.pair(),
                    failure);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws dev.cutover.core.approval.StoreUnavailableException when Redis cannot be read
     */
    @Override
    public List<AuditEvent> recent(String pair, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        List<StreamEntry> entries =
                RedisFailures.call("recent(" + pair + ")", () -> jedis.xrevrange(streamKey(pair), "+", "-", limit));
        return entries.stream().map(e -> event(e.getFields())).toList();
    }

    private static Map<String, String> fields(AuditEvent event) {
        Map<String, String> fields = new HashMap<>();
        fields.put("at", event.at().toString());
        fields.put("pair", event.pair());
        if (event.requestId() != null) {
            fields.put("requestId", event.requestId());
        }
        fields.put("action", event.action());
        fields.put("userId", event.userId());
        fields.put("detail", StoreJson.write(event.detail()));
        return fields;
    }

    @SuppressWarnings("unchecked")
    private static AuditEvent event(Map<String, String> f) {
        Map<String, String> detail = StoreJson.read(f.getOrDefault("detail", "{}"), Map.class);
        return new AuditEvent(
                Instant.parse(f.get("at")),
                f.get("pair"),
                f.get("requestId"),
                f.get("action"),
                f.get("userId"),
                detail);
    }

    private String streamKey(String pair) {
        return prefix + "audit:" + pair;
    }
}
