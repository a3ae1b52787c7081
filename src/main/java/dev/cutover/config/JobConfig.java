package dev.cutover.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One entry of {@code jobs:}.
 *
 * @param name the job's name: lower-case letters, digits and dashes, at most 32 (it is part of the
 *     fire identity, which must fit ECS's 64-character client token)
 * @param cron when it fires: Quartz (6-7 fields) or Unix (5 fields) syntax, see {@link CronSpec}
 * @param timeZone the zone the cron expression is read in; default {@code scheduler.timeZone}
 * @param target what a run does
 * @param timeout the longest one attempt may take before the target is stopped (default 10m)
 * @param maxAttempts attempts per fire, including the first (default 1, at most 20)
 * @param backoff the waits between attempts
 * @param lock {@code required} (default: one run at a time across replicas; skipped if the lock
 *     store is down) or {@code none}
 * @param lease the lock's TTL, renewed every third of it while the run lasts (default 60s, at least
 *     {@link LeaseLimits#MIN_LEASE})
 * @param misfire after downtime: {@code fire-once} (default: one catch-up run) or {@code skip}
 * @param enabled false keeps the job configured but never fired (default true)
 * @param channel the Slack channel ID for failure notices and missed-run alerts; default
 *     {@code scheduler.channel}
 * @param approvers user or user-group IDs allowed {@code /cron run}; empty means anyone
 * @param missedRunGrace how late a start may be before a missed-run alert; default
 *     {@code scheduler.missedRunGrace}
 * @param onShutdown what the bot's shutdown does to a running attempt: {@code stop} (default: StopTask,
 *     StopExecution, kill the process group) or {@code detach} (ecs-task and step-functions only:
 *     leave the task or execution running, keep the fire claimed and let the lock lapse)
 */
public record JobConfig(
        String name,
        String cron,
        String timeZone,
        JobTargetConfig target,
        Duration timeout,
        Integer maxAttempts,
        BackoffConfig backoff,
        LockMode lock,
        Duration lease,
        Misfire misfire,
        Boolean enabled,
        String channel,
        List<String> approvers,
        Duration missedRunGrace,
        OnShutdown onShutdown) {

    /** What a shutdown does to a running attempt. */
    public enum OnShutdown {
        @JsonProperty("stop")
        STOP,
        @JsonProperty("detach")
        DETACH
    }

    /** Whether runs take the mutex. */
    public enum LockMode {
        @JsonProperty("required")
        REQUIRED,
        @JsonProperty("none")
        NONE
    }

    /** What a fire that missed its time does. */
    public enum Misfire {
        @JsonProperty("fire-once")
        FIRE_ONCE,
        @JsonProperty("skip")
        SKIP
    }

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final Pattern PRINCIPAL = Pattern.compile("[UWS][A-Z0-9]{2,}");

    public JobConfig {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ConfigException.invalid("name", "required; lower-case letters, digits and dashes, at most 32");
        }
        CronSpec.parse("cron", cron);
        if (timeZone != null) {
            timeZone = ZoneIds.parse("timeZone", timeZone).getId();
        }
        if (target == null) {
            throw ConfigException.invalid(
                    "target", "required; a mapping with type: ecs-task|step-functions|http|command");
        }
        timeout = SchedulerSettings.positive("timeout", timeout, Duration.ofMinutes(10));
        maxAttempts = maxAttempts == null ? 1 : maxAttempts;
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw ConfigException.invalid("maxAttempts", "must be 1 to 20");
        }
        backoff = backoff == null ? BackoffConfig.defaults() : backoff;
        lock = lock == null ? LockMode.REQUIRED : lock;
        lease = SchedulerSettings.positive("lease", lease, Duration.ofSeconds(60));
        if (lease.compareTo(LeaseLimits.MIN_LEASE) < 0) {
            throw ConfigException.invalid(
                    "lease",
                    "must be at least " + LeaseLimits.MIN_LEASE.toSeconds() + "s: three renewal round trips of "
                            + LeaseLimits.REDIS_TIMEOUT.toSeconds() + "s Redis timeout plus "
                            + LeaseLimits.REDIS_POOL_WAIT.toSeconds() + "s pool wait, so a slow reply is retried"
                            + " before the lease runs out");
        }
        misfire = misfire == null ? Misfire.FIRE_ONCE : misfire;
        enabled = enabled == null || enabled;
        channel = channel("channel", channel);
        approvers = approvers == null ? List.of() : List.copyOf(approvers);
        for (int i = 0; i < approvers.size(); i++) {
            if (approvers.get(i) == null || !PRINCIPAL.matcher(approvers.get(i)).matches()) {
                throw ConfigException.invalid(
                        "approvers[" + i + "]", "expected a user ID (U...) or user-group ID (S...)");
            }
        }
        missedRunGrace =
                missedRunGrace == null ? null : SchedulerSettings.positive("missedRunGrace", missedRunGrace, null);
        onShutdown = onShutdown == null ? OnShutdown.STOP : onShutdown;
        if (onShutdown == OnShutdown.DETACH
                && !(target instanceof JobTargetConfig.EcsTask || target instanceof JobTargetConfig.StepFunctions)) {
            throw ConfigException.invalid(
                    "onShutdown",
                    "detach is only for ecs-task and step-functions targets (a " + target.type()
                            + " target cannot outlive the bot); use stop");
        }
    }

    /** The cron expression as parsed: the written form, the Quartz form, and which syntax it was read as. */
    public CronSpec cronSpec() {
        return CronSpec.parse("cron", cron);
    }

    /** This job with {@code scheduler:}'s defaults filled in where the job leaves them open. */
    JobConfig withDefaults(SchedulerSettings s) {
        return new JobConfig(
                name,
                cron,
                timeZone == null ? s.timeZone() : timeZone,
                target,
                timeout,
                maxAttempts,
                backoff,
                lock,
                lease,
                misfire,
                enabled,
                channel == null ? s.channel() : channel,
                approvers,
                missedRunGrace == null ? s.missedRunGrace() : missedRunGrace,
                onShutdown);
    }

    /**
     * One line for {@code check-config}, e.g. {@code nightly: "30 2 * * *" (Unix 5-field, as Quartz
     * "0 30 2 * * ?") in America/New_York -> ecs-task, timeout 600s, 4 attempts, lock required}.
     */
    public String describe() {
        return name + ": " + cronSpec().describe() + " in " + (timeZone == null ? "(scheduler zone)" : timeZone)
                + " -> " + target.type() + ", timeout " + timeout.toSeconds() + "s, " + maxAttempts + " attempt"
                + (maxAttempts == 1 ? "" : "s") + ", lock " + lock.name().toLowerCase() + (enabled ? "" : ", disabled");
    }

    static String channel(String key, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!value.strip().matches("[CGD][A-Z0-9]{2,}")) {
            throw ConfigException.invalid(key, "expected a Slack channel ID such as C0123ABCD");
        }
        return value.strip();
    }
}
