package dev.cutover.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.job.JobHistory;
import dev.cutover.core.job.JobHistoryContract;
import dev.cutover.core.job.RunRecord;
import dev.cutover.testing.RedisTestSupport;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** The history contract on the real Redis, and what only Redis has: one capped list per job. */
class RedisJobHistoryIT extends JobHistoryContract {
    private static RedisClient redis;
    private String prefix;

    @BeforeAll
    static void connect() {
        redis = RedisTestSupport.client();
    }

    @AfterEach
    void deleteKeys() {
        redis.keys(prefix + "*").forEach(redis::del);
    }

    @AfterAll
    static void close() {
        redis.close();
    }

    @Override
    protected JobHistory newHistory(int limit) {
        prefix = RedisTestSupport.prefix("RedisJobHistoryIT");
        return new RedisJobHistory(redis, prefix, limit);
    }

    @Test
    void eachJobIsOneListTrimmedToTheCap() {
        JobHistory history = newHistory(2);
        Instant t = Instant.parse("2026-03-02T10:00:00Z");
        for (int i = 0; i < 3; i++) {
            history.record(new RunRecord(
                    "listed", "listed-" + i, t, "scheduled", t, t, 1, RunRecord.Result.SUCCEEDED, 0, "ok", Map.of()));
        }
        assertThat(redis.keys(prefix + "*")).containsExactly(prefix + "history:listed");
        assertThat(redis.llen(prefix + "history:listed")).isEqualTo(2);
    }
}
