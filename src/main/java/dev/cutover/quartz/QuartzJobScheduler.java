package dev.cutover.quartz;

import dev.cutover.config.SchedulerSettings;
import dev.cutover.core.job.JobRunner;
import dev.cutover.core.job.JobScheduler;
import dev.cutover.core.job.JobSpec;
import dev.cutover.core.job.MissedSlots;
import dev.cutover.core.job.RunRecord;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Quartz scheduler that fires the configured jobs through a {@link JobRunner}: RAMJobStore, or the
 * clustered JDBC JobStore on PostgreSQL ({@code scheduler.store: jdbc}) shared by every replica.
 * Pause and resume mark the stored job, so with JDBC they hold for the whole cluster; a paused job's
 * fires are recorded as skipped (paused), once per slot.
 */
public final class QuartzJobScheduler implements JobScheduler {
    private static final Logger log = LoggerFactory.getLogger(QuartzJobScheduler.class);
    private final Scheduler scheduler;
    private final Map<String, JobSpec> specs;
    private final JobRunner runner;
    private final Clock clock;
    private final Duration shutdownTimeout;
    private Duration misfireThreshold = Duration.ofSeconds(60);
    private volatile Instant upSince = Instant.MAX;
    private DataSource dataSource;
    private String schema;

    private QuartzJobScheduler(Scheduler scheduler, List<JobSpec> specs, JobRunner runner, Clock clock, Duration t) {
        this.scheduler = scheduler;
        this.specs = specs.stream().collect(Collectors.toUnmodifiableMap(JobSpec::name, Function.identity()));
        this.runner = runner;
        this.clock = clock;
        this.shutdownTimeout = t;
    }

    /**
     * Builds (does not start) a scheduler for {@code specs}. With {@code store: jdbc}, creates the
     * Quartz tables in {@code dataSource} on first use.
     *
     * @param instanceId this replica's id in the cluster, unique per replica (e.g. the host name)
     * @param dataSource the PostgreSQL pool for {@code store: jdbc}; ignored (may be null) for RAM
     * @throws SchedulerException when Quartz cannot be configured
     * @throws SQLException when the Quartz tables cannot be created
     */
    public static QuartzJobScheduler create(
            SchedulerSettings settings,
            List<JobSpec> specs,
            JobRunner runner,
            Clock clock,
            String instanceId,
            DataSource dataSource)
            throws SchedulerException, SQLException {
        String dsName = null;
        if (settings.store() == SchedulerSettings.Store.JDBC) {
            JdbcSchema.ensure(dataSource, settings.jdbc().schema());
            dsName = QuartzProperties.registerDataSource(dataSource, instanceId);
        }
        StdSchedulerFactory factory = new StdSchedulerFactory(QuartzProperties.of(settings, instanceId, dsName));
        Scheduler s = factory.getScheduler();
        // Quartz keeps schedulers in a JVM-wide registry by name and would hand this same instance to
        // the next replica built in this JVM (tests, sandbox); every replica must share the name.
        SchedulerRepository.getInstance().remove(s.getSchedulerName());
        QuartzJobScheduler qs = new QuartzJobScheduler(s, specs, runner, clock, settings.shutdownTimeout());
        qs.misfireThreshold = settings.misfireThreshold();
        if (dsName != null) {
            qs.dataSource = dataSource;
            qs.schema = settings.jdbc().schema();
        }
        s.setJobFactory((bundle, sched) -> new FireJob(qs.specs, runner, clock, () -> qs.upSince));
        return qs;
    }

