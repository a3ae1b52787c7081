package dev.cutover.aws;

import dev.cutover.config.AwsSettings;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.metrics.MetricPublisher;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Real SDK clients pointed at a local WireMock: static fake keys, an explicit region, and a known
 * number of attempts.
 */
public final class AwsTestClients {
    private static final StaticCredentialsProvider FAKE =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTESTTESTTESTTEST", "test-secret"));

    private AwsTestClients() {}

    /** Clients for {@code http://127.0.0.1:<port>} with {@code maxAttempts} attempts per call, 10 ms backoff. */
    public static AwsClients at(int port, int maxAttempts) {
        return AwsClients.create(settings(port), FAKE, fastRetries(maxAttempts));
    }

    /** The same clients, every call also reported to {@code metrics}. */
    public static AwsClients at(int port, int maxAttempts, MetricPublisher metrics) {
        return AwsClients.create(settings(port), FAKE, fastRetries(maxAttempts), metrics);
    }

    private static AwsSettings settings(int port) {
        return new AwsSettings("us-east-1", URI.create("http://127.0.0.1:" + port), null);
    }

    private static RetryStrategy fastRetries(int maxAttempts) {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(maxAttempts)
                .backoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(10)))
                .throttlingBackoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(10)))
                .circuitBreakerEnabled(false)
                .build();
    }

    /** An ECS client for {@code http://127.0.0.1:<port>} that never retries. */
    static EcsClient ecs(int port) {
        return EcsClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.AP_NORTHEAST_1)
                .credentialsProvider(FAKE)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** A Step Functions client for {@code http://127.0.0.1:<port>} that never retries. */
    static SfnClient sfn(int port) {
        return SfnClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.AP_NORTHEAST_1)
                .credentialsProvider(FAKE)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** An Elastic Load Balancing v2 client for {@code http://127.0.0.1:<port>} that never retries. */
    static ElasticLoadBalancingV2Client elb(int port) {
        return ElasticLoadBalancingV2Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(FAKE)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }
}
