package dev.cutover.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;
import software.amazon.awssdk.metrics.SdkMetric;

/**
 * The AWS SDK's per-call metrics as Micrometer meters (a {@link MetricPublisher} set on every client
 * {@code AwsClients} builds): {@code cutover_aws_calls_total{service,operation,outcome}} (outcome
 * {@code ok} or {@code failed}, after the SDK's retries), {@code cutover_aws_call_seconds} with the
 * same tags, {@code cutover_aws_retries_total{service,operation}} and {@code
 * cutover_aws_throttles_total{service,operation}} (attempts the service throttled, whether or not a
 * retry then succeeded). Services and operations are the SDK's names: a bounded set.
 *
 * @see <a href="https://docs.aws.amazon.com/sdk-for-java/latest/developer-guide/metrics-list.html">SDK metrics</a>
 */
public final class AwsCallMetrics implements MetricPublisher {
    private static final String THROTTLING = "Throttling";

    private final MeterRegistry registry;

    public AwsCallMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void publish(MetricCollection call) {
        String service = first(call, CoreMetric.SERVICE_ID, "unknown");
        String operation = first(call, CoreMetric.OPERATION_NAME, "unknown");
        boolean ok = Boolean.TRUE.equals(first(call, CoreMetric.API_CALL_SUCCESSFUL, Boolean.FALSE));
        String outcome = ok ? "ok" : "failed";
        Counter.builder("cutover.aws.calls")
                .description("AWS API calls (after the SDK's retries)")
                .tag("service", service)
                .tag("operation", operation)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
        Timer.builder("cutover.aws.call")
                .tag("service", service)
                .tag("operation", operation)
                .tag("outcome", outcome)
                .register(registry)
                .record(first(call, CoreMetric.API_CALL_DURATION, Duration.ZERO));
        int retries = first(call, CoreMetric.RETRY_COUNT, 0);
        if (retries > 0) {
            counter("cutover.aws.retries", service, operation).increment(retries);
        }
        long throttled = call.children().stream()
                .flatMap(attempt -> attempt.metricValues(CoreMetric.ERROR_TYPE).stream())
                .filter(THROTTLING::equals)
                .count();
        if (throttled > 0) {
            counter("cutover.aws.throttles", service, operation).increment(throttled);
        }
    }

    private Counter counter(String name, String service, String operation) {
        return Counter.builder(name)
                .tag("service", service)
                .tag("operation", operation)
                .register(registry);
    }

    private static <T> T first(MetricCollection c, SdkMetric<T> metric, T fallback) {
        List<T> values = c.metricValues(metric);
        return values.isEmpty() || values.get(0) == null ? fallback : values.get(0);
    }

    @Override
    public void close() {}
}
