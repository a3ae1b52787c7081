package dev.cutover.quartz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.cutover.config.SchedulerSettings;
import dev.cutover.core.job.JobRunner;
import dev.cutover.core.job.JobSpec;
import dev.cutover.core.job.RetryPolicy;
import dev.cutover.core.job.RunGate;
import dev.cutover.jobs.JobAlertMessages;
import dev.cutover.memory.InMemoryFireClaims;
import dev.cutover.memory.InMemoryJobHistory;
import dev.cutover.memory.InMemoryLockProvider;
import dev.cutover.testing.MutableClock;
import dev.cutover.testing.PostgresTestSupport;
import dev.cutover.testing.RecordingNotifier;
import dev.cutover.testing.ScriptedTarget;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.Trigger;

/**
 * Issue 11 item 7: the one-shot trigger that makes the fall-back hour's first-occurrence fires of a
 * sub-hourly job, refreshed by {@code maintain()}, on a fixed clock on the fall-back day (2027-11-07
 * in America/New_York: 01:00 EDT is 05:00Z, 01:00 EST is 06:00Z), and its refresh serialised across
 * replicas by the PostgreSQL advisory lock of the start-up sync. The scheduler is not started: the
 * test reads the stored triggers.
 */
class DstGapTriggerIT {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private final MutableClock clock = new MutableClock(Instant.parse("2027-11-07T04:50:00Z")); // 00:50 EDT
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final JobSpec spec = quarterHourly();
    private QuartzJobScheduler scheduler;
    private HikariDataSource ds;
    private String schema;

    @AfterEach
    void stop() throws Exception {
        if (scheduler != null) {
            scheduler.quartz().shutdown(false);
        }
        if (ds != null) {
            ds.close();
            PostgresTestSupport.dropSchema(schema);
        }
        timer.shutdownNow();
    }

    private static JobSpec quarterHourly() {
        return new JobSpec(
                "quarterly",
                new CronSchedule("0 0/15 * * * ?", NEW_YORK),
                NEW_YORK,
                ScriptedTarget.succeeding(),
                Duration.ofSeconds(5),
                RetryPolicy.once(),
                true,
                Duration.ofSeconds(10),
                false,
                true,
                "C0JOBS",
                List.of(),
                Duration.ofMinutes(5),
                false);
    }

    private QuartzJobScheduler build(SchedulerSettings.Store store) throws Exception {
        SchedulerSettings.JdbcSettings jdbc = null;
        if (store == SchedulerSettings.Store.JDBC) {
            schema = PostgresTestSupport.uniqueSchema();
            ds = PostgresTestSupport.dataSource(schema, "dst-gap");
            jdbc = new SchedulerSettings.JdbcSettings(PostgresTestSupport.url(), "postgres", null, schema);
        }
        JobRunner runner = new JobRunner(
                new InMemoryLockProvider(clock),
                new InMemoryFireClaims(clock),
                new InMemoryJobHistory(10),
                new JobAlertMessages(new RecordingNotifier()),
                clock,
                timer,
                RunGate.standard());
        SchedulerSettings settings = new SchedulerSettings(
                "UTC", store, jdbc, 2, null, Duration.ofSeconds(5), null, 10, null, Duration.ofSeconds(1));
        QuartzJobScheduler s = QuartzJobScheduler.create(settings, List.of(spec), runner, clock, "gap-test", ds);
        TriggerSync.sync(s.quartz(), List.of(spec), clock.instant());
        return s;
    }

    private Instant gapFire() throws Exception {
        Trigger t = scheduler.quartz().getTrigger(TriggerSync.gapKey(spec));
        return t == null ? null : t.getStartTime().toInstant();
    }

    @Test
    void theExtraTriggerWalksThroughTheFirstOccurrencesOfTheRepeatedHour() throws Exception {
        scheduler = build(SchedulerSettings.Store.RAM);
        assertThat(gapFire()).as("01:00 EDT").isEqualTo(Instant.parse("2027-11-07T05:00:00Z"));
        Trigger cron = scheduler.quartz().getTrigger(TriggerSync.cronKey(spec));
        assertThat(cron.getFireTimeAfter(java.util.Date.from(Instant.parse("2027-11-07T04:45:00Z")))
                        .toInstant())
                .as("Quartz alone: 01:00 EST next after 00:45 EDT")
                .isEqualTo(Instant.parse("2027-11-07T06:00:00Z"));

        clock.set(Instant.parse("2027-11-07T05:00:30Z"));
        scheduler.maintain();
        assertThat(gapFire()).as("01:15 EDT").isEqualTo(Instant.parse("2027-11-07T05:15:00Z"));

        clock.set(Instant.parse("2027-11-07T05:30:10Z"));
        scheduler.maintain();
        assertThat(gapFire()).as("01:45 EDT").isEqualTo(Instant.parse("2027-11-07T05:45:00Z"));

        clock.set(Instant.parse("2027-11-07T05:45:10Z"));
        scheduler.maintain();
        Instant next = gapFire();
        assertThat(next == null || next.isAfter(Instant.parse("2027-11-08T00:00:00Z")))
                .as("no extra fire left on the fall-back day: %s", next)
                .isTrue();
    }

    @Test
    void theRefreshWaitsForTheReplicasSyncLock() throws Exception {
        scheduler = build(SchedulerSettings.Store.JDBC);
        assertThat(gapFire()).isEqualTo(Instant.parse("2027-11-07T05:00:00Z"));
        clock.set(Instant.parse("2027-11-07T05:00:30Z"));
        try (Connection other =
                        DriverManager.getConnection(PostgresTestSupport.url(), PostgresTestSupport.user(), null);
                PreparedStatement lock = other.prepareStatement("SELECT pg_advisory_lock(hashtext(?))")) {
            // Another replica is syncing.
            lock.setString(1, "cutover-quartz-sync:" + schema);
            lock.execute();
            CompletableFuture<Void> maintain = CompletableFuture.runAsync(scheduler::maintain);
            await().atMost(Duration.ofSeconds(10)).until(() -> waitingForAdvisoryLock(other) == 1);
            assertThat(maintain).isNotDone();
            assertThat(gapFire())
                    .as("unchanged while the other replica holds the lock")
                    .isEqualTo(Instant.parse("2027-11-07T05:00:00Z"));

            try (Statement st = other.createStatement()) {
                st.execute("SELECT pg_advisory_unlock_all()");
            }
            maintain.get();
        }
        assertThat(gapFire()).isEqualTo(Instant.parse("2027-11-07T05:15:00Z"));
    }

    /** Sessions waiting for this schema's sync lock (other tests may wait on their own). */
    private int waitingForAdvisoryLock(Connection c) throws Exception {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                        + " AND objid::text::bigint = (hashtext(?)::bigint & 4294967295)")) {
            ps.setString(1, "cutover-quartz-sync:" + schema);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
