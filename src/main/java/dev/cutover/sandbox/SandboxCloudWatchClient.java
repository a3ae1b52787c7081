package dev.cutover.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/**
 * GetMetricData over {@link SandboxMetrics}: AWS/SQS ApproximateNumberOfMessagesVisible and
 * ApproximateAgeOfOldestMessage (dimension QueueName), and AWS/ApplicationELB RequestCount,
 * HTTPCode_Target_5XX_Count and TargetResponseTime (dimension TargetGroup). Each known metric
 * answers one datapoint stamped now; unknown ones answer none, as CloudWatch does for a metric
 * without data. Other operations throw {@link UnsupportedOperationException}.
 */
public final class SandboxCloudWatchClient implements CloudWatchClient {
    private final SandboxMetrics metrics;

    public SandboxCloudWatchClient(SandboxMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public GetMetricDataResponse getMetricData(GetMetricDataRequest request) {
        List<MetricDataResult> results = new ArrayList<>();
        for (MetricDataQuery q : request.metricDataQueries()) {
            MetricDataResult.Builder r = MetricDataResult.builder().id(q.id()).statusCode(StatusCode.COMPLETE);
            value(q).ifPresentOrElse(v -> r.timestamps(metrics.now()).values(v), () -> r.timestamps(List.of())
                    .values(List.of()));
            results.add(r.build());
        }
        return GetMetricDataResponse.builder().metricDataResults(results).build();
    }

    private Optional<Double> value(MetricDataQuery q) {
        if (q.metricStat() == null) {
            return Optional.empty();
        }
        String metric = q.metricStat().metric().metricName();
        List<Dimension> dims = q.metricStat().metric().dimensions();
        return switch (metric) {
            case "ApproximateNumberOfMessagesVisible" -> metrics.queue(dim(dims, "QueueName"))
                    .map(SandboxMetrics.Queue::visible);
            case "ApproximateAgeOfOldestMessage" -> metrics.queue(dim(dims, "QueueName"))
                    .map(SandboxMetrics.Queue::oldestAgeSeconds);
            case "RequestCount" -> metrics.targetGroup(dim(dims, "TargetGroup"))
                    .map(SandboxMetrics.TargetGroup::requests);
            case "HTTPCode_Target_5XX_Count" -> metrics.targetGroup(dim(dims, "TargetGroup"))
                    .map(SandboxMetrics.TargetGroup::errors);
            case "TargetResponseTime" -> metrics.targetGroup(dim(dims, "TargetGroup"))
                    .map(SandboxMetrics.TargetGroup::p95Seconds);
            default -> Optional.empty();
        };
    }

    private static String dim(List<Dimension> dims, String name) {
        return dims.stream()
                .filter(d -> d.name().equals(name))
                .map(Dimension::value)
                .findFirst()
                .orElse("");
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {}
}
