package dev.cutover.quartz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.cutover.config.SchedulerSettings;
import dev.cutover.core.job.AttemptResult;
import dev.cutover.core.job.JobRunner;
import dev.cutover.core.job.JobSpec;
import dev.cutover.core.job.RetryPolicy;
import dev.cutover.core.job.RunGate;
import dev.cutover.core.job.RunRecord;
import dev.cutover.core.lock.LockSpec;
import dev.cutover.jobs.JobAlertMessages;
import dev.cutover.redis.RedisFireClaims;
import dev.cutover.redis.RedisJobHistory;
import dev.cutover.redis.RedisLockProvider;
import dev.cutover.testing.Jobs;
import dev.cutover.testing.PostgresTestSupport;
import dev.cutover.testing.RecordingNotifier;
import dev.cutover.testing.RedisTestSupport;
import dev.cutover.testing.ScriptedTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobExecutionContext;
import org.quartz.Trigger;
import org.quartz.listeners.TriggerListenerSupport;
import redis.clients.jedis.RedisClient;

/** Replicas sharing the clustered JDBC JobStore on the real PostgreSQL and locks in the real Redis. */
class QuartzClusterIT {
    private static RedisClient redis;
    private final List<Replica> replicas = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    private final String prefix = RedisTestSupport.prefix("QuartzClusterIT");
    private final Map<Instant, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    private String schema;

    @BeforeAll
    static void connect() {
        redis = RedisTestSupport.client();
    }

    @AfterAll
    static void close() {
        redis.close();
    }

    @BeforeEach
    void schema() {
        schema = PostgresTestSupport.uniqueSchema();
    }

    @AfterEach
    void stopAll() throws Exception {
        for (Replica r : replicas) {
            r.stop();
        }
        timer.shutdownNow();
        PostgresTestSupport.dropSchema(schema);
    }

    private final class Replica {
        final QuartzJobScheduler scheduler;
        final HikariDataSource ds;
        final JobRunner runner;
        boolean stopped;

        Replica(String id, List<JobSpec> specs, Duration shutdownTimeout) throws Exception {
            ds = PostgresTestSupport.dataSource(schema, "it-" + id);
            runner = new JobRunner(
                    new RedisLockProvider(redis, prefix),
                    new RedisFireClaims(redis, prefix),
                    history(),
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
                    shutdownTimeout,
                    null,
                    50,
                    null,
                    null);
            scheduler = QuartzJobScheduler.create(settings, specs, runner, Clock.systemUTC(), id, ds);
            scheduler.quartz().getListenerManager().addTriggerListener(new TriggerListenerSupport() {
                public String getName() {
                    return "count-deliveries";
                }

                public void triggerFired(Trigger trigger, JobExecutionContext ctx) {
                    deliveries
                            .computeIfAbsent(ctx.getScheduledFireTime().toInstant(), k -> new AtomicInteger())
                            .incrementAndGet();
                }
            });
            replicas.add(this);
        }

        boolean stop() throws Exception {
            if (stopped) {
                return true;
            }
            stopped = true;
            try {
                return scheduler.stop();
            } finally {
                ds.close();
            }
        }
    }

    private RedisJobHistory history() {
        return new RedisJobHistory(redis, prefix, 200);
    }

