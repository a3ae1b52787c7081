package dev.cutover.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.job.FireIdentity;
import dev.cutover.core.job.JobRunner;
import dev.cutover.core.job.RunGate;
import dev.cutover.core.job.RunRecord;
import dev.cutover.core.job.RunRecord.Result;
import dev.cutover.jobs.JobAlertMessages;
import dev.cutover.testing.Jobs;
import dev.cutover.testing.RecordingNotifier;
import dev.cutover.testing.RedisTestSupport;
import dev.cutover.testing.ScriptedTarget;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * The whole runner on the real Redis, and with Redis down. The claims and history contracts run in
 * {@link RedisFireClaimsIT} and {@link RedisJobHistoryIT}.
 */
class RedisJobStoresIT {
    private static final String PREFIX = RedisTestSupport.prefix("RedisJobStoresIT");
    private static final Instant SLOT = Instant.parse("2026-03-02T10:00:00Z");
    private static RedisClient redis;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @BeforeAll
    static void connect() {
        redis = RedisTestSupport.client();
    }

    @AfterAll
    static void close() {
        redis.close();
    }

    @Test
    void theRunnerOnRedisRunsAFireOnceAndKeepsIt() {
        ScriptedTarget target = ScriptedTarget.succeeding();
        JobRunner runner = runner(redis, new RecordingNotifier());
        var spec = Jobs.spec("redis-job", "0 0 10 * * ?", target);
        assertThat(runner.fire(spec, FireIdentity.scheduled("redis-job", SLOT), "scheduled")
                        .result())
                .isEqualTo(Result.SUCCEEDED);
        assertThat(runner.fire(spec, FireIdentity.scheduled("redis-job", SLOT), "scheduled")
                        .result())
                .isEqualTo(Result.SKIPPED_DUPLICATE);
        assertThat(target.attempts).hasSize(1);
        assertThat(new RedisJobHistory(redis, PREFIX, 50).recent("redis-job", 5))
                .extracting(RunRecord::result)
                .containsExactly(Result.SUCCEEDED);
    }

    @Test
    void redisDownMeansTheRunIsSkippedAndReported() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        RecordingNotifier notifier = new RecordingNotifier();
        ScriptedTarget target = ScriptedTarget.succeeding();
        try (RedisClient down = RedisConnections.open(
                URI.create("redis://127.0.0.1:" + closed), Duration.ofMillis(200), Duration.ofMillis(200), 2)) {
            JobRunner runner = new JobRunner(
                    new RedisLockProvider(down, PREFIX),
                    new RedisFireClaims(down, PREFIX),
                    new dev.cutover.memory.InMemoryJobHistory(10),
                    new JobAlertMessages(notifier),
                    Clock.systemUTC(),
                    timer,
                    RunGate.standard());
            RunRecord r = runner.fire(
                    Jobs.spec("down", "0 0 10 * * ?", target), FireIdentity.scheduled("down", SLOT), "scheduled");
            assertThat(r.result()).isEqualTo(Result.SKIPPED_LOCK_UNAVAILABLE);
        }
        assertThat(target.attempts).isEmpty();
        assertThat(notifier.posts).singleElement().satisfies(p -> {
            assertThat(p.channel()).isEqualTo("C0JOBS");
            assertThat(p.message().text()).contains("down", "lock store unreachable");
        });
    }

    private JobRunner runner(RedisClient client, RecordingNotifier notifier) {
        return new JobRunner(
                new RedisLockProvider(client, PREFIX),
                new RedisFireClaims(client, PREFIX),
                new RedisJobHistory(client, PREFIX, 50),
                new JobAlertMessages(notifier),
                Clock.systemUTC(),
                timer,
                RunGate.standard());
    }
}
