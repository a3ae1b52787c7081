package dev.cutover.jobs;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cutover.commands.CronCommand;
import dev.cutover.config.CutoverConfig;
import dev.cutover.config.SchedulerSettings;
import dev.cutover.core.chat.Notifier;
import dev.cutover.core.job.JobRunner;
import dev.cutover.core.job.JobSpec;
import dev.cutover.core.job.MissedRunWatchdog;
import dev.cutover.quartz.QuartzJobScheduler;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled-jobs feature assembled from config: stores, runner, Quartz, missed-run watchdog and
 * the {@code /cron} command. Build with {@link SchedulingBuilder}; {@link #start()} then
 * {@link #stop()}.
 */
public final class Scheduling implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Scheduling.class);
    private final List<JobSpec> specs;
    private final JobRunner runner;
    private final QuartzJobScheduler quartz;
    private final MissedRunWatchdog watchdog;
    private final CronCommand command;
    private final ScheduledExecutorService timer;
    private final HikariDataSource dataSource;

    Scheduling(SchedulingBuilder.Parts p) {
        this.specs = p.specs();
        this.runner = p.runner();
        this.quartz = p.quartz();
        this.watchdog = p.watchdog();
        this.command = p.command();
        this.timer = p.timer();
        this.dataSource = p.dataSource();
    }

    /** Starts building from {@code config}; see {@link SchedulingBuilder}. */
    public static SchedulingBuilder builder(CutoverConfig config, Notifier notifier, Clock clock) {
        return new SchedulingBuilder(config, notifier, clock);
    }

    /**
     * Syncs triggers with the config, starts firing, and checks for missed runs every 30 s.
     *
     * @return jobs whose trigger was (re)stored
     */
    public Set<String> start() throws Exception {
        Set<String> stored = quartz.start();
        timer.scheduleWithFixedDelay(this::watch, 30, 30, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(quartz::maintain, 60, 60, TimeUnit.SECONDS);
        return stored;
    }

    /**
     * Stops firing, waits up to {@code scheduler.shutdownTimeout} for running attempts, aborts the
     * rest and releases their locks, then closes the timer and the database pool.
     *
     * @return true when every run ended within the timeout
     */
    public boolean stop() throws Exception {
        try {
            return quartz.stop();
        } finally {
            timer.shutdownNow();
            if (dataSource != null) {
                dataSource.close();
            }
        }
    }

    @Override
    public void close() throws Exception {
        stop();
    }

    /** The {@code /cron} command for the chat adapters. */
    public CronCommand cronCommand() {
        return command;
    }

    /** The configured jobs. */
    public List<JobSpec> specs() {
        return specs;
    }

    /** The runner (for manual runs from elsewhere, and tests). */
    public JobRunner runner() {
        return runner;
    }

    /** The Quartz glue (pause/resume, maintenance). */
    public QuartzJobScheduler quartz() {
        return quartz;
    }

    private void watch() {
        try {
            watchdog.check();
        } catch (RuntimeException e) {
            log.warn("missed-run check failed: {}", e.toString());
        }
    }

    static HikariDataSource dataSource(SchedulerSettings.JdbcSettings jdbc, String instanceId, int threads) {
        HikariConfig h = new HikariConfig();
        String sep = jdbc.url().contains("?") ? "&" : "?";
        h.setJdbcUrl(jdbc.url() + sep + "currentSchema=" + jdbc.schema());
        h.setUsername(jdbc.user());
        h.setPassword(jdbc.password());
        // Quartz holds one connection per worker plus the scheduler and cluster-manager threads.
        h.setMaximumPoolSize(threads + 4);
        h.setConnectionTimeout(5_000);
        h.setPoolName("cutover-quartz-" + instanceId);
        return new HikariDataSource(h);
    }
}
