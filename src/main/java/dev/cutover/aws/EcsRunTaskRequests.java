package dev.cutover.aws;

import dev.cutover.config.JobTargetConfig;
import dev.cutover.core.job.Attempt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.ContainerOverride;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;

/** Builds the RunTask request of an attempt (ECS API reference, RunTask). */
final class EcsRunTaskRequests {
    private EcsRunTaskRequests() {}

    static RunTaskRequest build(JobTargetConfig.EcsTask cfg, Attempt a, String clientToken) {
        RunTaskRequest.Builder b = RunTaskRequest.builder()
                .cluster(cfg.cluster())
                .taskDefinition(cfg.taskDefinition())
                .count(1)
                .clientToken(clientToken)
                .startedBy("cutover")
                .networkConfiguration(n -> n.awsvpcConfiguration(v -> v.subnets(cfg.subnets())
                        .securityGroups(cfg.securityGroups())
                        .assignPublicIp(cfg.assignPublicIp() ? AssignPublicIp.ENABLED : AssignPublicIp.DISABLED)))
                .overrides(o -> o.containerOverrides(container(cfg, a)));
        if (cfg.capacityProviders().isEmpty()) {
            b.launchType(LaunchType.FARGATE);
        } else {
            b.capacityProviderStrategy(cfg.capacityProviders().stream()
                    .map(p -> CapacityProviderStrategyItem.builder()
                            .capacityProvider(p.provider())
                            .weight(p.weight())
                            .base(p.base())
                            .build())
                    .toList());
        }
        return b.build();
    }

    private static ContainerOverride container(JobTargetConfig.EcsTask cfg, Attempt a) {
        List<KeyValuePair> env = new ArrayList<>();
        cfg.environment()
                .forEach((k, v) ->
                        env.add(KeyValuePair.builder().name(k).value(v).build()));
        Map.of(
                        "CUTOVER_FIRE_ID", a.fire().key(),
                        "CUTOVER_FENCING_TOKEN", Long.toString(a.fencingToken()),
                        "CUTOVER_ATTEMPT", Integer.toString(a.number()))
                .forEach((k, v) ->
                        env.add(KeyValuePair.builder().name(k).value(v).build()));
        ContainerOverride.Builder c =
                ContainerOverride.builder().name(cfg.container()).environment(env);
        if (!cfg.command().isEmpty()) {
            c.command(cfg.command());
        }
        return c.build();
    }
}
