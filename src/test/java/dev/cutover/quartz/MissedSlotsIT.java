package dev.cutover.quartz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.cutover.config.SchedulerSettings;
import dev.cutover.core.job.JobRunner;
import dev.cutover.core.job.JobSpec;
import dev.cutover.core.job.RetryPolicy;
import dev.cutover.core.job.RunGate;
import dev.cutover.core.job.RunRecord;
import dev.cutover.core.job.RunRecord.Result;
import dev.cutover.jobs.JobAlertMessages;
import dev.cutover.memory.InMemoryFireClaims;
import dev.cutover.memory.InMemoryJobHistory;
import dev.cutover.memory.InMemoryLockProvider;
import dev.cutover.testing.PostgresTestSupport;
import dev.cutover.testing.RecordingNotifier;
import dev.cutover.testing.ScriptedTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 items 5 and 8: through real Quartz, slots missed by more than the misfire threshold
 * (which Quartz's "do nothing" and "fire once now" never deliver) each get one history entry, and
 * none of them runs except the one catch-up of {@code misfire: fire-once}. Quartz runs on the system
 * clock, so the outage is real time (a few seconds of an every-second job, threshold 1 s).
 */
class MissedSlotsIT {
    private static final Duration THRESHOLD = Duration.ofSeconds(1);
    private static final Duration OUTAGE = Duration.ofSeconds(5);
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    private final InMemoryJobHistory history = new InMemoryJobHistory(500);
    private final JobRunner runner = new JobRunner(
            new InMemoryLockProvider(clock),
            new InMemoryFireClaims(clock),
            history,
            new JobAlertMessages(new RecordingNotifier()),
            clock,
            timer,
            RunGate.standard());
    private final ScriptedTarget target = ScriptedTarget.succeeding();
    private final List<JobSpec> specs = List.of(everySecond("skipper", false), everySecond("catcher", true));
    private QuartzJobScheduler scheduler;
    private HikariDataSource ds;
    private String schema;

    @AfterEach
    void stop() throws Exception {
        if (scheduler != null) {
            scheduler.stop(Duration.ofSeconds(5));
        }
        if (ds != null) {
            ds.close();
            PostgresTestSupport.dropSchema(schema);
        }
        timer.shutdownNow();
    }

    private JobSpec everySecond(String name, boolean catchUp) {
        return new JobSpec(
                name,
                new CronSchedule("* * * * * ?", ZoneId.of("UTC")),
                ZoneId.of("UTC"),
                target,
                Duration.ofSeconds(5),
                RetryPolicy.once(),
                true,
                Duration.ofSeconds(10),
                catchUp,
                true,
                "C0JOBS",
                List.of(),
                Duration.ofMinutes(5),
                false);
    }

    private QuartzJobScheduler build(SchedulerSettings.Store store) throws Exception {
        SchedulerSettings.JdbcSettings jdbc = null;
        if (store == SchedulerSettings.Store.JDBC) {
            if (schema == null) {
                schema = PostgresTestSupport.uniqueSchema();
                ds = PostgresTestSupport.dataSource(schema, "missed-slots");
            }
            jdbc = new SchedulerSettings.JdbcSettings(PostgresTestSupport.url(), "postgres", null, schema);
        }
        SchedulerSettings settings = new SchedulerSettings(
                "UTC", store, jdbc, 4, THRESHOLD, Duration.ofSeconds(5), null, 500, null, Duration.ofSeconds(1));
        return QuartzJobScheduler.create(settings, specs, runner, clock, "replica-a", ds);
    }

    private List<Instant> ran(String job) {
        return target.attempts.stream()
                .filter(a -> a.fire().job().equals(job))
                .map(a -> a.fire().slot())
                .toList();
    }

    private void awaitRuns(String job, int n) {
        await().atMost(Duration.ofSeconds(20)).until(() -> ran(job).size() >= n);
    }

    /** Lets real time pass: Quartz's clock is the system clock. */
    private void outage() {
        Instant until = clock.instant().plus(OUTAGE);
        await().pollInterval(Duration.ofMillis(100))
                .atMost(OUTAGE.plusSeconds(5))
                .until(() -> clock.instant().isAfter(until));
    }

    @Test
    void aSchedulerInStandbyLongerThanTheMisfireThresholdRecordsEachMissedSlotOnce() throws Exception {
        scheduler = build(SchedulerSettings.Store.RAM);
        scheduler.start();
        awaitRuns("skipper", 2);
        awaitRuns("catcher", 2);
        scheduler.quartz().standby();
        Instant down = clock.instant();
        outage();
        Instant up = clock.instant();
        scheduler.quartz().start();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> ran("skipper").stream().anyMatch(s -> s.isAfter(up.plusSeconds(1)))
                        && ran("catcher").stream().anyMatch(s -> s.isAfter(up.plusSeconds(1))));

        assertMissedRecorded("skipper", down, up, false);
        assertMissedRecorded("catcher", down, up, true);
    }

    @Test
    void aClusterRestartedAfterAnOutageRecordsEachMissedSlotOnceAndCatchesUpOnlyUnderFireOnce() throws Exception {
        scheduler = build(SchedulerSettings.Store.JDBC);
        scheduler.start();
        awaitRuns("skipper", 2);
        awaitRuns("catcher", 2);
        scheduler.stop(Duration.ofSeconds(5));
        Instant down = clock.instant();
        outage();
        Instant up = clock.instant();
        scheduler = build(SchedulerSettings.Store.JDBC);
        scheduler.start();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> ran("skipper").stream().anyMatch(s -> s.isAfter(up.plusSeconds(1)))
                        && ran("catcher").stream().anyMatch(s -> s.isAfter(up.plusSeconds(1))));

        assertMissedRecorded("skipper", down, up, false);
        assertMissedRecorded("catcher", down, up, true);
    }

    /**
     * Every second from the first run to the last has exactly one history entry; no slot of the
     * outage ran, except one catch-up under fire-once, and the others are recorded as missed.
     */
    private void assertMissedRecorded(String job, Instant down, Instant up, boolean catchUp) {
        List<RunRecord> all = history.recent(job, 500);
        Map<Instant, List<RunRecord>> bySlot = all.stream().collect(Collectors.groupingBy(RunRecord::slot));
        assertThat(bySlot.values()).as("one entry per slot").allSatisfy(rs -> assertThat(rs)
                .hasSize(1));
        Instant first = bySlot.keySet().stream().min(Instant::compareTo).orElseThrow();
        Instant last = bySlot.keySet().stream().max(Instant::compareTo).orElseThrow();
        for (Instant s = first; !s.isAfter(last); s = s.plusSeconds(1)) {
            assertThat(bySlot).as("an entry for %s of %s", s, job).containsKey(s);
        }
        // Slots well inside the outage: Quartz never delivered them.
        Instant from = down.plusSeconds(1);
        Instant to = up.minus(THRESHOLD).minusSeconds(1);
        List<RunRecord> outage = all.stream()
                .filter(r -> r.slot().isAfter(from) && r.slot().isBefore(to))
                .toList();
        assertThat(outage).as("slots of the outage").hasSizeGreaterThanOrEqualTo(2);
        assertThat(outage)
                .allSatisfy(r -> assertThat(r.result()).isEqualTo(Result.SKIPPED_MISFIRE))
                .allSatisfy(r -> assertThat(r.trigger()).isEqualTo("missed"));
        List<RunRecord> caughtUp = all.stream()
                .filter(r -> r.slot().isAfter(down) && r.trigger().equals("catch-up"))
                .toList();
        List<RunRecord> ranLate = all.stream()
                .filter(r -> r.slot().isAfter(down) && r.slot().isBefore(up))
                .filter(r -> r.result() == Result.SUCCEEDED)
                .toList();
        if (catchUp) {
            assertThat(caughtUp).hasSize(1);
            assertThat(ranLate).containsExactlyElementsOf(caughtUp);
        } else {
            assertThat(caughtUp).isEmpty();
            assertThat(ranLate).isEmpty();
        }
    }
}
