package dev.cutover.testing;

import dev.cutover.core.job.JobSpec;
import dev.cutover.core.job.JobTarget;
import dev.cutover.core.job.RetryPolicy;
import dev.cutover.quartz.CronSchedule;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/** Job specs for tests. */
public final class Jobs {
    private Jobs() {}

    /** A job with a lock, one attempt, catch-up on, channel C0JOBS. */
    public static JobSpec spec(String name, String quartzCron, JobTarget target) {
        return spec(name, quartzCron, target, RetryPolicy.once(), Duration.ofSeconds(5));
    }

    public static JobSpec spec(String name, String quartzCron, JobTarget target, RetryPolicy retry, Duration lease) {
        return spec(name, quartzCron, target, retry, lease, false);
    }

    /** A job as {@link #spec(String, String, JobTarget)} with {@code lease} and {@code onShutdown: detach}. */
    public static JobSpec detaching(String name, String quartzCron, JobTarget target, Duration lease) {
        return spec(name, quartzCron, target, RetryPolicy.once(), lease, true);
    }

    private static JobSpec spec(
            String name, String quartzCron, JobTarget target, RetryPolicy retry, Duration lease, boolean detach) {
        return new JobSpec(
                name,
                new CronSchedule(quartzCron, ZoneId.of("UTC")),
                ZoneId.of("UTC"),
                target,
                Duration.ofSeconds(5),
                retry,
                true,
                lease,
                true,
                true,
                "C0JOBS",
                List.of(),
                Duration.ofMinutes(5),
                detach);
    }
}
