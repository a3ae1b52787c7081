package dev.cutover.aws;

import java.util.Map;
import java.util.Objects;

/**
 * One CloudWatch metric statistic to read.
 *
 * @param namespace e.g. {@code AWS/SQS}
 * @param metricName e.g. {@code ApproximateNumberOfMessagesVisible}
 * @param dimensions e.g. {@code QueueName -> orders-worker}
 * @param stat e.g. {@code Maximum}, {@code Sum}, {@code p95}
 * @param periodSeconds the period, a multiple of 60 for standard-resolution metrics
 */
public record MetricQuery(
        String namespace, String metricName, Map<String, String> dimensions, String stat, int periodSeconds) {
    public MetricQuery {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(metricName, "metricName");
        Objects.requireNonNull(stat, "stat");
        dimensions = Map.copyOf(dimensions);
    }
}
