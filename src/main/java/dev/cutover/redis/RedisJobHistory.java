package dev.cutover.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.cutover.core.job.JobHistory;
import dev.cutover.core.job.RunRecord;
import java.io.UncheckedIOException;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;

/**
 * Run history in Redis: one list per job of JSON records, newest first, trimmed to the cap in the
 * same script as the push (one round trip, never over the cap).
 */
public final class RedisJobHistory implements JobHistory {
    private static final RedisScript PUSH = new RedisScript(
            """
            redis.call('LPUSH', KEYS[1], ARGV[1])
            redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1)
            return 1""");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final UnifiedJedis redis;
    private final String prefix;
    private final int limit;

    /**
     * @param keyPrefix prefix of every key; lists are {@code <prefix>history:<job>}
     * @param limit runs kept per job
     */
    public RedisJobHistory(UnifiedJedis redis, String keyPrefix, int limit) {
        this.redis = redis;
        this.prefix = keyPrefix;
        this.limit = limit;
    }

    @Override
    public void record(RunRecord run) {
        try {
            PUSH.run(
                    redis,
                    List.of(prefix + "history:" + run.job()),
                    List.of(JSON.writeValueAsString(run), Integer.toString(limit)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<RunRecord> recent(String job, int max) {
        return redis.lrange(prefix + "history:" + job, 0, max - 1).stream()
                .map(RedisJobHistory::parse)
                .toList();
    }

    private static RunRecord parse(String json) {
        try {
            return JSON.readValue(json, RunRecord.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
