package dev.cutover.jobs;

import dev.cutover.aws.EcsTaskTarget;
import dev.cutover.aws.StepFunctionsTarget;
import dev.cutover.config.JobTargetConfig;
import dev.cutover.core.job.JobTarget;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/** Builds the {@link JobTarget} a {@code target:} config describes. AWS clients are built only if used. */
public final class JobTargets {
    private final Supplier<EcsClient> ecs;
    private final Supplier<SfnClient> sfn;
    private final HttpClient http;
    private final ScheduledExecutorService timer;
    private final Duration ecsPollInterval;

    /**
     * @param ecs supplies the ECS client (called once per ecs-task job)
     * @param sfn supplies the Step Functions client (called once per step-functions job)
     * @param timer polls Step Functions executions
     * @param ecsPollInterval how often DescribeTasks is called while a task runs (e.g. 6 s, the SDK default)
     */
    public JobTargets(
            Supplier<EcsClient> ecs,
            Supplier<SfnClient> sfn,
            HttpClient http,
            ScheduledExecutorService timer,
            Duration ecsPollInterval) {
        this.ecs = ecs;
        this.sfn = sfn;
        this.http = http;
        this.timer = timer;
        this.ecsPollInterval = ecsPollInterval;
    }

    /** The target for {@code cfg}. */
    public JobTarget create(JobTargetConfig cfg) {
        if (cfg instanceof JobTargetConfig.EcsTask e) {
            return new EcsTaskTarget(ecs.get(), e, ecsPollInterval);
        }
        if (cfg instanceof JobTargetConfig.StepFunctions s) {
            return new StepFunctionsTarget(sfn.get(), s, timer);
        }
        if (cfg instanceof JobTargetConfig.Http h) {
            return new HttpTarget(http, h);
        }
        return new CommandTarget((JobTargetConfig.Command) cfg);
    }
}
