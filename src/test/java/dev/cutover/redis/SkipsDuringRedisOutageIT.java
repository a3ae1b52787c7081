package dev.cutover.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.core.job.FireIdentity;
import dev.cutover.core.job.JobRunner;
import dev.cutover.core.job.RunGate;
import dev.cutover.core.job.RunRecord;
import dev.cutover.core.job.RunRecord.Result;
import dev.cutover.jobs.JobAlertMessages;
import dev.cutover.testing.Jobs;
import dev.cutover.testing.PrivateRedis;
import dev.cutover.testing.RecordingNotifier;
import dev.cutover.testing.RedisTestSupport;
import dev.cutover.testing.ScriptedTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** Issue 11 item 8: a fire skipped because Redis is down still gets its history entry, once Redis is back. */
class SkipsDuringRedisOutageIT {
    @Test
    void aSkipDuringAnOutageIsRecordedWhenRedisAnswersAgain() throws Exception {
        String prefix = RedisTestSupport.prefix("SkipsDuringRedisOutageIT");
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (PrivateRedis server = new PrivateRedis();
                RedisClient redis =
                        RedisConnections.open(server.uri(), Duration.ofMillis(300), Duration.ofMillis(300), 2)) {
            RedisJobHistory history = new RedisJobHistory(redis, prefix, 50);
            JobRunner runner = new JobRunner(
                    new RedisLockProvider(redis, prefix),
                    new RedisFireClaims(redis, prefix),
                    history,
                    new JobAlertMessages(new RecordingNotifier()),
                    Clock.systemUTC(),
                    timer,
                    RunGate.standard());
            ScriptedTarget target = ScriptedTarget.succeeding();
            var spec = Jobs.spec("outage", "0 0 10 * * ?", target);
            server.kill();
            RunRecord skipped = runner.fire(
                    spec, FireIdentity.scheduled("outage", Instant.parse("2026-03-02T10:00:00Z")), "scheduled");
            assertThat(skipped.result()).isEqualTo(Result.SKIPPED_LOCK_UNAVAILABLE);
            assertThat(runner.flushHistory()).as("kept while Redis is down").isEqualTo(1);
            server.start();
            assertThat(runner.flushHistory()).isZero();
            assertThat(history.recent("outage", 10)).singleElement().satisfies(r -> {
                assertThat(r.result()).isEqualTo(Result.SKIPPED_LOCK_UNAVAILABLE);
                assertThat(r.detail()).contains("lock store unreachable");
            });
            assertThat(target.attempts).isEmpty();
        } finally {
            timer.shutdownNow();
        }
    }
}
