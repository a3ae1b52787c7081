package dev.cutover.jobs;

import com.zaxxer.hikari.HikariDataSource;
import dev.cutover.commands.CronCommand;
import dev.cutover.config.CutoverConfig;
import dev.cutover.config.JobConfig;
import dev.cutover.config.SchedulerSettings;
import dev.cutover.core.approval.Directory;
import dev.cutover.core.chat.Notifier;
import dev.cutover.core.job.FireClaims;
import dev.cutover.core.job.JobHistory;
import dev.cutover.core.job.JobRunner;
import dev.cutover.core.job.JobSpec;
import dev.cutover.core.job.MissedRunWatchdog;
import dev.cutover.core.job.RunGate;
import dev.cutover.core.lock.LockProvider;
import dev.cutover.memory.InMemoryFireClaims;
import dev.cutover.memory.InMemoryJobHistory;
import dev.cutover.memory.InMemoryLockProvider;
import dev.cutover.quartz.QuartzJobScheduler;
import dev.cutover.redis.JedisLockProvider;
import dev.cutover.redis.RedisFireClaims;
import dev.cutover.redis.RedisJobHistory;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import redis.clients.jedis.UnifiedJedis;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Builds {@link Scheduling}. Without {@link #redis}, locks, claims and history are in-process (one
 * replica only). AWS clients are asked for only when a job uses them.
 */
public final class SchedulingBuilder {
    private final CutoverConfig config;
    private final Notifier notifier;
    private final Clock clock;
    private UnifiedJedis redis;
    private String keyPrefix = "cutover:";
    private Supplier<EcsClient> ecs = () -> {
        throw new IllegalStateException("an ecs-task job needs an ECS client");
    };
    private Supplier<SfnClient> sfn = () -> {
        throw new IllegalStateException("a step-functions job needs a Step Functions client");
    };
    private String instanceId = "local";
    private Directory directory = group -> java.util.Set.of();
    private RunGate gate = RunGate.standard();
    private Duration ecsPollInterval = Duration.ofSeconds(6);

    record Parts(
            List<JobSpec> specs,
            JobRunner runner,
            QuartzJobScheduler quartz,
            MissedRunWatchdog watchdog,
            CronCommand command,
            ScheduledExecutorService timer,
            HikariDataSource dataSource) {}

    SchedulingBuilder(CutoverConfig config, Notifier notifier, Clock clock) {
        this.config = config;
        this.notifier = notifier;
        this.clock = clock;
    }

    /** Resolves user groups among the jobs' approvers; without it only user IDs match. */
    public SchedulingBuilder directory(Directory groups) {
        this.directory = groups;
        return this;
    }

    /** Shares locks, claims and history through Redis, under {@code keyPrefix} (default {@code cutover:}). */
    public SchedulingBuilder redis(UnifiedJedis client, String prefix) {
        this.redis = client;
        this.keyPrefix = prefix;
        return this;
    }

    /** The AWS clients, e.g. {@code awsClients::ecs}; called at most once each. */
    public SchedulingBuilder aws(Supplier<EcsClient> ecsClient, Supplier<SfnClient> sfnClient) {
        this.ecs = ecsClient;
        this.sfn = sfnClient;
        return this;
    }

    /** This replica's id in a Quartz cluster, unique per replica (default {@code local}). */
    public SchedulingBuilder instanceId(String id) {
        this.instanceId = id;
        return this;
    }

    /** How backoff waits happen (tests); default real waits. */
    public SchedulingBuilder gate(RunGate runGate) {
        this.gate = runGate;
        return this;
    }

    /** How often DescribeTasks is polled while an ECS task runs (default 6 s). */
    public SchedulingBuilder ecsPollInterval(Duration interval) {
        this.ecsPollInterval = interval;
        return this;
    }

    /** Builds everything; nothing fires until {@link Scheduling#start()}. */
    public Scheduling build() throws Exception {
        SchedulerSettings s = config.scheduler();
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "cutover-job-timer-" + instanceId);
            t.setDaemon(true);
            return t;
        });
        JobTargets targets = new JobTargets(memo(ecs), memo(sfn), HttpClient.newHttpClient(), timer, ecsPollInterval);
        List<JobSpec> specs = config.jobs().stream()
                .map((JobConfig j) -> JobSpecs.from(j, targets.create(j.target())))
                .toList();
        LockProvider locks = redis == null ? new InMemoryLockProvider(clock) : new JedisLockProvider(redis, keyPrefix);
        FireClaims claims = redis == null ? new InMemoryFireClaims(clock) : new RedisFireClaims(redis, keyPrefix);
        JobHistory history = redis == null
                ? new InMemoryJobHistory(s.historyLimit())
                : new RedisJobHistory(redis, keyPrefix, s.historyLimit());
        JobRunner runner = new JobRunner(locks, claims, history, notifier, clock, timer, gate);
        HikariDataSource ds = s.store() == SchedulerSettings.Store.JDBC
                ? Scheduling.dataSource(s.jdbc(), instanceId, s.threads())
                : null;
        QuartzJobScheduler quartz = QuartzJobScheduler.create(s, specs, runner, clock, instanceId, ds);
        MissedRunWatchdog watchdog =
                new MissedRunWatchdog(specs, history, claims, quartz, notifier, clock, clock.instant());
        CronCommand command = new CronCommand(specs, runner, history, quartz, clock, directory);
        return new Scheduling(new Parts(specs, runner, quartz, watchdog, command, timer, ds));
    }

    private static <T> Supplier<T> memo(Supplier<T> s) {
        Object[] box = new Object[1];
        return () -> {
            synchronized (box) {
                if (box[0] == null) {
                    box[0] = s.get();
                }
                @SuppressWarnings("unchecked")
                T t = (T) box[0];
                return t;
            }
        };
    }
}
