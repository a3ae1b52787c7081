package dev.cutover.app;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cutover.commands.CronCommand;
import dev.cutover.config.CutoverConfig;
import dev.cutover.config.JobConfig;
import dev.cutover.config.SchedulerSettings;
import dev.cutover.core.approval.Directory;
import dev.cutover.core.chat.Notifier;
import dev.cutover.core.job.ClockSkewCheck;
import dev.cutover.core.job.JobAlerts;
import dev.cutover.core.job.JobRunner;
import dev.cutover.core.job.JobSpec;
import dev.cutover.core.job.MissedRunWatchdog;
import dev.cutover.core.job.RunGate;
import dev.cutover.jobs.JobAlertMessages;
import dev.cutover.jobs.JobPorts;
import dev.cutover.jobs.JobSpecs;
import dev.cutover.jobs.JobTargetFactory;
import dev.cutover.jobs.Scheduling;
import dev.cutover.memory.InMemoryFireClaims;
import dev.cutover.memory.InMemoryJobHistory;
import dev.cutover.memory.InMemoryLockProvider;
import dev.cutover.quartz.CronSchedule;
import dev.cutover.quartz.QuartzJobScheduler;
import dev.cutover.redis.RedisFireClaims;
import dev.cutover.redis.RedisJobHistory;
import dev.cutover.redis.RedisLockProvider;
import dev.cutover.redis.RedisStoreTime;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import redis.clients.jedis.UnifiedJedis;

/**
 * Builds the scheduled-jobs feature: picks where locks, fire claims and history live, then assembles
 * the runner, the Quartz scheduler (RAM, or clustered JDBC on PostgreSQL), the missed-run watchdog
 * and the {@code /cron} command.
 */
public final class JobWiring {
    private JobWiring() {}

    /**
     * The feature, ready to start.
     *
     * @param scheduling the jobs, runner and scheduler; nothing fires before {@link Scheduling#start()}
     * @param command the {@code /cron} command for the chat adapters
     */
    public record Jobs(Scheduling scheduling, CronCommand command) {}

    /** Locks, claims and history in this process (one replica only), timed by {@code clock}. */
    public static JobPorts inProcess(CutoverConfig config, Clock clock, JobTargetFactory targets) {
        return new JobPorts(
                new InMemoryLockProvider(clock),
                new InMemoryFireClaims(clock),
                new InMemoryJobHistory(config.scheduler().historyLimit()),
                targets);
    }

    /** Locks, claims and history shared by every replica through Redis, under {@code keyPrefix}. */
    public static JobPorts onRedis(
            CutoverConfig config, UnifiedJedis redis, String keyPrefix, JobTargetFactory targets) {
        return new JobPorts(
                new RedisLockProvider(redis, keyPrefix),
                new RedisFireClaims(redis, keyPrefix),
                new RedisJobHistory(redis, keyPrefix, config.scheduler().historyLimit()),
                targets,
                new RedisStoreTime(redis));
    }

    /**
     * Builds the feature with real backoff waits; see {@link #build(CutoverConfig, JobPorts, Notifier,
     * Clock, Directory, String, RunGate)}.
     */
    public static Jobs build(
            CutoverConfig config,
            JobPorts ports,
            Notifier notifier,
            Clock clock,
            Directory directory,
            String instanceId) {
        return build(config, ports, notifier, clock, directory, instanceId, RunGate.standard());
    }

    /**
     * Builds the feature for {@code config.jobs()}; nothing fires until it is started.
     *
     * @param directory resolves user groups among the jobs' approvers
     * @param instanceId this replica's id in a Quartz cluster, unique per replica
     * @param gate how backoff waits happen (tests pass a fake)
     * @throws IllegalStateException when the scheduler cannot be set up (e.g. its database is down)
     */
    public static Jobs build(
            CutoverConfig config,
            JobPorts ports,
            Notifier notifier,
            Clock clock,
            Directory directory,
            String instanceId,
            RunGate gate) {
        try {
            return assemble(config, ports, notifier, clock, directory, instanceId, gate);
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up the scheduler: " + e.getMessage(), e);
        }
    }

    private static Jobs assemble(
            CutoverConfig config,
            JobPorts ports,
            Notifier notifier,
            Clock clock,
            Directory directory,
            String instanceId,
            RunGate gate)
            throws Exception {
        SchedulerSettings s = config.scheduler();
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "cutover-job-timer-" + instanceId);
            t.setDaemon(true);
            return t;
        });
        List<JobSpec> specs = config.jobs().stream()
                .map((JobConfig j) -> JobSpecs.from(
                        j,
                        new CronSchedule(j.cronSpec().quartz(), ZoneId.of(j.timeZone())),
                        ports.targets().create(j.target(), timer)))
                .toList();
        JobAlerts alerts = new JobAlertMessages(notifier);
        JobRunner runner = new JobRunner(ports.locks(), ports.claims(), ports.history(), alerts, clock, timer, gate);
        List<AutoCloseable> resources = new ArrayList<>();
        HikariDataSource ds = null;
        if (s.store() == SchedulerSettings.Store.JDBC) {
            ds = dataSource(s.jdbc(), instanceId, s.threads());
            resources.add(ds);
        }
        QuartzJobScheduler quartz = QuartzJobScheduler.create(s, specs, runner, clock, instanceId, ds);
        MissedRunWatchdog watchdog =
                new MissedRunWatchdog(specs, ports.history(), ports.claims(), quartz, alerts, clock, clock.instant());
        ClockSkewCheck clockCheck =
                ports.storeTime() == null ? null : new ClockSkewCheck(ports.storeTime(), clock, alerts, s.channel());
        CronCommand command = new CronCommand(specs, runner, ports.history(), quartz, clock, directory);
        Scheduling scheduling = new Scheduling(
                new Scheduling.Parts(specs, runner, ports.history(), quartz, watchdog, timer, resources, clockCheck));
        return new Jobs(scheduling, command);
    }

    private static HikariDataSource dataSource(SchedulerSettings.JdbcSettings jdbc, String instanceId, int threads) {
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