    @Override
    public Set<String> start() {
        try {
            Set<String> stored = dataSource == null
                    ? TriggerSync.sync(scheduler, List.copyOf(specs.values()), clock.instant())
                    : JdbcSchema.serialised(
                            dataSource,
                            "cutover-quartz-sync:" + schema,
                            () -> TriggerSync.sync(scheduler, List.copyOf(specs.values()), clock.instant()));
            // Slots before this were missed (misfire policy), whatever Quartz's misfire threshold.
            upSince = clock.instant();
            recordMissed(upSince);
            scheduler.start();
            log.info(
                    "scheduler {} started with {} job(s); (re)stored triggers: {}",
                    scheduler.getSchedulerInstanceId(),
                    specs.size(),
                    stored);
            return stored;
        } catch (SchedulerException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * Records, before firing starts, the slots of each job that passed while no scheduler ran and
     * that Quartz will never deliver: those missed by more than the misfire threshold (slots within
     * it are still delivered, late, and resolved by {@code SlotResolver}), from the later of the
     * trigger's previous fire and the last slot in the history. Under {@code fire-once} the newest
     * missed slot is left to the catch-up. The next delivery records the rest ({@code FireJob}).
     */
    private void recordMissed(Instant now) {
        for (JobSpec spec : specs.values()) {
            try {
                Trigger t = spec.enabled() ? scheduler.getTrigger(TriggerSync.cronKey(spec)) : null;
                if (t == null) {
                    continue;
                }
                Instant after = runner.lastAccountedSlot(spec.name()).orElse(null);
                if (t.getPreviousFireTime() != null
                        && (after == null || t.getPreviousFireTime().toInstant().isAfter(after))) {
                    after = t.getPreviousFireTime().toInstant();
                }
                if (after == null) {
                    continue;
                }
                Instant before = now.minus(misfireThreshold);
                if (spec.catchUp()) {
                    Instant newest = spec.schedule().latestAtOrBefore(now).orElse(before);
                    before = newest.isBefore(before) ? newest : before;
                }
                JobDetail detail = scheduler.getJobDetail(JobKey.jobKey(spec.name(), TriggerSync.GROUP));
                boolean paused = detail != null && FireJob.paused(detail);
                MissedSlots slots = MissedSlots.between(spec.schedule(), after, before);
                if (!slots.isEmpty()) {
                    int n = runner.missed(
                            spec,
                            slots,
                            paused ? RunRecord.Result.SKIPPED_PAUSED : RunRecord.Result.SKIPPED_MISFIRE,
                            FireJob.why(spec, paused));
                    log.info("job {}: {} missed slot(s) recorded as skipped", spec.name(), n);
                }
            } catch (SchedulerException | RuntimeException e) {
                log.warn("could not record the missed slots of {}: {}", spec.name(), e.toString());
            }
        }
    }

    /**
     * Schedules the next daylight-saving gap fire of each job; call periodically (e.g. every minute).
     * With {@code store: jdbc} it runs under the same PostgreSQL advisory lock as the start-up sync:
     * the gap trigger is check-then-store, and two replicas refreshing it at once would fail with
     * "already exists" or replace each other's trigger.
     */
    @Override
    public void maintain() {
        try {
            if (dataSource == null) {
                syncGaps();
            } else {
                JdbcSchema.serialised(dataSource, "cutover-quartz-sync:" + schema, () -> {
                    syncGaps();
                    return null;
                });
            }
        } catch (SchedulerException e) {
            log.warn("could not update the DST gap triggers: {}", e.toString());
        }
    }

    private void syncGaps() {
        for (JobSpec spec : specs.values()) {
            try {
                if (spec.enabled()) {
                    TriggerSync.syncGap(scheduler, spec, clock.instant());
                }
            } catch (SchedulerException e) {
                log.warn("could not update the DST gap trigger of {}: {}", spec.name(), e.toString());
            }
        }
    }

    /** Stops as {@link JobScheduler#stop(Duration)} says. */
    @Override
    public boolean stop(Duration budget) throws InterruptedException {
        long deadline = System.nanoTime() + Math.max(0, budget.toNanos());
        call(Scheduler::standby);
        Duration wait = shutdownTimeout.compareTo(budget) <= 0 ? shutdownTimeout : budget;
        boolean idle = runner.gate().awaitIdle(wait);
        boolean drained = idle;
        if (!idle) {
            log.warn(
                    "{} run(s) still going after {}; aborting them",
                    runner.gate().inFlight(),
                    wait);
            runner.gate().abort();
            long left = Math.max(0, deadline - System.nanoTime());
            drained = runner.gate().awaitIdle(Duration.ofNanos(Math.min(left, ABORT_WAIT.toNanos())));
            if (!drained) {
                // Their targets may still run: the locks lapse at the end of their leases instead.
                runner.gate().holdRemaining();
            }
        }
        // Waiting lets Quartz record the completed fires (JDBC) before the caller closes the pool;
        // only done when no run is stuck, so a target ignoring cancellation cannot hang the stop.
        boolean waitForJobs = drained;
        call(q -> q.shutdown(waitForJobs));
        return idle;
    }

    /** How long aborted runs get to stop what they started (StopTask, StopExecution, killing a process group). */
    static final Duration ABORT_WAIT = Duration.ofSeconds(5);

    private interface QuartzCall {
        void on(Scheduler s) throws SchedulerException;
    }

    private void call(QuartzCall call) {
        try {
            call.on(scheduler);
        } catch (SchedulerException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The underlying Quartz scheduler (for tests and diagnostics). */
    Scheduler quartz() {
        return scheduler;
    }

    @Override
    public void pause(String job) {
        act(job, true);
    }

    @Override
    public void resume(String job) {
        act(job, false);
    }

    /** {@inheritDoc} Also true for a trigger paused in Quartz by an earlier version of the bot. */
    @Override
    public boolean isPaused(String job) {
        JobSpec spec = spec(job);
        try {
            JobDetail detail = scheduler.getJobDetail(JobKey.jobKey(spec.name(), TriggerSync.GROUP));
            return (detail != null && FireJob.paused(detail))
                    || scheduler.getTriggerState(TriggerSync.cronKey(spec)) == Trigger.TriggerState.PAUSED;
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot read the state of " + job + ": " + e.getMessage(), e);
        }
    }

    /**
     * Marks the job paused in its stored job data, or clears the mark; the triggers keep firing (a
     * paused job's fires are recorded as skipped). Resuming also resumes triggers an earlier version
     * of the bot paused in Quartz.
     */
    private void act(String job, boolean pause) {
        JobSpec spec = spec(job);
        try {
            JobDetail detail = scheduler.getJobDetail(JobKey.jobKey(spec.name(), TriggerSync.GROUP));
            if (detail == null) {
                throw new IllegalStateException(job + " is not in the schedule");
            }
            JobDataMap data = new JobDataMap(detail.getJobDataMap());
            if (pause) {
                data.put(FireJob.PAUSED, "true");
            } else {
                data.remove(FireJob.PAUSED);
            }
            scheduler.addJob(detail.getJobBuilder().setJobData(data).build(), true);
            if (!pause) {
                scheduler.resumeTrigger(TriggerSync.cronKey(spec));
                scheduler.resumeTrigger(TriggerSync.gapKey(spec));
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException(
                    "cannot " + (pause ? "pause " : "resume ") + job + ": " + e.getMessage(), e);
        }
    }

    private JobSpec spec(String job) {
        JobSpec spec = specs.get(job);
        if (spec == null) {
            throw new IllegalArgumentException("unknown job " + job);
        }
        return spec;
    }
}
