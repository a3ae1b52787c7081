package dev.cutover.jobs;

import dev.cutover.config.BackoffConfig;
import dev.cutover.config.JobConfig;
import dev.cutover.core.job.JobSpec;
import dev.cutover.core.job.JobTarget;
import dev.cutover.core.job.RetryPolicy;
import dev.cutover.core.job.Schedule;
import java.time.ZoneId;

/** Turns validated job config into core {@link JobSpec}s. */
public final class JobSpecs {
    private JobSpecs() {}

    /**
     * The spec of {@code job} (defaults already applied by {@code CutoverConfig}) firing on
     * {@code schedule} (its {@code cron} read in its {@code timeZone}) and running {@code target}.
     */
    public static JobSpec from(JobConfig job, Schedule schedule, JobTarget target) {
        ZoneId zone = ZoneId.of(job.timeZone());
        BackoffConfig b = job.backoff();
        return new JobSpec(
                job.name(),
                schedule,
                zone,
                target,
                job.timeout(),
                new RetryPolicy(job.maxAttempts(), b.initial(), b.max(), b.multiplier(), b.jitter()),
                job.lock() == JobConfig.LockMode.REQUIRED,
                job.lease(),
                job.misfire() == JobConfig.Misfire.FIRE_ONCE,
                job.enabled(),
                job.channel(),
                job.approvers(),
                job.missedRunGrace(),
                job.onShutdown() == JobConfig.OnShutdown.DETACH);
    }
}
