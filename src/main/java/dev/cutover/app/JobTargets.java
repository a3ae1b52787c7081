package dev.cutover.app;

import dev.cutover.aws.EcsTaskTarget;
import dev.cutover.aws.StepFunctionsTarget;
import dev.cutover.config.JobTargetConfig;
import dev.cutover.core.job.JobTarget;
import dev.cutover.jobs.HttpTarget;
import dev.cutover.jobs.JobTargetFactory;
import dev.cutover.jobs.LocalProcessTarget;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Picks the adapter of each {@code target:} type: ECS and Step Functions (AWS SDK), HTTP
 * ({@code java.net.http}) and a local process. AWS clients are built only when a job uses them.
 */
public final class JobTargets implements JobTargetFactory {
    private final Supplier<EcsClient> ecs;
    private final Supplier<SfnClient> sfn;
    private final HttpClient http;
    private final Duration ecsPollInterval;

    /**
     * @param ecs supplies the ECS client (asked at most once)
     * @param sfn supplies the Step Functions client (asked at most once)
     * @param ecsPollInterval how often DescribeTasks is called while a task runs (e.g. 6 s, the SDK default)
     */
    public JobTargets(Supplier<EcsClient> ecs, Supplier<SfnClient> sfn, Duration ecsPollInterval) {
        this.ecs = memo(ecs);
        this.sfn = memo(sfn);
        this.http = HttpClient.newHttpClient();
        this.ecsPollInterval = ecsPollInterval;
    }

    /** Targets over the given AWS clients, e.g. {@code awsClients::ecs}; DescribeTasks every 6 s. */
    public static JobTargets aws(Supplier<EcsClient> ecs, Supplier<SfnClient> sfn) {
        return new JobTargets(ecs, sfn, Duration.ofSeconds(6));
    }

    /** Targets without AWS (the sandbox, tests): ecs-task and step-functions jobs cannot be built. */
    public static JobTargets withoutAws() {
        return aws(
                () -> {
                    throw new IllegalStateException("no ECS client here: ecs-task jobs need AWS");
                },
                () -> {
                    throw new IllegalStateException("no Step Functions client here: step-functions jobs need AWS");
                });
    }

    @Override
    public JobTarget create(JobTargetConfig cfg, ScheduledExecutorService timer) {
        if (cfg instanceof JobTargetConfig.EcsTask e) {
            return new EcsTaskTarget(ecs.get(), e, ecsPollInterval);
        }
        if (cfg instanceof JobTargetConfig.StepFunctions s) {
            return new StepFunctionsTarget(sfn.get(), s, timer);
        }
        if (cfg instanceof JobTargetConfig.Http h) {
            return new HttpTarget(http, h);
        }
        return new LocalProcessTarget((JobTargetConfig.Command) cfg);
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