    @Test
    void twoReplicasFireEachSlotExactlyOnceWithAcquisitionInsideTheLock() throws Exception {
        ScriptedTarget target = ScriptedTarget.succeeding();
        List<JobSpec> specs = List.of(Jobs.spec("every-second", "* * * * * ?", target));
        Replica a = new Replica("a", specs, Duration.ofSeconds(5));
        Replica b = new Replica("b", specs, Duration.ofSeconds(5));
        a.scheduler.start();
        b.scheduler.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> target.attempts.size() >= 6);
        a.stop();
        b.stop();
        assertThat(deliveries.values()).as("Quartz delivered no slot twice").allMatch(n -> n.get() == 1);
        List<String> ran = target.attempts.stream().map(x -> x.fire().key()).toList();
        assertThat(ran).as("no fire identity ran twice").doesNotHaveDuplicates();
        // A delivery late by more than a slot (a loaded machine) is collapsed onto the newest slot;
        // the on-time delivery of that slot is then refused as a duplicate, never run twice.
        Map<String, Long> runsPerFire = history().recent("every-second", 200).stream()
                .filter(r -> !r.result().skipped())
                .collect(Collectors.groupingBy(RunRecord::fireId, Collectors.counting()));
        assertThat(runsPerFire.values()).allMatch(n -> n == 1);
        // Duplicate deliveries are not kept (one entry per slot), and no other skip happened.
        assertThat(history().recent("every-second", 200))
                .filteredOn(r -> r.result().skipped())
                .isEmpty();
    }

    @Test
    void aTenMinuteOutageOfAnEveryMinuteJobGivesAtMostOneCatchUpRun() throws Exception {
        ScriptedTarget target = ScriptedTarget.succeeding();
        List<JobSpec> specs = List.of(Jobs.spec("every-minute", "0 * * * * ?", target));
        Replica before = new Replica("before", specs, Duration.ofSeconds(5));
        assertThat(before.scheduler.start()).containsExactly("every-minute");
        before.stop();
        // The outage: the stored trigger still points at a slot ten minutes ago.
        Instant tenMinutesAgo = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(10));
        // WAITING too: had the stopping replica still held the trigger as ACQUIRED, the new one could
        // not take it until cluster recovery, which is not what this test is about.
        PostgresTestSupport.execute("UPDATE " + schema + ".qrtz_triggers SET next_fire_time = "
                + tenMinutesAgo.toEpochMilli() + ", trigger_state = 'WAITING' WHERE trigger_name = 'every-minute'");
        Replica after = new Replica("after", specs, Duration.ofSeconds(5));
        assertThat(after.scheduler.start())
                .as("unchanged trigger is not re-stored")
                .isEmpty();
        await().atMost(Duration.ofSeconds(40)).until(() -> !target.attempts.isEmpty());
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .until(() -> catchUps().size() == 1);
        Instant latestSlot = catchUps().get(0).slot();
        assertThat(latestSlot).isAfter(tenMinutesAgo);
        assertThat(target.attempts).extracting(x -> x.fire().slot()).allMatch(s -> !s.isBefore(latestSlot));
        assertThat(target.attempts.size())
                .as("the catch-up, plus at most the next on-time slot")
                .isBetween(1, 2);
    }

    private List<RunRecord> catchUps() {
        return history().recent("every-minute", 200).stream()
                .filter(r -> r.trigger().equals("catch-up") && !r.result().skipped())
                .toList();
    }

    @Test
    void startUpReStoresATriggerOnlyWhenItsDefinitionChanged() throws Exception {
        ScriptedTarget target = ScriptedTarget.succeeding();
        Replica first =
                new Replica("first", List.of(Jobs.spec("nightly", "0 0 3 * * ?", target)), Duration.ofSeconds(5));
        assertThat(first.scheduler.start()).containsExactly("nightly");
        first.stop();
        Replica same = new Replica("same", List.of(Jobs.spec("nightly", "0 0 3 * * ?", target)), Duration.ofSeconds(5));
        assertThat(same.scheduler.start()).isEmpty();
        same.stop();
        Replica changed =
                new Replica("changed", List.of(Jobs.spec("nightly", "0 0 4 * * ?", target)), Duration.ofSeconds(5));
        assertThat(changed.scheduler.start()).containsExactly("nightly");
    }

    @Test
    void pauseHoldsForEveryReplica() throws Exception {
        List<JobSpec> specs = List.of(Jobs.spec("pausable", "0 0 3 * * ?", ScriptedTarget.succeeding()));
        Replica a = new Replica("pa", specs, Duration.ofSeconds(5));
        Replica b = new Replica("pb", specs, Duration.ofSeconds(5));
        a.scheduler.start();
        b.scheduler.start();
        a.scheduler.pause("pausable");
        assertThat(b.scheduler.isPaused("pausable")).isTrue();
        b.scheduler.resume("pausable");
        assertThat(a.scheduler.isPaused("pausable")).isFalse();
    }

    @Test
    void aPausedJobsSlotsAreEachRecordedOnceAsPausedOnTwoReplicasAndNotRun() throws Exception {
        ScriptedTarget target = ScriptedTarget.succeeding();
        List<JobSpec> specs = List.of(Jobs.spec("paused-ticker", "* * * * * ?", target));
        Replica a = new Replica("qa", specs, Duration.ofSeconds(5));
        Replica b = new Replica("qb", specs, Duration.ofSeconds(5));
        a.scheduler.start();
        a.scheduler.pause("paused-ticker");
        Instant pausedAt = Instant.now();
        b.scheduler.start();

        await().atMost(Duration.ofSeconds(20)).until(() -> paused().size() >= 4);
        assertThat(b.scheduler.isPaused("paused-ticker")).isTrue();
        List<RunRecord> paused = paused();
        assertThat(paused).extracting(RunRecord::fireId).as("once per slot").doesNotHaveDuplicates();
        assertThat(paused).allSatisfy(r -> assertThat(r.detail()).contains("paused"));
        // A run already under way when the pause came may finish; no later slot runs.
        assertThat(target.attempts)
                .extracting(x -> x.fire().slot())
                .allMatch(slot -> slot.isBefore(pausedAt.plusSeconds(1)));

        b.scheduler.resume("paused-ticker");
        Instant resumedAt = Instant.now();
        await().atMost(Duration.ofSeconds(10)).until(() -> target.attempts.stream()
                .anyMatch(x -> x.fire().slot().isAfter(resumedAt)));
        assertThat(a.scheduler.isPaused("paused-ticker")).isFalse();
    }

    private List<RunRecord> paused() {
        return history().recent("paused-ticker", 200).stream()
                .filter(r -> r.result() == RunRecord.Result.SKIPPED_PAUSED)
                .toList();
    }

    @Test
    void shutdownWaitsABoundedTimeThenStopsTheRunAndReleasesItsLock() throws Exception {
        ScriptedTarget target = new ScriptedTarget(a -> {
            await().atMost(Duration.ofSeconds(10)).until(a::isCancelled);
            return AttemptResult.timedOut("cancelled", null);
        });
        JobSpec spec = Jobs.spec("stuck", "* * * * * ?", target, RetryPolicy.once(), Duration.ofSeconds(30));
        Replica r = new Replica("stuck", List.of(spec), Duration.ofMillis(500));
        r.scheduler.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> !target.attempts.isEmpty());
        long start = System.nanoTime();
        assertThat(r.stop()).as("not idle within the timeout").isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(target.attempts.get(0).isCancelled()).isTrue();
        assertThat(new RedisLockProvider(redis, prefix)
                        .tryAcquire(new LockSpec(spec.lockName(), Duration.ofSeconds(1))))
                .as("lock released, not left for its 30 s lease")
                .isPresent();
    }
}
