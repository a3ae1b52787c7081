package dev.cutover.aws;

import dev.cutover.core.alert.QueueMetrics;
import dev.cutover.core.alert.QueueSample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link QueueMetrics} from CloudWatch's {@code AWS/SQS} namespace: ApproximateNumberOfMessagesVisible
 * and ApproximateAgeOfOldestMessage (which exists only in CloudWatch), Maximum over 60 s periods in
 * the last {@value #WINDOW_MINUTES} minutes, newest point taken. Two metric queries per queue, batched
 * by {@link CloudWatchMetricReader}, so 250 queues cost one call.
 *
 * @see <a href="https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-available-cloudwatch-metrics.html">SQS CloudWatch metrics</a>
 */
public final class CloudWatchQueueMetrics implements QueueMetrics {
    static final String VISIBLE = "ApproximateNumberOfMessagesVisible";
    static final String AGE = "ApproximateAgeOfOldestMessage";
    /** SQS metrics arrive about once a minute, late; a 15-minute window always holds the newest. */
    static final int WINDOW_MINUTES = 15;

    private final CloudWatchMetricReader reader;

    public CloudWatchQueueMetrics(CloudWatchMetricReader reader) {
        this.reader = reader;
    }

    @Override
    public Map<String, QueueSample> read(Collection<String> queueNames, Instant now) {
        List<MetricQuery> queries = new ArrayList<>();
        for (String q : queueNames) {
            queries.add(query(q, VISIBLE));
            queries.add(query(q, AGE));
        }
        Map<MetricQuery, MetricSeries> series =
                reader.read(queries, now.minus(Duration.ofMinutes(WINDOW_MINUTES)), now);
        Map<String, QueueSample> out = new LinkedHashMap<>();
        for (String q : queueNames) {
            MetricSeries visible = series.get(query(q, VISIBLE));
            MetricSeries age = series.get(query(q, AGE));
            visible.newest()
                    .ifPresent(v -> out.put(
                            q,
                            new QueueSample(
                                    v.at(),
                                    v.value(),
                                    age.newest().map(MetricSeries.Point::value).orElse(null))));
        }
        return out;
    }

    private static MetricQuery query(String queue, String metric) {
        return new MetricQuery("AWS/SQS", metric, Map.of("QueueName", queue), "Maximum", 60);
    }
}
