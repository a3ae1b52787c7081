package dev.cutover.bench;

import dev.cutover.aws.AwsClients;
import dev.cutover.aws.CloudWatchMetricReader;
import dev.cutover.aws.CloudWatchQueueMetrics;
import dev.cutover.config.AwsSettings;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * GetMetricData calls per queue poll (the bot's {@link CloudWatchQueueMetrics} over the SDK's
 * CloudWatch client, against WireMock speaking Smithy RPC v2 CBOR) and the poll's wall time, for 1,
 * 500 and 5,000 queues; the floor is GetMetricData's limit, ceil(2 queries × queues / 500).
 */
final class PollBench {
    private static final int[] QUEUES = {1, 500, 5000};

    private final Samples samples;
    private final FakeCloud fake;
    private final int rounds;

    PollBench(Samples samples, FakeCloud fake, int rounds) {
        this.samples = samples;
        this.fake = fake;
        this.rounds = rounds;
    }

    void run(Table table) {
        AwsSettings settings = new AwsSettings("us-east-1", URI.create(fake.base()), null);
        try (AwsClients aws = AwsClients.create(
                settings,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBENCHBENCHBENCH", "bench-secret")),
                AwsClients.standardRetries(1))) {
            CloudWatchQueueMetrics metrics = new CloudWatchQueueMetrics(new CloudWatchMetricReader(aws.cloudWatch()));
            for (int n : QUEUES) {
                metrics.read(names(n), Instant.now()); // warm-up
            }
            for (int r = 0; r < rounds; r++) {
                for (int n : QUEUES) {
                    List<String> names = names(n);
                    int before = fake.getMetricDataCalls.get();
                    long t0 = System.nanoTime();
                    int read = metrics.read(names, Instant.now()).size();
                    samples.add("poll." + n + ".ms", (System.nanoTime() - t0) / 1e6);
                    samples.add("poll." + n + ".calls", fake.getMetricDataCalls.get() - before);
                    if (read != n) {
                        throw new IllegalStateException("read " + read + " of " + n + " queues");
                    }
                }
            }
        }
        for (int n : QUEUES) {
            double calls = samples.median("poll." + n + ".calls");
            int floor = (2 * n + CloudWatchMetricReader.MAX_QUERIES - 1) / CloudWatchMetricReader.MAX_QUERIES;
            table.text(
                    "GetMetricData calls per poll, " + n + " queue" + (n == 1 ? "" : "s"),
                    Table.num(calls),
                    "ceil(2 × " + n + " / 500) = " + floor,
                    Table.num(calls / floor),
                    calls == floor ? "exact: met" : "exact: MISSED",
                    Table.num(samples.load("poll." + n + ".calls")));
            table.absolute(
                    "poll wall time, " + n + " queue" + (n == 1 ? "" : "s"),
                    "poll." + n + ".ms",
                    "ms",
                    "no baseline",
                    Double.NaN);
        }
    }

    private static List<String> names(int n) {
        return IntStream.range(0, n).mapToObj(i -> "queue-" + i).toList();
    }
}
