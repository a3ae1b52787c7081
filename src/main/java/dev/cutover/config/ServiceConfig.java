package dev.cutover.config;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * One entry of {@code services:}: an ECS service whose scaling is reported.
 *
 * @param cluster the ECS cluster name
 * @param service the ECS service name
 * @param channel the Slack channel ID for its messages; default {@code alerts.channel}
 * @param pair the swap pair it belongs to, whose cutover thread gets its messages, or null
 * @param queue the {@code queues:} entry (its name) whose depth drives the policy, or null
 * @param minTasks the scalable target's minimum capacity (default 1)
 * @param maxTasks the scalable target's maximum capacity (default 10)
 * @param policy the step scaling policy, or null when the service does not scale on a queue
 * @param scaling whether to read Application Auto Scaling activities (default: when a policy is set)
 * @param runningBelowDesiredFor warn when running stays below desired this long (default 5m)
 * @param pollInterval how often to poll (default 60s)
 */
public record ServiceConfig(
        String cluster,
        String service,
        String channel,
        String pair,
        String queue,
        Integer minTasks,
        Integer maxTasks,
        StepPolicyConfig policy,
        Boolean scaling,
        Duration runningBelowDesiredFor,
        Duration pollInterval) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");

    public ServiceConfig {
        if (cluster == null || !NAME.matcher(cluster).matches()) {
            throw ConfigException.invalid("cluster", "required; an ECS cluster name");
        }
        if (service == null || !NAME.matcher(service).matches()) {
            throw ConfigException.invalid("service", "required; an ECS service name");
        }
        if (channel != null && !QueueConfig.CHANNEL.matcher(channel.strip()).matches()) {
            throw ConfigException.invalid("channel", "expected a channel ID such as C0123ABCD");
        }
        minTasks = minTasks == null ? 1 : minTasks;
        maxTasks = maxTasks == null ? 10 : maxTasks;
        if (minTasks < 0 || maxTasks < minTasks) {
            throw ConfigException.invalid("maxTasks", "need 0 <= minTasks <= maxTasks");
        }
        scaling = scaling == null ? policy != null : scaling;
        runningBelowDesiredFor = runningBelowDesiredFor == null ? Duration.ofMinutes(5) : runningBelowDesiredFor;
        pollInterval = pollInterval == null ? Duration.ofSeconds(60) : pollInterval;
        if (pollInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw ConfigException.invalid("pollInterval", "must be at least 1s");
        }
    }

    /** {@code cluster/service}, how messages name it. */
    public String name() {
        return cluster + "/" + service;
    }

    /** The Application Auto Scaling resource id, {@code service/<cluster>/<service>}. */
    public String resourceId() {
        return "service/" + cluster + "/" + service;
    }

    ServiceConfig withDefaultChannel(String defaultChannel) {
        return channel != null
                ? this
                : new ServiceConfig(
                        cluster,
                        service,
                        defaultChannel,
                        pair,
                        queue,
                        minTasks,
                        maxTasks,
                        policy,
                        scaling,
                        runningBelowDesiredFor,
                        pollInterval);
    }
}
