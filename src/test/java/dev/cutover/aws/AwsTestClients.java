package dev.cutover.aws;

import dev.cutover.config.AwsSettings;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/** Real SDK clients pointed at a local WireMock: static fake keys, us-east-1, known attempts, 10 ms backoff. */
public final class AwsTestClients {
    private AwsTestClients() {}

    /** Clients for {@code http://127.0.0.1:<port>} with {@code maxAttempts} attempts per call. */
    public static AwsClients at(int port, int maxAttempts) {
        AwsSettings settings = new AwsSettings("us-east-1", URI.create("http://127.0.0.1:" + port), null);
        return AwsClients.create(
                settings,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTESTTESTTEST", "test-secret")),
                AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(maxAttempts)
                        .backoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(10)))
                        .throttlingBackoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(10)))
                        .circuitBreakerEnabled(false)
                        .build());
    }
}
