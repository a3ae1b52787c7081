package dev.cutover.jobs;

import dev.cutover.core.job.ClockSkewCheck;
import dev.cutover.core.job.JobHistory;
import dev.cutover.core.job.JobRunner;
import dev.cutover.core.job.JobScheduler;
import dev.cutover.core.job.JobSpec;
import dev.cutover.core.job.MissedRunWatchdog;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled-jobs feature once assembled: the configured jobs, their runner, the scheduler that
 * fires them and the missed-run watchdog. {@link #start()} then {@link #stop()}.
 */
public final class Scheduling implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Scheduling.class);
    private final Parts parts;
    private volatile boolean started;

    /**
     * The assembled feature.
     *
     * @param specs the configured jobs
     * @param runner runs fires (scheduled and manual)
     * @param history the kept runs
     * @param scheduler fires the jobs on their schedules
     * @param watchdog reports runs that did not start in time
     * @param timer the feature's timer (lease renewals, polls, the checks below); shut down by
     *     {@link #stop()}
     * @param resources closed after the scheduler stopped (e.g. its database pool); may be empty
     * @param clockCheck compares our clock with the shared store's at start; null when none is shared
     */
    public record Parts(
            List<JobSpec> specs,
            JobRunner runner,
            JobHistory history,
            JobScheduler scheduler,
            MissedRunWatchdog watchdog,
            ScheduledExecutorService timer,
            List<AutoCloseable> resources,
            ClockSkewCheck clockCheck) {
        public Parts {
            specs = List.copyOf(specs);
            Objects.requireNonNull(runner, "runner");
            Objects.requireNonNull(history, "history");
            Objects.requireNonNull(scheduler, "scheduler");
            Objects.requireNonNull(watchdog, "watchdog");
            Objects.requireNonNull(timer, "timer");
            resources = List.copyOf(resources);
        }
    }

    /** Starts nothing; see {@link #start()}. */
    public Scheduling(Parts parts) {
        this.parts = parts;
    }

    /**
     * Reports a clock skew beyond 1 s against the shared store, reports jobs whose schedule never fires again (they stay unscheduled, the rest runs), syncs
     * triggers with the config, logs job processes a previous bot on this host left running, starts firing, and checks for missed runs every 30 s.
     *
     * @return jobs whose trigger was (re)stored
     * @throws IllegalStateException when the scheduler cannot start (e.g. its database is down)
     */
    public Set<String> start() {
        if (parts.clockCheck() != null) {
            parts.clockCheck().check();
        }
        parts.watchdog().reportNeverFiring();
        LeftoverProcesses.report();
        Set<String> stored = parts.scheduler().start();
        parts.timer().scheduleWithFixedDelay(this::watch, 30, 30, TimeUnit.SECONDS);
        parts.timer().scheduleWithFixedDelay(parts.scheduler()::maintain, 60, 60, TimeUnit.SECONDS);
        started = true;
        return stored;
    }

    /**
     * Stops firing, waits up to {@code scheduler.shutdownTimeout} for running attempts, aborts the
     * rest (each releases its lock once its target stopped; one still stopping at the end leaves its lock to lapse), then closes the timer and the resources (the database pool).
     *
     * @return true when every run ended within the timeout
     */
    public boolean stop() throws Exception {
        return stop(JobScheduler.UNBOUNDED);
    }

    /**
     * {@link #stop()} within {@code budget} (see {@link JobScheduler#stop(Duration)}).
     *
     * @return true when every run ended within the wait
     */
    public boolean stop(Duration budget) throws Exception {
        started = false;
        try {
            return parts.scheduler().stop(budget);
        } finally {
            parts.timer().shutdownNow();
            for (AutoCloseable r : parts.resources()) {
                r.close();
            }
        }
    }

    @Override
    public void close() throws Exception {
        stop();
    }

    /** True between a {@link #start()} that returned and {@link #stop()}: the scheduler is firing. */
    public boolean started() {
        return started;
    }

    /** The configured jobs. */
    public List<JobSpec> specs() {
        return parts.specs();
    }

    /** The runner (for manual runs from elsewhere, and tests). */
    public JobRunner runner() {
        return parts.runner();
    }

    /** The kept runs. */
    public JobHistory history() {
        return parts.history();
    }

    /** The scheduler (pause/resume, maintenance). */
    public JobScheduler scheduler() {
        return parts.scheduler();
    }

    private void watch() {
        try {
            parts.runner().flushHistory();
            parts.watchdog().check();
        } catch (RuntimeException e) {
            log.warn("missed-run check failed: {}", e.toString());
        }
    }
}
