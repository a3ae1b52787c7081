package dev.cutover.jobs;

import dev.cutover.config.JobTargetConfig;
import dev.cutover.core.job.JobTarget;
import java.util.concurrent.ScheduledExecutorService;

/** Makes the {@link JobTarget} a job's {@code target:} describes; the composition root picks the adapters. */
@FunctionalInterface
public interface JobTargetFactory {
    /**
     * The target {@code cfg} describes.
     *
     * @param timer the feature's shared timer, for targets that poll; owned by the caller
     * @throws IllegalStateException when the target needs a client this deployment does not have
     *     (e.g. an {@code ecs-task} job where there is no AWS)
     */
    JobTarget create(JobTargetConfig cfg, ScheduledExecutorService timer);
}
