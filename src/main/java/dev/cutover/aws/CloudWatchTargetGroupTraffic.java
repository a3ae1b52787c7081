package dev.cutover.aws;

import dev.cutover.core.alert.TargetGroupTraffic;
import dev.cutover.core.alert.Traffic;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * {@link TargetGroupTraffic} from CloudWatch's {@code AWS/ApplicationELB} namespace, dimensions
 * LoadBalancer and TargetGroup, 60 s periods: RequestCount and HTTPCode_Target_5XX_Count (Sum,
 * summed over the window) and TargetResponseTime (p95, newest point). Three metric queries in one
 * GetMetricData call through {@link CloudWatchMetricReader}.
 *
 * @see <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html">ALB CloudWatch metrics</a>
 */
public final class CloudWatchTargetGroupTraffic implements TargetGroupTraffic {
    static final String NAMESPACE = "AWS/ApplicationELB";

    private final CloudWatchMetricReader reader;

    public CloudWatchTargetGroupTraffic(CloudWatchMetricReader reader) {
        this.reader = reader;
    }

    @Override
    public Traffic read(String loadBalancer, String targetGroup, Instant from, Instant to) {
        Map<String, String> dims = Map.of("LoadBalancer", loadBalancer, "TargetGroup", targetGroup);
        MetricQuery errors = new MetricQuery(NAMESPACE, "HTTPCode_Target_5XX_Count", dims, "Sum", 60);
        MetricQuery requests = new MetricQuery(NAMESPACE, "RequestCount", dims, "Sum", 60);
        MetricQuery p95 = new MetricQuery(NAMESPACE, "TargetResponseTime", dims, "p95", 60);
        Map<MetricQuery, MetricSeries> m = reader.read(List.of(errors, requests, p95), from, to);
        OptionalDouble latest = m.get(p95).newest().stream()
                .mapToDouble(MetricSeries.Point::value)
                .findFirst();
        return new Traffic(m.get(requests).sum(), m.get(errors).sum(), latest);
    }
}
