package dev.cutover.aws;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/**
 * Reads many metrics with as few GetMetricData calls as possible: up to {@value #MAX_QUERIES} metric
 * queries per call, so the calls grow with ceil(queries / 500), not with the number of queues. A
 * call that answers with a NextToken is followed up to {@value #MAX_PAGES} pages. Throttling is
 * retried with backoff by the client's retry strategy (see {@link AwsClients}).
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html">GetMetricData</a>
 */
public final class CloudWatchMetricReader {
    /** GetMetricData's limit on metric data queries per call. */
    public static final int MAX_QUERIES = 500;

    static final int MAX_PAGES = 10;

    private final Supplier<CloudWatchClient> cloudWatch;

    public CloudWatchMetricReader(CloudWatchClient cloudWatch) {
        this(() -> cloudWatch);
    }

    /** Over the client {@code cloudWatch} supplies, asked on each call (e.g. one built on first use). */
    public CloudWatchMetricReader(Supplier<CloudWatchClient> cloudWatch) {
        this.cloudWatch = cloudWatch;
    }

    /**
     * Reads every query's datapoints between {@code start} and {@code end}.
     *
     * @return a series per query (empty series for a query without data), in the queries' order
     * @throws software.amazon.awssdk.core.exception.SdkException when a call fails after retries
     */
    public Map<MetricQuery, MetricSeries> read(List<MetricQuery> queries, Instant start, Instant end) {
        Map<MetricQuery, MetricSeries> out = new LinkedHashMap<>();
        for (int from = 0; from < queries.size(); from += MAX_QUERIES) {
            List<MetricQuery> chunk = queries.subList(from, Math.min(queries.size(), from + MAX_QUERIES));
            out.putAll(readChunk(chunk, start, end));
        }
        return out;
    }

    private Map<MetricQuery, MetricSeries> readChunk(List<MetricQuery> chunk, Instant start, Instant end) {
        List<MetricDataQuery> sdk = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            sdk.add(toSdk("m" + i, chunk.get(i)));
        }
        Map<String, List<MetricSeries.Point>> points = new HashMap<>();
        Map<String, Boolean> partial = new HashMap<>();
        String token = null;
        int pages = 0;
        do {
            GetMetricDataResponse r = cloudWatch
                    .get()
                    .getMetricData(GetMetricDataRequest.builder()
                            .metricDataQueries(sdk)
                            .startTime(start)
                            .endTime(end)
                            .scanBy(ScanBy.TIMESTAMP_DESCENDING)
                            .nextToken(token)
                            .build());
            for (MetricDataResult result : r.metricDataResults()) {
                collect(result, points.computeIfAbsent(result.id(), k -> new ArrayList<>()));
                partial.merge(result.id(), result.statusCode() == StatusCode.PARTIAL_DATA, Boolean::logicalOr);
            }
            token = r.nextToken();
        } while (token != null && ++pages < MAX_PAGES);
        Map<MetricQuery, MetricSeries> out = new LinkedHashMap<>();
        for (int i = 0; i < chunk.size(); i++) {
            List<MetricSeries.Point> p = points.getOrDefault("m" + i, List.of());
            out.put(chunk.get(i), new MetricSeries(newestFirst(p), partial.getOrDefault("m" + i, false)));
        }
        return out;
    }

    private static void collect(MetricDataResult result, List<MetricSeries.Point> into) {
        List<Instant> ts = result.timestamps();
        List<Double> values = result.values();
        for (int i = 0; i < Math.min(ts.size(), values.size()); i++) {
            into.add(new MetricSeries.Point(ts.get(i), values.get(i)));
        }
    }

    private static List<MetricSeries.Point> newestFirst(List<MetricSeries.Point> p) {
        List<MetricSeries.Point> sorted = new ArrayList<>(p);
        sorted.sort((a, b) -> b.at().compareTo(a.at()));
        return sorted;
    }

    private static MetricDataQuery toSdk(String id, MetricQuery q) {
        List<Dimension> dims = q.dimensions().entrySet().stream()
                .map(e ->
                        Dimension.builder().name(e.getKey()).value(e.getValue()).build())
                .toList();
        return MetricDataQuery.builder()
                .id(id)
                .returnData(true)
                .metricStat(MetricStat.builder()
                        .metric(Metric.builder()
                                .namespace(q.namespace())
                                .metricName(q.metricName())
                                .dimensions(dims)
                                .build())
                        .period(q.periodSeconds())
                        .stat(q.stat())
                        .build())
                .build();
    }
}
