package dev.cutover.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.ConfigLoader;
import dev.cutover.config.CutoverConfig;
import dev.cutover.config.EnvInterpolator;
import dev.cutover.redis.RedisStoreTime;
import dev.cutover.testing.RecordingNotifier;
import dev.cutover.testing.RedisTestSupport;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * Issue 11 item 8: a replica whose clock is off Redis's TIME by more than 1 s is reported at start-up
 * and in readiness.
 */
class ClockSkewIT {
    private static final String YAML =
            """
            scheduler: { channel: C0OPS, shutdownTimeout: 2s }
            jobs:
              - name: daily
                cron: "0 0 3 * * ?"
                target: { type: command, command: [true] }
            """;

    private RecordingNotifier startWith(Clock clock, RedisClient redis) throws Exception {
        CutoverConfig config =
                new ConfigLoader(new EnvInterpolator(Map.<String, String>of()::get)).parse("t.yml", YAML);
        RecordingNotifier notifier = new RecordingNotifier();
        JobWiring.Jobs jobs = JobWiring.build(
                config,
                JobWiring.onRedis(config, redis, RedisTestSupport.prefix("ClockSkewIT"), JobTargets.withoutAws()),
                notifier,
                clock,
                g -> Set.of(),
                "skew");
        try {
            jobs.scheduling().start();
        } finally {
            jobs.scheduling().stop();
        }
        return notifier;
    }

    @Test
    void aClockThreeSecondsAheadIsReportedAndAnAccurateOneIsNot() throws Exception {
        try (RedisClient redis = RedisTestSupport.client()) {
            Duration measured = Duration.between(Clock.systemUTC().instant(), new RedisStoreTime(redis).now());
            assertThat(measured.abs())
                    .as("this machine's clock and Redis's agree")
                    .isLessThan(Duration.ofMillis(500));
            assertThat(startWith(Clock.systemUTC(), redis).posts).isEmpty();
            RecordingNotifier skewed = startWith(Clock.offset(Clock.systemUTC(), Duration.ofSeconds(3)), redis);
            assertThat(skewed.posts).singleElement().satisfies(p -> {
                assertThat(p.channel()).isEqualTo("C0OPS");
                assertThat(p.message().text()).contains("clock is 3.0 s ahead of Redis");
            });
        }
    }

    @Test
    void readinessFailsWhileTheClockIsOffRedisTimeByMoreThanASecond() throws Exception {
        try (RedisClient redis = RedisTestSupport.client()) {
            RedisStoreTime time = new RedisStoreTime(redis);
            assertThat(OpsWiring.clockCheck(time, Clock.systemUTC()).problem()).isNull();
            assertThat(OpsWiring.clockCheck(time, Clock.offset(Clock.systemUTC(), Duration.ofMillis(-500)))
                            .problem())
                    .isNull();
            assertThat(OpsWiring.clockCheck(time, Clock.offset(Clock.systemUTC(), Duration.ofSeconds(3)))
                            .problem())
                    .matches("this clock differs from Redis TIME by -(29|30|31)\\d\\d ms \\(limit 1000 ms\\)");
        }
    }
}
