package dev.cutover.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cutover.core.job.AttemptResult;
import dev.cutover.core.job.FireIdentity;
import dev.cutover.core.job.JobRunner;
import dev.cutover.core.job.RetryPolicy;
import dev.cutover.core.job.RunGate;
import dev.cutover.core.job.RunRecord;
import dev.cutover.core.job.RunRecord.Result;
import dev.cutover.jobs.JobAlertMessages;
import dev.cutover.memory.InMemoryJobHistory;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;

/**
 * Issue 11 item 3 on a real Redis made slow with {@code CLIENT PAUSE} (a private redis-server, so the
 * shared one is never paused). Timeouts are scaled down: 500 ms socket timeout and pool wait, so the
 * minimum lease is 3 x 1 s = 3 s, renewed every second.
 */
class LeaseRenewalIT {
    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static PrivateRedis server;
    private static RedisClient redis;
    private final String prefix = RedisTestSupport.prefix("LeaseRenewalIT");
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    private final RecordingNotifier notifier = new RecordingNotifier();

    @BeforeAll
    static void startRedis() throws Exception {
        server = new PrivateRedis();
        redis = RedisConnections.open(server.uri(), TIMEOUT, TIMEOUT, 4);
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
        server.close();
    }

    @AfterEach
    void stopTimerAndWaitOutThePause() {
        timer.shutdownNow();
        // A stall may outlast its test; the next one starts on a Redis that answers again.
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            try (Jedis j = server.admin()) {
                return "PONG".equals(j.ping());
            }
        });
    }

    private JobRunner runner() {
        return new JobRunner(
                new RedisLockProvider(redis, prefix),
                new RedisFireClaims(redis, prefix),
                new InMemoryJobHistory(10),
                new JobAlertMessages(notifier),
                Clock.systemUTC(),
                timer,
                RunGate.standard());
    }

    private long pttl(String job) {
        try (Jedis j = server.admin()) {
            return j.pttl(prefix + "lock:{job:" + job + "}");
        }
    }

    @Test
    void aStallLongerThanTheSocketTimeoutDuringOneRenewalDoesNotLoseTheLease() {
        AtomicBoolean cancelledAtEnd = new AtomicBoolean(true);
        ScriptedTarget target = new ScriptedTarget(a -> {
            long pausedAt = System.nanoTime();
            // The renewal at 1 s waits past its 500 ms timeout; the stall ends at 1.9 s.
            server.pause(Duration.ofMillis(1900));
            await().atMost(Duration.ofSeconds(6))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> System.nanoTime() - pausedAt
                                    > Duration.ofMillis(1900).toNanos()
                            && pttl("slow") > 2200);
            cancelledAtEnd.set(a.isCancelled());
            return AttemptResult.succeeded(0, "ok", null);
        });
        RunRecord r = runner().fire(
                        Jobs.spec("slow", "0 0 10 * * ?", target, RetryPolicy.once(), LEASE),
                        FireIdentity.scheduled("slow", Instant.now()),
                        "scheduled");
        assertThat(r.result()).as(r.detail()).isEqualTo(Result.SUCCEEDED);
        assertThat(cancelledAtEnd).as("still holding the lease after the stall").isFalse();
        assertThat(notifier.posts).isEmpty();
    }

    @Test
    void aStallLongerThanTheLeaseLosesItOnlyWhenTheLeaseRanOutAndIsReportedAsLeaseLost() {
        AtomicLong cancelledAfterMs = new AtomicLong();
        ScriptedTarget target = new ScriptedTarget(a -> {
            long start = System.nanoTime();
            server.pause(Duration.ofMillis(4500));
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(20))
                    .until(a::isCancelled);
            cancelledAfterMs.set(Duration.ofNanos(System.nanoTime() - start).toMillis());
            return AttemptResult.timedOut("cancelled", null);
        });
        RunRecord r = runner().fire(
                        Jobs.spec("stalled", "0 0 10 * * ?", target, RetryPolicy.once(), LEASE),
                        FireIdentity.scheduled("stalled", Instant.now()),
                        "scheduled");
        assertThat(r.result()).isEqualTo(Result.LEASE_LOST);
        assertThat(r.detail()).startsWith("lease lost during attempt 1");
        assertThat(cancelledAfterMs.get())
                .as("not at the first failed renewal (1.5 s) but when the 3 s lease ran out")
                .isBetween(2800L, 4000L);
        assertThat(notifier.texts())
                .singleElement()
                .asString()
                .contains("lease lost")
                .doesNotContain("timed out");
    }
}
