package dev.cutover.quartz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.cutover.config.SchedulerSettings;
import dev.cutover.core.job.JobRunner;
import dev.cutover.core.job.RunGate;
import dev.cutover.jobs.JobAlertMessages;
import dev.cutover.memory.InMemoryJobHistory;
import dev.cutover.redis.RedisFireClaims;
import dev.cutover.redis.RedisLockProvider;
import dev.cutover.testing.Jobs;
import dev.cutover.testing.PostgresTestSupport;
import dev.cutover.testing.RecordingNotifier;
import dev.cutover.testing.RedisTestSupport;
import dev.cutover.testing.ScriptedTarget;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * Issue 11 item 8: with the poll interval well below a job's interval, both replicas of a Quartz
 * cluster take fires under a steady load (with Quartz's default 30 s idle wait, one takes them all).
 */
class ClusterSpreadIT {
    private static final int FIRES = 8;

    @Test
    void twoReplicasBothTakeFiresOfAnEveryThreeSecondJob() throws Exception {
        String schema = PostgresTestSupport.uniqueSchema();
        String prefix = RedisTestSupport.prefix("ClusterSpreadIT");
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
        List<QuartzJobScheduler> schedulers = new ArrayList<>();
        List<HikariDataSource> pools = new ArrayList<>();
        List<ScriptedTarget> targets = List.of(ScriptedTarget.succeeding(), ScriptedTarget.succeeding());
        try (RedisClient redis = RedisTestSupport.client()) {
            for (int i = 0; i < 2; i++) {
                HikariDataSource ds = PostgresTestSupport.dataSource(schema, "spread-" + i);
                pools.add(ds);
                JobRunner runner = new JobRunner(
                        new RedisLockProvider(redis, prefix),
                        new RedisFireClaims(redis, prefix),
                        new InMemoryJobHistory(50),
                        new JobAlertMessages(new RecordingNotifier()),
                        Clock.systemUTC(),
                        timer,
                        RunGate.standard());
                SchedulerSettings settings = new SchedulerSettings(
                        "UTC",
                        SchedulerSettings.Store.JDBC,
                        new SchedulerSettings.JdbcSettings(PostgresTestSupport.url(), "postgres", null, schema),
                        2,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        null,
                        50,
                        null,
                        Duration.ofSeconds(1));
                schedulers.add(QuartzJobScheduler.create(
                        settings,
                        List.of(Jobs.spec("steady", "0/3 * * * * ?", targets.get(i))),
                        runner,
                        Clock.systemUTC(),
                        "spread-" + i,
                        ds));
            }
            schedulers.forEach(QuartzJobScheduler::start);
            await().atMost(Duration.ofSeconds(FIRES * 3 + 15))
                    .until(() -> targets.get(0).attempts.size()
                                    + targets.get(1).attempts.size()
                            >= FIRES);
            assertThat(targets)
                    .as(
                            "fires per replica: %d and %d",
                            targets.get(0).attempts.size(),
                            targets.get(1).attempts.size())
                    .allSatisfy(t -> assertThat(t.attempts).hasSizeGreaterThanOrEqualTo(2));
        } finally {
            for (QuartzJobScheduler s : schedulers) {
                s.stop();
            }
            pools.forEach(HikariDataSource::close);
            timer.shutdownNow();
            PostgresTestSupport.dropSchema(schema);
        }
    }
}
