package dev.cutover.config;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The whole configuration file; every section is optional and has defaults.
 *
 * @param slack how to reach Slack
 * @param aws region, endpoint override and role
 * @param redis the shared store; none means in-process, for a single instance
 * @param pairs the swap pairs, by name
 * @param queues the SQS queues whose backlog is watched, each with its channel filled in
 * @param services the ECS services whose scaling is reported, each with its channel filled in
 * @param alerts the default alert channel and the cutover watch
 */
public record CutoverConfig(
        SlackSettings slack,
        AwsSettings aws,
        RedisSettings redis,
        List<SwapPairConfig> pairs,
        List<QueueConfig> queues,
        List<ServiceConfig> services,
        AlertSettings alerts) {
    public CutoverConfig {
        slack = slack == null ? SlackSettings.defaults() : slack;
        aws = aws == null ? AwsSettings.defaults() : aws;
        redis = redis == null ? new RedisSettings(null) : redis;
        pairs = pairs == null ? List.of() : List.copyOf(pairs);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < pairs.size(); i++) {
            if (!names.add(pairs.get(i).name())) {
                throw ConfigException.invalid(
                        "pairs[" + i + "].name",
                        "duplicate pair name " + pairs.get(i).name());
            }
        }
        alerts = alerts == null ? AlertSettings.defaults() : alerts;
        queues = AlertConfigs.queues(queues, alerts, names);
        services = AlertConfigs.services(services, alerts, names, queues);
    }

    /** The pair called {@code name}, if configured. */
    public Optional<SwapPairConfig> pair(String name) {
        return pairs.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
